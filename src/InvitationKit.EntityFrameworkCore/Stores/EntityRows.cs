using System.Data.Common;
using System.Globalization;
using System.Reflection;
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

    /// <summary>Reads the rest of the current result set as <typeparamref name="TEntity"/> rows, untracked.</summary>
    public static async Task<List<TEntity>> ReadAsync<TEntity>(DbContext context, DbDataReader reader, CancellationToken cancellationToken)
        where TEntity : new()
    {
        var entityType = context.Model.FindEntityType(typeof(TEntity))
            ?? throw new InvalidOperationException($"The model does not map {typeof(TEntity).Name}: call ApplyInvitationKitModel() in OnModelCreating.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = entityType.GetProperties().Select(property => new Column(property, table, reader)).ToArray();
        var rows = new List<TEntity>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = new TEntity();
            foreach (var column in columns)
            {
                column.Set(row, reader);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>One mapped property: where its column is in the result set, and how its value is converted.</summary>
    private sealed class Column
    {
        private readonly PropertyInfo _property;
        private readonly int _ordinal;
        private readonly Type _providerType;
        private readonly Func<object?, object?>? _fromProvider;

        public Column(IProperty property, StoreObjectIdentifier table, DbDataReader reader)
        {
            _property = property.PropertyInfo ?? throw new InvalidOperationException($"{property.Name} is not a CLR property.");
            _ordinal = reader.GetOrdinal(property.GetColumnName(table) ?? property.GetColumnName());
            var converter = property.GetTypeMapping().Converter;
            _fromProvider = converter?.ConvertFromProvider;
            var clrType = converter?.ProviderClrType ?? property.ClrType;
            _providerType = Nullable.GetUnderlyingType(clrType) ?? clrType;
        }

        public void Set(object row, DbDataReader reader)
        {
            object? value = null;
            if (!reader.IsDBNull(_ordinal))
            {
                value = _providerType == typeof(Guid) ? reader.GetGuid(_ordinal)
                    : _providerType == typeof(byte[]) ? reader.GetFieldValue<byte[]>(_ordinal)
                    : Convert.ChangeType(reader.GetValue(_ordinal), _providerType, CultureInfo.InvariantCulture);
            }

            _property.SetValue(row, _fromProvider is null ? value : _fromProvider(value));
        }
    }
}
