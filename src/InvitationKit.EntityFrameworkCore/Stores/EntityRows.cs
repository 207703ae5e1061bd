using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace InvitationKit.EntityFrameworkCore.Stores;

/// <summary>
/// Reads the result sets of a command of several statements (sent as one round trip by
/// <see cref="RawSql.ExecuteReaderAsync"/>): a count, or the rows of mapped entities by the model's columns
/// (<see cref="EntityColumns{TEntity}"/>).
/// </summary>
internal static class EntityRows
{
    /// <summary>Reads the current result set's one row and returns its first column as a count.</summary>
    public static async Task<int> ReadCountAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Reads the rest of the current result set as <typeparamref name="TEntity"/> rows, untracked. The statement selects
    /// <see cref="EntityColumns{TEntity}.SelectList"/>, never <c>*</c>: a table's columns need not be in the model's order.
    /// </summary>
    public static async Task<List<TEntity>> ReadAsync<TEntity>(DbContext context, DbDataReader reader, CancellationToken cancellationToken)
        where TEntity : new()
    {
        var columns = EntityColumns<TEntity>.For(context.Model);
        CheckColumns(columns, reader, extra: 0);

        var rows = new List<TEntity>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(Row(columns, reader));
        }

        return rows;
    }

    /// <summary>
    /// Reads the current result set's first row, if any, as a <typeparamref name="TEntity"/> (its select list first, as
    /// for <see cref="ReadAsync"/>) and its last column, <paramref name="extra"/>, one more than the entity's (a count,
    /// say), as a number.
    /// </summary>
    public static async Task<(TEntity? Row, long Extra)> ReadFirstAsync<TEntity>(DbContext context, DbDataReader reader, string extra, CancellationToken cancellationToken)
        where TEntity : class, new()
    {
        var columns = EntityColumns<TEntity>.For(context.Model);
        var last = columns.Length;
        CheckColumns(columns, reader, extra: 1);
        if (!string.Equals(reader.GetName(last), extra, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"The result set's last column is not '{extra}'.");
        }

        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? (Row(columns, reader), Convert.ToInt64(reader.GetValue(last), System.Globalization.CultureInfo.InvariantCulture))
            : (null, 0);
    }

    /// <summary>The reader's current row as a <typeparamref name="TEntity"/>, each column read at its index.</summary>
    private static TEntity Row<TEntity>(EntityColumns<TEntity>.Column[] columns, DbDataReader reader)
        where TEntity : new()
    {
        var row = new TEntity();
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c].Set(row, reader, c);
        }

        return row;
    }

    /// <summary>
    /// Checks that the result set is the select list and <paramref name="extra"/> columns more: as many columns, and the
    /// list's first and last by name (every name would be a native call each on SQLite; a <c>SELECT *</c> shows at either end).
    /// </summary>
    private static void CheckColumns<TEntity>(EntityColumns<TEntity>.Column[] columns, DbDataReader reader, int extra)
    {
        if (reader.FieldCount != columns.Length + extra
            || !string.Equals(reader.GetName(0), columns[0].Name, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(reader.GetName(columns.Length - 1), columns[^1].Name, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"The result set's columns are not {typeof(TEntity).Name}'s select list (EntityColumns.SelectList).");
        }
    }
}
