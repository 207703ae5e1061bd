using System.Data.Common;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace InvitationKit.EntityFrameworkCore.Stores;

/// <summary>
/// A command of several statements and result sets, sent through EF Core's own pipeline (so its logging, interceptors
/// and current transaction apply) as one round trip, and the rows of mapped entities read from it by the model's columns.
/// </summary>
internal static class EntityRows
{
    /// <summary>Executes <paramref name="sql"/> (placeholders <c>{0}</c>… as in <c>ExecuteSqlRaw</c>) and returns its reader.</summary>
    public static Task<RelationalDataReader> ExecuteReaderAsync(DbContext context, string sql, object?[] parameters, CancellationToken cancellationToken)
    {
        var command = context.GetService<IRawSqlCommandBuilder>().Build(sql, parameters!, context.Model);
        return command.RelationalCommand.ExecuteReaderAsync(
            new RelationalCommandParameterObject(
                context.GetService<IRelationalConnection>(),
                command.ParameterValues,
                null,
                context,
                context.GetService<IRelationalCommandDiagnosticsLogger>(),
                CommandSource.FromSqlQuery),
            cancellationToken);
    }

    /// <summary>Reads the current result set's one row and returns its first column as a count.</summary>
    public static async Task<int> ReadCountAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Reads the rest of the current result set as <typeparamref name="TEntity"/> rows, untracked.</summary>
    public static async Task<List<TEntity>> ReadAsync<TEntity>(DbContext context, DbDataReader reader, CancellationToken cancellationToken)
        where TEntity : new()
    {
        var columns = Columns<TEntity>.For(context.Model);
        var ordinals = new int[columns.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            ordinals[c] = reader.GetOrdinal(columns[c].Name);
        }

        var rows = new List<TEntity>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = new TEntity();
            for (var c = 0; c < columns.Length; c++)
            {
                columns[c].Set(row, reader, ordinals[c]);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>
    /// The mapped columns of <typeparamref name="TEntity"/>, each with a setter compiled once per model: it reads the
    /// column as its provider type, converts it as the property's value converter does, and assigns the property
    /// (null, or the default, for a database NULL).
    /// </summary>
    private static class Columns<TEntity>
    {
        private static readonly ConditionalWeakTable<IModel, Column[]> ByModel = [];

        public static Column[] For(IModel model) => ByModel.GetValue(model, Compile);

        private static Column[] Compile(IModel model)
        {
            var entityType = model.FindEntityType(typeof(TEntity))
                ?? throw new InvalidOperationException($"The model does not map {typeof(TEntity).Name}: call ApplyInvitationKitModel() in OnModelCreating.");
            var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
            return [.. entityType.GetProperties().Select(property => new Column(property.GetColumnName(table) ?? property.GetColumnName(), Setter(property)))];
        }

        private static Action<TEntity, DbDataReader, int> Setter(IProperty property)
        {
            var clrProperty = property.PropertyInfo ?? throw new InvalidOperationException($"{property.Name} is not a CLR property.");
            var converter = property.GetTypeMapping().Converter;
            var providerType = converter?.ProviderClrType ?? property.ClrType;
            var readType = Nullable.GetUnderlyingType(providerType) ?? providerType;
            var (row, reader, ordinal) = (Expression.Parameter(typeof(TEntity)), Expression.Parameter(typeof(DbDataReader)), Expression.Parameter(typeof(int)));
            Expression value = Expression.Call(reader, nameof(DbDataReader.GetFieldValue), [readType], ordinal);
            if (converter is not null)
            {
                var fromProvider = converter.ConvertFromProviderExpression;
                value = Expression.Invoke(fromProvider, Expression.Convert(value, fromProvider.Parameters[0].Type));
            }

            var assigned = Expression.Condition(
                Expression.Call(reader, nameof(DbDataReader.IsDBNull), Type.EmptyTypes, ordinal),
                Expression.Default(clrProperty.PropertyType),
                Expression.Convert(value, clrProperty.PropertyType));
            return Expression.Lambda<Action<TEntity, DbDataReader, int>>(Expression.Assign(Expression.Property(row, clrProperty), assigned), row, reader, ordinal).Compile();
        }

        /// <summary>One mapped property: its column's name and its compiled setter.</summary>
        public sealed record Column(string Name, Action<TEntity, DbDataReader, int> Set);
    }
}
