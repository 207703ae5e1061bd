using InvitationKit.Testing.Conformance;
using InvitationKit.Limits;
using InvitationKit.Tests.Infrastructure;

namespace InvitationKit.Tests.Attacks;

/// <summary>Issue 24, finding 3: a signed-in stranger telling existing account ids from unknown ones.</summary>
public abstract partial class AttackTests
{
    [StoreFact]
    public async Task Enumerating_account_ids_gets_one_answer_for_existing_and_unknown_accounts()
    {
        await using var kit = await KitAsync();
        await kit.InviteOneAsync("a@example.com");
        var otherTenantsOwner = await kit.TenantAsync("globex");
        var plainMember = await MemberAsync(kit, "plain@example.com", "EDITOR");

        // Every operation that takes an account id, as each kind of caller who may not manage the account.
        var operations = new (string Name, Func<Actor, string, Task<string>> Call)[]
        {
            ("invite", async (actor, id) => Answer(await kit.Manager.InviteAsync(actor, new InviteRequest(id, TestKit.Product, [new InviteRecipient("x@example.com", "VIEWER")])))),
            ("list", async (actor, id) => Answer(await kit.Manager.ListAsync(actor, new InvitationQuery(id)))),
            ("list, malformed", async (actor, id) => Answer(await kit.Manager.ListAsync(actor, new InvitationQuery(id, Limit: 0)))),
            ("seats", async (actor, id) => Answer(await kit.Manager.GetSeatUsageAsync(actor, id))),
            ("members", async (actor, id) => Answer(await kit.Manager.ListMembersAsync(actor, new MemberQuery(id)))),
            ("remove member", async (actor, id) => Answer(await kit.Manager.RemoveMemberAsync(actor, id, "owner"))),
        };
        foreach (var actor in new[] { Actor.User("stranger"), otherTenantsOwner, plainMember })
        {
            foreach (var (name, call) in operations)
            {
                var existing = await call(actor, TestKit.AccountId);
                Assert.StartsWith(nameof(InvitationErrorCode.PermissionDenied), existing, StringComparison.Ordinal);
                Assert.True(existing == await call(actor, "no-such-account"), $"{name} tells an existing account from an unknown one.");
            }
        }

        // Leaving needs no right: whoever is no member gets MemberNotFound, for an existing account or an unknown one.
        foreach (var actor in new[] { Actor.User("stranger"), otherTenantsOwner })
        {
            var existing = Answer(await kit.Manager.LeaveAsync(actor, TestKit.AccountId));
            Assert.StartsWith(nameof(InvitationErrorCode.MemberNotFound), existing, StringComparison.Ordinal);
            Assert.Equal(existing, Answer(await kit.Manager.LeaveAsync(actor, "no-such-account")));
        }

        // A platform admin may manage every account, so only they learn which ones do not exist.
        (await kit.Manager.GetSeatUsageAsync(Actor.Admin("root"), "no-such-account")).ShouldFailWith(InvitationErrorCode.AccountNotFound);
        (await kit.Manager.ListMembersAsync(Actor.Admin("root"), new MemberQuery("no-such-account"))).ShouldFailWith(InvitationErrorCode.AccountNotFound);
        Assert.Equal(2, (await kit.Manager.ListAsync(kit.Owner, new InvitationQuery(TestKit.AccountId))).ShouldSucceed().TotalCount); // nothing was created
    }

    [StoreFact]
    public async Task A_stranger_cannot_spend_another_accounts_invite_budget()
    {
        await using var kit = await KitAsync(o => o.RateLimits.InvitesPerAccount = new RateLimitRule(3, Duration.FromHours(1)));
        var stranger = await kit.TenantAsync("globex"); // the owner of another tenant, with an invite budget of its own
        for (var i = 0; i < 10; i++)
        {
            (await kit.Manager.InviteAsync(stranger, new InviteRequest(TestKit.AccountId, TestKit.Product, [new InviteRecipient($"x{i}@example.com", "VIEWER")])))
                .ShouldFailWith(InvitationErrorCode.PermissionDenied);
        }

        // acme's own owner still has acme's whole budget.
        (await kit.Manager.InviteAsync(kit.Owner, new InviteRequest(TestKit.AccountId, TestKit.Product,
            [new InviteRecipient("a@example.com", "VIEWER"), new InviteRecipient("b@example.com", "VIEWER"), new InviteRecipient("c@example.com", "VIEWER")]))).ShouldSucceed();
    }

    /// <summary>Everything a refusal says: each error's code, message, recipient and remedies.</summary>
    private static string Answer<T>(InvitationResult<T> result) =>
        result.Succeeded
            ? $"success: {result.Value}"
            : string.Join(" | ", result.Errors.Select(e => $"{e.Code}: {e.Message} [{e.Recipient}] {string.Join(" / ", e.Remedies)} {e.RetryAfter}"));
}
