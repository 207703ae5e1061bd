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
}
