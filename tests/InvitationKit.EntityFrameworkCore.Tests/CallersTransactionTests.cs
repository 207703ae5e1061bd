using Microsoft.EntityFrameworkCore;

namespace InvitationKit.EntityFrameworkCore.Tests;

/// <summary>
/// The store's writes own their transactions: over a context on which its caller opened one
/// (<see cref="InvitationKitStores.Create{TContext}"/>), a write refuses to run rather than join it, so the caller's
/// rollback never undoes an acceptance the kit reported. PostgreSQL's acceptance, one statement that needs no
/// transaction of its own, refuses there too.
/// </summary>
public sealed class CallersTransactionTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 1, 1, 0, 0);

    [Fact]
    public Task An_acceptance_refuses_to_join_its_callers_transaction_on_sqlite() => RefusesAsync(InvitationKitDatabase.Sqlite);

    [PostgresFact]
    public Task An_acceptance_refuses_to_join_its_callers_transaction_on_postgresql() => RefusesAsync(InvitationKitDatabase.PostgreSql);

    private static async Task RefusesAsync(InvitationKitDatabase kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var context = new InvitationKitDbContext(TestDatabase.Options(database.Kind, database.ConnectionString));
        var stores = InvitationKitStores.Create(context);
        var invitation = TestInvitations.Pending("acme", "bob@example.com", T0, Duration.FromDays(7));
        Assert.Equal(BatchInsertStatus.Inserted, (await stores.Invitations.InsertBatchAsync(new InvitationBatch("acme", 10, T0, [invitation]), default)).Status);
        var member = new Member("acme", invitation.UserId!, ["VIEWER"], false, T0, invitation.Id);
        var acceptance = new Acceptance(invitation with { Status = InvitationStatus.Accepted, ResolvedAt = T0, ResolvedBy = member.UserId }, member, MakeActiveForProduct: false);

        await using (var callers = await context.Database.BeginTransactionAsync())
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => stores.Members.AcceptAsync(acceptance, default));
            await callers.RollbackAsync();
        }

        Assert.Equal(InvitationStatus.Pending, (await stores.Invitations.FindByIdAsync(invitation.Id, default))!.Status);
        Assert.Equal(AcceptanceStatus.Accepted, (await stores.Members.AcceptAsync(acceptance, default)).Status); // on its own, it accepts
    }
}
