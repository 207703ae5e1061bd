using System.Data.Common;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace InvitationKit.EntityFrameworkCore.Stores;

/// <summary>
/// The mapped columns of <typeparamref name="TEntity"/>, read from the EF model (never copied by hand) and compiled
/// once per model: each column's name, a setter that reads the column as its provider type, converts it as the
/// property's value converter does and assigns the property (null, or the default, for a database NULL in a nullable
/// column), and a getter that returns the property's value as the provider stores it.
/// </summary>
/// <typeparam name="TEntity">A mapped entity type.</typeparam>
internal static class EntityColumns<TEntity>
{
    private static readonly ConditionalWeakTable<IModel, Column[]> ByModel = [];
    private static readonly ConditionalWeakTable<IModel, string> SelectLists = [];

    /// <summary>The columns of <typeparamref name="TEntity"/> in <paramref name="model"/>, in the model's property order.</summary>
    /// <param name="model">The context's model.</param>
    /// <returns>The columns.</returns>
    public static Column[] For(IModel model) => ByModel.GetValue(model, Compile);

    /// <summary>
    /// The columns' names in the model's property order, comma-separated: the select list of a read by
    /// <see cref="EntityRows"/>, which then finds each column at its index, without asking the reader for names.
    /// </summary>
    /// <param name="model">The context's model.</param>
    /// <returns>The select list.</returns>
    public static string SelectList(IModel model) => SelectLists.GetValue(model, m => string.Join(", ", For(m).Select(column => column.Name)));

    private static Column[] Compile(IModel model)
    {
        var entityType = model.FindEntityType(typeof(TEntity))
            ?? throw new InvalidOperationException($"The model does not map {typeof(TEntity).Name}: call ApplyInvitationKitModel() in OnModelCreating.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        return [.. entityType.GetProperties().Select(property =>
        {
            var clrProperty = property.PropertyInfo ?? throw new InvalidOperationException($"{property.Name} is not a CLR property.");
            return new Column(property.GetColumnName(table) ?? property.GetColumnName(), Setter(property, clrProperty), Getter(property, clrProperty));
        })];
    }

    private static Action<TEntity, DbDataReader, int> Setter(IProperty property, PropertyInfo clrProperty)
    {
        // Read as EF Core's own materializer reads the column: with the type mapping's getter (GetString, GetInt64, …) and
        // the provider's customization of it.
        var mapping = (RelationalTypeMapping)property.GetTypeMapping();
        var converter = mapping.Converter;
        var (row, reader, ordinal) = (Expression.Parameter(typeof(TEntity)), Expression.Parameter(typeof(DbDataReader)), Expression.Parameter(typeof(int)));
        var get = mapping.GetDataReaderMethod();
        Expression value = mapping.CustomizeDataReaderExpression(Expression.Call(Expression.Convert(reader, get.DeclaringType!), get, ordinal));
        if (converter is not null)
        {
            var fromProvider = converter.ConvertFromProviderExpression;
            value = Expression.Invoke(fromProvider, Expression.Convert(value, fromProvider.Parameters[0].Type));
        }

        // A column the model says is never NULL is read without asking (as EF Core's materializer does): on SQLite each
        // IsDBNull is a native call, and the typed getter asks again.
        value = Expression.Convert(value, clrProperty.PropertyType);
        var assigned = property.IsNullable
            ? Expression.Condition(Expression.Call(reader, nameof(DbDataReader.IsDBNull), Type.EmptyTypes, ordinal), Expression.Default(clrProperty.PropertyType), value)
            : value;
        return Expression.Lambda<Action<TEntity, DbDataReader, int>>(Expression.Assign(Expression.Property(row, clrProperty), assigned), row, reader, ordinal).Compile();
    }

    private static Func<TEntity, object?> Getter(IProperty property, PropertyInfo clrProperty)
    {
        var row = Expression.Parameter(typeof(TEntity));
        var get = Expression.Lambda<Func<TEntity, object?>>(Expression.Convert(Expression.Property(row, clrProperty), typeof(object)), row).Compile();
        var converter = property.GetTypeMapping().Converter;
        return converter is null ? get : entity => converter.ConvertToProvider(get(entity));
    }

    /// <summary>One mapped property: its column's name, its compiled setter and its getter.</summary>
    /// <param name="Name">The column's name.</param>
    /// <param name="Set">Reads the column at an ordinal of a reader into a row's property.</param>
    /// <param name="Get">A row's value of the column, as the provider stores it (null for NULL).</param>
    public sealed record Column(string Name, Action<TEntity, DbDataReader, int> Set, Func<TEntity, object?> Get);
}
