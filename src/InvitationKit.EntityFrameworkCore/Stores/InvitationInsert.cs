using System.Data.Common;
using InvitationKit.EntityFrameworkCore.Model;
using Microsoft.EntityFrameworkCore;

namespace InvitationKit.EntityFrameworkCore.Stores;

/// <summary>
/// Inserts a whole batch of invitations in one statement (a multi-row <c>INSERT</c>): EF Core's SQLite provider sends
/// one command per row, which would make an invite's round trips grow with its batch.
/// </summary>
internal static class InvitationInsert
{
    private static readonly string[] Columns =
    [
        "id", "account_id", "product_id", "email", "email_key", "kind", "user_id", "roles", "grants_owner", "invited_by", "created_at",
        "expires_at", "status", "secret_hash", "otp_hash", "key_id", "issued_at", "activation_claimed_at", "delivery", "send_count",
        "delivery_attempts", "next_delivery_at", "resolved_at", "resolved_by", "revision",
    ];

    public static async Task InsertAsync(DbContext context, DatabaseDialect dialect, IReadOnlyList<InvitationEntity> rows, CancellationToken cancellationToken)
    {
        // The provider's own parameters, so a null travels as a typed-by-column NULL.
        using var factory = context.Database.GetDbConnection().CreateCommand();
        var parameters = new List<DbParameter>(rows.Count * Columns.Length);
        var values = new List<string>(rows.Count);
        foreach (var row in rows)
        {
            object?[] cells =
            [
                dialect.GuidParameter(row.Id), row.AccountId, row.ProductId, row.Email, row.EmailKey, row.Kind, row.UserId, row.Roles,
                row.GrantsOwner, row.InvitedBy, row.CreatedAt, row.ExpiresAt, row.Status, row.SecretHash, row.OtpHash, row.KeyId,
                row.IssuedAt, row.ActivationClaimedAt, row.Delivery, row.SendCount, row.DeliveryAttempts, row.NextDeliveryAt,
                row.ResolvedAt, row.ResolvedBy, row.Revision,
            ];
            var names = new string[cells.Length];
            for (var i = 0; i < cells.Length; i++)
            {
                var parameter = factory.CreateParameter();
                parameter.ParameterName = names[i] = $"@p{parameters.Count}";
                parameter.Value = cells[i] ?? DBNull.Value;
                parameters.Add(parameter);
            }

            values.Add("(" + string.Join(", ", names) + ")");
        }

        // Only parameter names are spliced in; every value is a parameter.
#pragma warning disable EF1002, EF1003
        await context.Database.ExecuteSqlRawAsync(
            $"INSERT INTO invitationkit_invitations ({string.Join(", ", Columns)}) VALUES {string.Join(", ", values)}",
            parameters,
            cancellationToken).ConfigureAwait(false);
#pragma warning restore EF1002, EF1003
    }
}
