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

    /// <summary>Reads the rest of the current result set as <typeparamref name="TEntity"/> rows, untracked.</summary>
    public static async Task<List<TEntity>> ReadAsync<TEntity>(DbContext context, DbDataReader reader, CancellationToken cancellationToken)
        where TEntity : new()
    {
        var columns = EntityColumns<TEntity>.For(context.Model);
        var ordinals = Ordinals(columns, reader);

        var rows = new List<TEntity>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(Row(columns, reader, ordinals));
        }

        return rows;
    }

    /// <summary>
    /// Reads the current result set's first row, if any, as a <typeparamref name="TEntity"/> and its last column,
    /// <paramref name="extra"/>, one more than the entity's (a count, say), as a number.
    /// </summary>
    public static async Task<(TEntity? Row, long Extra)> ReadFirstAsync<TEntity>(DbContext context, DbDataReader reader, string extra, CancellationToken cancellationToken)
        where TEntity : class, new()
    {
        var columns = EntityColumns<TEntity>.For(context.Model);
        var ordinals = Ordinals(columns, reader);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return (null, 0);
        }

        // The last column, by name checked (GetOrdinal would read the names again, up to every one).
        var last = reader.FieldCount - 1;
        return string.Equals(reader.GetName(last), extra, StringComparison.OrdinalIgnoreCase)
            ? (Row(columns, reader, ordinals), Convert.ToInt64(reader.GetValue(last), System.Globalization.CultureInfo.InvariantCulture))
            : throw new InvalidOperationException($"The result set's last column is not '{extra}'.");
    }

    /// <summary>The reader's current row as a <typeparamref name="TEntity"/>, each column read at its ordinal.</summary>
    private static TEntity Row<TEntity>(EntityColumns<TEntity>.Column[] columns, DbDataReader reader, int[] ordinals)
        where TEntity : new()
    {
        var row = new TEntity();
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c].Set(row, reader, ordinals[c]);
        }

        return row;
    }

    /// <summary>
    /// Where each of <paramref name="columns"/> is in the result set: each result column's name read once (a
    /// <c>GetOrdinal</c> per column would read up to every name again, on SQLite a native call each).
    /// </summary>
    private static int[] Ordinals<TEntity>(EntityColumns<TEntity>.Column[] columns, DbDataReader reader)
    {
        var ordinals = new int[columns.Length];
        ordinals.AsSpan().Fill(-1);
        for (var ordinal = 0; ordinal < reader.FieldCount; ordinal++)
        {
            var name = reader.GetName(ordinal);
            // Usually the model's order (SELECT * of the table the model made): the same index, else a search.
            var c = ordinal < columns.Length && string.Equals(columns[ordinal].Name, name, StringComparison.OrdinalIgnoreCase)
                ? ordinal
                : Array.FindIndex(columns, column => string.Equals(column.Name, name, StringComparison.OrdinalIgnoreCase));
            if (c >= 0 && ordinals[c] < 0)
            {
                ordinals[c] = ordinal;
            }
        }

        var missing = Array.IndexOf(ordinals, -1);
        return missing < 0 ? ordinals : throw new InvalidOperationException($"The result set has no column '{columns[missing].Name}'.");
    }
}
