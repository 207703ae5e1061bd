using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.EntityFrameworkCore.Tests;

/// <summary>
/// The cross-instance race: 8 workers, each with its own DI scope, DbContext and database connection (as separate app
/// instances would have), race invite batches for an account's last seats and accept / revoke / resend on shared
/// invitations, and re-invite them with <see cref="PendingInvitationChoice.Replace"/>; afterwards the invariants are checked directly in the database with SQL.
/// </summary>
public sealed class ManagerRaceTests
{
    private const int Workers = 8;
    private const int Limit = 12;

    [Fact]
    public Task Racing_managers_keep_every_invariant_on_sqlite() => RaceAsync(InvitationKitDatabase.Sqlite);

    [PostgresFact]
    public Task Racing_managers_keep_every_invariant_on_postgresql() => RaceAsync(InvitationKitDatabase.PostgreSql);

    private static async Task RaceAsync(InvitationKitDatabase kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var services = new ServiceCollection();
        services.AddDbContext<InvitationKitDbContext>(o => database.Configure(o));
        services.AddInvitationKit(o =>
            {
                o.SecretKey = RandomNumberGenerator.GetBytes(32);
                (o.RateLimits, o.ResendCooldown, o.MaxSends) = (InvitationRateLimitOptions.Unlimited(), Duration.Zero, 100);
            })
            .UseInMemoryPorts()
            .UseEntityFrameworkCore<InvitationKitDbContext>();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        Assert.IsType<Stores.EntityFrameworkCoreInvitationStore<InvitationKitDbContext>>(provider.CreateScope().ServiceProvider.GetRequiredService<IInvitationStore>());
        var accounts = provider.GetRequiredService<InMemoryAccountDirectory>();
        var mailer = provider.GetRequiredService<CapturingMailer>();
        var users = provider.GetRequiredService<InMemoryUserDirectory>();

        for (var round = 0; round < 6; round++)
        {
            var account = $"acct{round}";
            accounts.Add(new AccountInfo(account, account, UserLimit: Limit));
            await using (var scope = provider.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<IInvitationManager>().AddFoundingOwnerAsync(account, "owner");
            }

            var owner = Actor.User("owner");
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var workers = Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
            {
                await using var scope = provider.CreateAsyncScope();
                var manager = scope.ServiceProvider.GetRequiredService<IInvitationManager>();
                await start.Task;
                for (var step = 0; step < 6; step++)
                {
                    var batch = Enumerable.Range(0, 1 + ((worker + step) % 3)).Select(i => new InviteRecipient($"r{round}w{worker}s{step}i{i}@example.com", "VIEWER")).ToArray();
                    await manager.InviteAsync(owner, new InviteRequest(account, "cloud", batch));

                    // Everyone also races on the account's shared invitations: the first ones mailed.
                    var shared = mailer.Sent.Where(m => m.Account.Id == account).Take(3).ToArray();
                    foreach (var mail in shared)
                    {
                        _ = (worker % 4) switch
                        {
                            0 => await manager.AcceptAsync(mail.Secret, await SignInAsync(users, mail.Recipient)),
                            1 => (object)await manager.RevokeAsync(owner, mail.InvitationId),
                            2 => await manager.ResendAsync(owner, mail.InvitationId),
                            _ => await manager.InviteAsync(owner, new InviteRequest(account, "cloud", [new InviteRecipient(mail.Recipient.Value, "EDITOR")], WhenPending: PendingInvitationChoice.Replace)),
                        };
                    }
                }
            })).ToArray();
            start.SetResult();
            await Task.WhenAll(workers);

            await AssertInvariantsAsync(database, account);
        }
    }

    /// <summary>The invitee registers through the host since the invitation was sent, then signs in.</summary>
    private static async Task<SignedInIdentity> SignInAsync(InMemoryUserDirectory users, EmailAddress email)
    {
        var user = await users.CreatePendingUserAsync(email, default);
        users.SetState(user.Id, UserState.Enabled);
        return new SignedInIdentity(user.Id, email.Value, "password", EmailVerified: true);
    }

    private static async Task AssertInvariantsAsync(TestDatabase database, string account)
    {
        var now = Instant.FromUnixTimeTicks(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 10_000);
        var members = await database.ScalarAsync($"SELECT COUNT(*) AS \"Value\" FROM invitationkit_members WHERE account_id = '{account}'");
        var pending = await database.ScalarAsync($"SELECT COUNT(*) AS \"Value\" FROM invitationkit_invitations WHERE account_id = '{account}' AND status = 0 AND expires_at > {now.ToUnixTimeTicks()}");
        Assert.True(members + pending <= Limit, $"{account}: {members} members + {pending} pending > {Limit}");
        // The race must have reached the limit: seats still taken, plus those revoked (at most the 3 shared
        // invitations, possibly after the last invite), leave less than one batch (≤ 3) free.
        var revoked = await database.ScalarAsync($"SELECT COUNT(*) AS \"Value\" FROM invitationkit_invitations WHERE account_id = '{account}' AND status = 3");
        Assert.True(members + pending + revoked >= Limit - 2, $"{account}: seats should fill up, got {members} + {pending} + {revoked} revoked");

        // At most one pending invitation per (account, address).
        Assert.Equal(0, await database.ScalarAsync(
            $"SELECT COUNT(*) AS \"Value\" FROM (SELECT email_key FROM invitationkit_invitations WHERE account_id = '{account}' AND status = 0 GROUP BY email_key HAVING COUNT(*) > 1) d"));

        // Every accepted invitation has exactly one membership, and no other invitation has any.
        Assert.Equal(0, await database.ScalarAsync(
            $"SELECT COUNT(*) AS \"Value\" FROM invitationkit_invitations i WHERE i.account_id = '{account}' AND "
            + "(SELECT COUNT(*) FROM invitationkit_members m WHERE m.invitation_id = i.id) <> CASE WHEN i.status = 1 THEN 1 ELSE 0 END"));

        // The membership belongs to whoever the stored acceptance names: one winner, recorded consistently.
        Assert.Equal(0, await database.ScalarAsync(
            $"SELECT COUNT(*) AS \"Value\" FROM invitationkit_invitations i JOIN invitationkit_members m ON m.invitation_id = i.id "
            + $"WHERE i.account_id = '{account}' AND (i.status <> 1 OR m.user_id <> i.resolved_by)"));

        // A replace racing an acceptance never changes the roles under it: the member has the roles its invitation was accepted with.
        Assert.Equal(0, await database.ScalarAsync(
            $"SELECT COUNT(*) AS \"Value\" FROM invitationkit_invitations i JOIN invitationkit_members m ON m.invitation_id = i.id "
            + $"WHERE i.account_id = '{account}' AND m.roles <> i.roles"));
    }
}
