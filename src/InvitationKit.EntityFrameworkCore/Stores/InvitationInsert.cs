using InvitationKit.EntityFrameworkCore.Model;
using Microsoft.EntityFrameworkCore;

namespace InvitationKit.EntityFrameworkCore.Stores;

/// <summary>
/// Inserts a whole batch of invitations in one statement (a multi-row <c>INSERT</c>): EF Core's SQLite provider sends
/// one command per row, which would make an invite's round trips grow with its batch. The columns and each row's values
/// come from the EF model (<see cref="EntityColumns{TEntity}"/>), as the rows are read back.
/// </summary>
internal static class InvitationInsert
{
    public static async Task InsertAsync(DbContext context, DatabaseDialect dialect, IReadOnlyList<InvitationEntity> rows, CancellationToken cancellationToken)
    {
        var columns = EntityColumns<InvitationEntity>.For(context.Model);
        // The provider's own parameters, so a null travels as a typed-by-column NULL.
        using var factory = context.Database.GetDbConnection().CreateCommand();
        object Parameter(object? value)
        {
            var parameter = factory.CreateParameter();
            parameter.Value = value is Guid id ? dialect.GuidParameter(id) : value ?? DBNull.Value;
            return parameter;
        }

        var sql = new SqlBuilder().Append($"INSERT INTO {Tables.Invitations} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ");
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var values = sql.List(columns.Select(c => Parameter(c.Get(row))));
            sql.Append(r == 0 ? $"({values})" : $", ({values})");
        }

        await RawSql.ExecuteAsync(context, sql, cancellationToken).ConfigureAwait(false);
    }
}
