using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using InvitationKit.Tests.Infrastructure;

namespace InvitationKit.Tests.Properties;

/// <summary>SPEC §2 rule 2 and §4 under concurrency: the seat limit and every status change hold when callers race.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Many_parallel_batches_racing_for_the_last_seats_never_exceed_the_limit()
    {
        for (var round = 0; round < 25; round++)
        {
            await using var kit = await TestKit.CreateAsync(userLimit: 10); // owner + 9 seats
            var batches = Enumerable.Range(0, 24).Select(b => Enumerable.Range(0, 1 + (b % 3)).Select(i => $"r{round}b{b}i{i}@example.com").ToArray()).ToArray();
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var racing = batches.Select(batch => Task.Run(async () =>
            {
                await start.Task;
                return await kit.InviteAsync(batch);
            })).ToArray();
            start.SetResult();
            var results = await Task.WhenAll(racing);

            var won = batches.Zip(results).Where(p => p.Second.Succeeded).Sum(p => p.First.Length);
            var occupied = (await kit.Manager.GetSeatUsageAsync(kit.Owner, TestKit.AccountId)).ShouldSucceed().Occupied;
            Assert.True(occupied <= 10, $"round {round}: {occupied} seats occupied");
            Assert.Equal(1 + won, occupied);
            Assert.Equal(won, kit.Store.Invitations.Count);
            Assert.All(results.Where(r => !r.Succeeded), r => Assert.True(r.HasError(InvitationErrorCode.UserLimitExceeded)));
            Assert.True(won >= 7, "the seats should fill up"); // every batch is ≤ 3, so at most 2 seats can stay free
        }
    }

    [Fact]
    public async Task Racing_batches_for_the_same_address_leave_one_pending_invitation()
    {
        for (var round = 0; round < 25; round++)
        {
            await using var kit = await TestKit.CreateAsync();
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var racing = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
            {
                await start.Task;
                return await kit.InviteAsync($"other{i}@example.com", "Same@Example.com");
            })).ToArray();
            start.SetResult();
            var results = await Task.WhenAll(racing);
            Assert.Equal(1, results.Count(r => r.Succeeded));
            Assert.Single(kit.Store.Invitations, i => i.EmailKey == "same@example.com");
        }
    }

    [Fact]
    public async Task Racing_accept_reject_revoke_and_resend_on_one_invitation_has_exactly_one_terminal_winner()
    {
        for (var round = 0; round < 100; round++)
        {
            await using var kit = await TestKit.CreateAsync();
            var id = await kit.InviteOneAsync("a@example.com");
            var secret = kit.SecretFor("a@example.com");
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            async Task<(string Op, bool Won)> Race(string op, Func<Task<bool>> action)
            {
                await start.Task;
                return (op, await action());
            }

            var racing = new[]
            {
                Task.Run(() => Race("accept", async () => (await kit.Manager.AcceptAsync(secret, new SignedInIdentity("u1", "a@example.com", "password", EmailVerified: true))).Succeeded)),
                Task.Run(() => Race("revoke", async () => (await kit.Manager.RevokeAsync(kit.Owner, id)).Succeeded)),
                Task.Run(() => Race("reject", async () => (await kit.Manager.RejectAsync(secret)).Succeeded)),
                Task.Run(() => Race("resend", async () => (await kit.Manager.ResendAsync(kit.Owner, id)).Succeeded)),
            };
            start.SetResult();
            var outcomes = await Task.WhenAll(racing);

            // Revoke retries on fresh state, so some terminal transition always wins — and only one does. A resend that
            // lands first kills the old secret, so accept and reject may then find nothing; the invitation still ends terminal.
            var winner = Assert.Single(outcomes, o => o.Won && o.Op != "resend").Op;
            var status = kit.Stored(id).Status;
            Assert.Equal(winner switch { "accept" => InvitationStatus.Accepted, "revoke" => InvitationStatus.Revoked, _ => InvitationStatus.Rejected }, status);
            Assert.Equal(status == InvitationStatus.Accepted, kit.Store.Members.Any(m => m.UserId == "u1"));
        }
    }

    [Property(MaxTest = 1_000)]
    public Property Random_concurrent_interleavings_keep_the_seat_invariant_and_one_pending_per_address()
    {
        var address = Gen.Choose(0, 9).Select(i => $"c{i}@example.com");
        var op = Gen.Frequency(
            (5, address.ArrayOf().Where(a => a.Length is > 0 and <= 3).Select(a => (Kind: "invite", Addresses: a))),
            (2, address.Select(a => (Kind: "accept", Addresses: new[] { a }))),
            (2, address.Select(a => (Kind: "revoke", Addresses: new[] { a }))),
            (1, address.Select(a => (Kind: "remove", Addresses: new[] { a }))),
            (1, Gen.Constant((Kind: "advance", Addresses: Array.Empty<string>()))));
        return Prop.ForAll(op.ArrayOf().Where(o => o.Length <= 24).ToArbitrary(), ops => PropertyRunner.Run(async () =>
        {
            await using var kit = await TestKit.CreateAsync(userLimit: 5);
            var invites = new List<(string[] Addresses, InvitationResult<InviteOutcome> Result)>();
            await Task.WhenAll(ops.Select(o => Task.Run(async () =>
            {
                switch (o.Kind)
                {
                    case "invite":
                        var result = await kit.InviteAsync(o.Addresses.Distinct().ToArray());
                        lock (invites)
                        {
                            invites.Add((o.Addresses, result));
                        }

                        break;
                    case "accept":
                        if (kit.Mailer.Sent.LastOrDefault(m => m.Recipient.Key == o.Addresses[0]) is { } mail)
                        {
                            var user = await RegisterAsync(kit, o.Addresses[0]); // registered by another path since the invitation
                            await kit.Manager.AcceptAsync(mail.Secret, new SignedInIdentity(user.Id, o.Addresses[0], "password", EmailVerified: true));
                        }

                        break;
                    case "revoke":
                        if (kit.Mailer.Sent.LastOrDefault(m => m.Recipient.Key == o.Addresses[0]) is { } sent)
                        {
                            await kit.Manager.RevokeAsync(kit.Owner, sent.InvitationId);
                        }

                        break;
                    case "remove":
                        if (await kit.Users.FindByEmailAsync(EmailAddress.Parse(o.Addresses[0]), default) is { } removed)
                        {
                            await kit.Manager.RemoveMemberAsync(kit.Owner, TestKit.AccountId, removed.Id);
                        }

                        break;
                    default:
                        kit.Clock.Advance(Duration.FromDays(2));
                        break;
                }
            })));

            var now = kit.Clock.GetCurrentInstant();
            var pending = kit.Store.Invitations.Where(i => InvitationStatusMachine.EffectiveStatus(i, now) == InvitationStatus.Pending).ToList();
            var members = kit.Store.Members.Count(m => m.AccountId == TestKit.AccountId);
            return members + pending.Count <= 5
                && pending.GroupBy(i => i.EmailKey).All(g => g.Count() == 1)
                && kit.Store.Members.GroupBy(m => m.UserId).All(g => g.Count() == 1);
        }));
    }

    /// <summary>
    /// The address's user, enabled as the host's registration leaves it. A pending user may be released by a racing revoke
    /// between its lookup and its enabling (invited users never block sign-up): then the address is registered afresh.
    /// </summary>
    private static async Task<DirectoryUser> RegisterAsync(TestKit kit, string email)
    {
        while (true)
        {
            var user = await kit.Users.CreatePendingUserAsync(EmailAddress.Parse(email), default);
            try
            {
                kit.Users.SetState(user.Id, UserState.Enabled);
                return user;
            }
            catch (KeyNotFoundException)
            {
                // Released in between.
            }
        }
    }
}
