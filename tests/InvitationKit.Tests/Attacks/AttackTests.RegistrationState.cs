using System.Collections;
using InvitationKit.Testing.Conformance;
using InvitationKit.Tests.Infrastructure;

namespace InvitationKit.Tests.Attacks;

/// <summary>
/// Issue 24, finding 2: a tenant's admin reading registration state with <c>HideRegistrationState</c> on, from the kind
/// of the invitations the kit returns, and from what a registered-only account does with a new address.
/// </summary>
public abstract partial class AttackTests
{
    [StoreFact]
    public async Task Hidden_registration_state_is_not_read_from_the_kind_of_any_returned_invitation()
    {
        await using var kit = await KitAsync(o => o.HideRegistrationState = true);
        kit.Users.AddUser("known@example.com");
        kit.Users.AddUser("banned@example.com", state: UserState.Disabled);
        string[] addresses = ["known@example.com", "banned@example.com", "new@example.com"];

        var invited = (await kit.InviteAsync(addresses)).ShouldSucceed().Invitations;
        AssertAlike(invited);
        var ids = invited.Select(v => v.Id).ToArray();
        AssertAlike((await kit.Manager.ListAsync(kit.Owner, new InvitationQuery(TestKit.AccountId, InvitationStatus.Pending))).ShouldSucceed().Items);
        AssertAlike(await EachAsync(ids, id => kit.Manager.GetAsync(kit.Owner, id)));
        AssertAlike(await EachAsync(ids, id => kit.Manager.ResendAsync(kit.Owner, id)));
        AssertAlike(await EachAsync(ids, id => kit.Manager.ChangeRolesAsync(kit.Owner, id, ["EDITOR"])));
        AssertAlike(await EachAsync(ids, id => kit.Manager.RevokeAsync(kit.Owner, id)));

        // The stored invitations and the mails keep the real kind: the invitee's landing page and mail need it.
        Assert.Equal([InvitationKind.ExistingUser, InvitationKind.ExistingUser, InvitationKind.NewUser], [(await kit.StoredAsync(ids[0])).Kind, (await kit.StoredAsync(ids[1])).Kind, (await kit.StoredAsync(ids[2])).Kind]);
        Assert.NotNull(kit.Mailer.LastTo("new@example.com").OneTimePassword);
    }

    [StoreFact]
    public async Task Probing_a_registered_only_account_with_hidden_registration_state_gets_one_answer_for_new_and_registered_addresses()
    {
        await using var kit = await KitAsync(o => o.HideRegistrationState = true);
        kit.Accounts.Add(new AccountInfo(TestKit.AccountId, "Acme", OnlyRegisteredUsers: true));
        kit.Users.AddUser("known@example.com");
        var users = kit.Users.Users.Count;

        // Both are invited, stored, counted, mailed and listed alike (the previous main refused the stranger, and only him).
        var known = (await kit.InviteAsync("known@example.com")).ShouldSucceed().Invitations.Single();
        var stranger = (await kit.InviteAsync("stranger@example.com")).ShouldSucceed().Invitations.Single();
        AssertAlike([known, stranger]);
        AssertAlike((await kit.Manager.ListAsync(kit.Owner, new InvitationQuery(TestKit.AccountId))).ShouldSucceed().Items);
        Assert.Equal(3, (await kit.Manager.GetSeatUsageAsync(kit.Owner, TestKit.AccountId)).ShouldSucceed().Occupied);
        AssertAlike([(await kit.Manager.ResendAsync(kit.Owner, known.Id)).ShouldSucceed(), (await kit.Manager.ResendAsync(kit.Owner, stranger.Id)).ShouldSucceed()]);
        Assert.Equal(2, kit.Mailer.Sent.Count(m => m.Recipient.Value == "stranger@example.com"));

        // Registered only still holds: no user is created and no code is mailed for the stranger, so nothing activates.
        Assert.Equal(users, kit.Users.Users.Count);
        var mail = kit.Mailer.LastTo("stranger@example.com");
        Assert.Equal((InvitationKind.ExistingUser, (string?)null), (mail.Kind, mail.OneTimePassword));
        (await kit.Manager.ActivateAsync(Activation("stranger@example.com", "123456"))).ShouldFailWith(InvitationErrorCode.OtpInvalid);

        // Once registered through the host, the person accepts by signing in; nobody else with the address can.
        (await kit.Manager.AcceptAsync(mail.Secret, new SignedInIdentity("mallory", "stranger@example.com", "LaxIdP", EmailVerified: true)))
            .ShouldFailWith(InvitationErrorCode.NotTheInvitedUser);
        var registered = kit.Users.AddUser("stranger@example.com");
        (await kit.Manager.AcceptAsync(mail.Secret, new SignedInIdentity(registered.Id, "stranger@example.com", "Local", EmailVerified: true))).ShouldSucceed();
        Assert.NotNull(await kit.Port.Members.FindMemberAsync(TestKit.AccountId, registered.Id, default));
    }

    /// <summary>The view each call returns, one call after the other.</summary>
    private static async Task<IReadOnlyList<InvitationView>> EachAsync(IEnumerable<Guid> ids, Func<Guid, Task<InvitationResult<InvitationView>>> call)
    {
        var views = new List<InvitationView>();
        foreach (var id in ids)
        {
            views.Add((await call(id)).ShouldSucceed());
        }

        return views;
    }

    /// <summary>Asserts the views show the same, but for their ids and addresses.</summary>
    private static void AssertAlike(IReadOnlyList<InvitationView> views)
    {
        Assert.All(views, v => Assert.Equal(InvitationKind.Undisclosed, v.Kind));
        Assert.Single(views.Select(Shown).Distinct());
    }

    /// <summary>Every property of a view but its id and address, lists spelled out.</summary>
    private static string Shown(InvitationView view) => string.Join(" | ", typeof(InvitationView).GetProperties()
        .Where(p => p.Name is not (nameof(InvitationView.Id) or nameof(InvitationView.Email)))
        .Select(p => p.GetValue(view) is IEnumerable list and not string ? string.Join(",", list.Cast<object>()) : p.GetValue(view)?.ToString()));
}
