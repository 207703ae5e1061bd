using InvitationKit.EntityFrameworkCore.Model;
using Microsoft.EntityFrameworkCore.Metadata;

namespace InvitationKit.EntityFrameworkCore.Stores;

/// <summary>
/// An invitation's compare-and-swap as one statement of a raw command, <c>UPDATE … WHERE id = @id AND revision = @expected</c>:
/// what <c>SaveChanges</c> sends for a changed invitation, without its change tracking and batching, so that it can share
/// a command with the statements that depend on it. The columns and values come from the EF model
/// (<see cref="EntityColumns{TEntity}"/>), as <see cref="InvitationInsert"/>'s do.
/// </summary>
internal static class InvitationSwap
{
    private const string IdColumn = "id";
    private const string RevisionColumn = "revision";

    /// <summary>
    /// The statement that replaces the invitation at <paramref name="expectedRevision"/> by <paramref name="stored"/> (whose
    /// revision is the next): only the columns that differ from <paramref name="before"/> when it is known, else every
    /// column. Its values are added to <paramref name="sql"/>; it changes one row, or none when the revision moved on.
    /// </summary>
    public static string Update(SqlBuilder sql, IModel model, DatabaseDialect dialect, InvitationEntity? before, InvitationEntity stored, long expectedRevision)
    {
        var set = new List<string>();
        foreach (var column in EntityColumns<InvitationEntity>.For(model))
        {
            var value = column.Get(stored);
            if (column.Name != IdColumn && (before is null || !SameValue(column.Get(before), value)))
            {
                set.Add($"{column.Name} = {sql.Value(value is Guid id ? dialect.GuidParameter(id) : value)}");
            }
        }

        return $"UPDATE {Tables.Invitations} SET {string.Join(", ", set)} "
            + $"WHERE {IdColumn} = {sql.Value(dialect.GuidParameter(stored.Id))} AND {RevisionColumn} = {sql.Value(expectedRevision)}";
    }

    private static bool SameValue(object? a, object? b) =>
        Equals(a, b) || (a is byte[] x && b is byte[] y && x.AsSpan().SequenceEqual(y));
}
