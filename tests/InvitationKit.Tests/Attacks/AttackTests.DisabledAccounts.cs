using InvitationKit.Testing.Conformance;
using InvitationKit.Tests.Infrastructure;

namespace InvitationKit.Tests.Attacks;

/// <summary>Issue 22, disabled accounts (rule 19): a tenant the host disabled, and what it tells, costs and mails.</summary>
public abstract partial class AttackTests
{
    [StoreFact]
    public async Task A_stranger_or_another_tenants_owner_cannot_learn_that_an_account_is_disabled()
    {
        await using var kit = await KitAsync();
        var evil = await kit.TenantAsync("evil");
        var viewer = await MemberAsync(kit, "viewer@example.com", "VIEWER"); // a member who may not manage
        var id = await kit.InviteOneAsync("bob@example.com");
        Actor[] outsiders = [evil, viewer, Actor.User("stranger")];

        // Every answer an outsider gets about acme, enabled, then disabled: the same, word for word.
        var enabled = await OutsiderAnswersAsync(kit, outsiders, id);
        kit.Accounts.SetDisabled(TestKit.AccountId);
        var disabled = await OutsiderAnswersAsync(kit, outsiders, id);
        Assert.Equal(enabled, disabled);
        Assert.DoesNotContain(disabled, a => a.Contains(nameof(InvitationErrorCode.AccountDisabled), StringComparison.Ordinal));
        Assert.Contains(disabled, a => a.Contains(nameof(InvitationErrorCode.PermissionDenied), StringComparison.Ordinal));
    }

    [StoreFact]
    public async Task Every_operation_on_a_disabled_account_is_refused_alike_and_changes_nothing()
    {
        await using var kit = await KitAsync();
        var bob = kit.Users.AddUser("bob@example.com");
        var id = await kit.InviteOneAsync("bob@example.com");
        var nina = await kit.InviteOneAsync("nina@example.com"); // a new user's, with a code
        var member = await MemberAsync(kit, "carol@example.com", "VIEWER");
        var secret = kit.SecretFor("bob@example.com");
        var session = new SignedInIdentity(bob.Id, "bob@example.com", "Local", EmailVerified: true);
        kit.Accounts.SetDisabled(TestKit.AccountId);
        var before = await StateAsync();

        var answers = new List<string>();
        foreach (var actor in new[] { kit.Owner, Actor.Admin("root") })
        {
            answers.AddRange(await ManagerAnswersAsync(kit, actor, id, member.UserId));
        }

        answers.Add(Answer(await kit.Manager.LeaveAsync(member, TestKit.AccountId)));
        answers.Add(Answer(await kit.Manager.LeaveAsync(kit.Owner, TestKit.AccountId)));
        answers.Add(Answer(await kit.Manager.ImportMembersAsync(new MemberImport(TestKit.AccountId, [new ImportedMember("dave", ["VIEWER"])]))));
        kit.Accounts.Add(new AccountInfo("fresh", "Fresh", IsDisabled: true));
        answers.Add(Answer(await kit.Manager.AddFoundingOwnerAsync("fresh", "owner")));

        // The link's holder may learn it: preview, accept, reject, and the code's activation.
        answers.Add(Answer(await kit.Manager.PreviewAsync(secret)));
        answers.Add(Answer(await kit.Manager.AcceptAsync(secret, session)));
        answers.Add(Answer(await kit.Manager.RejectAsync(secret)));
        answers.Add(Answer(await kit.Manager.ActivateAsync(Activation("nina@example.com", kit.OtpFor("nina@example.com")))));

        var refusal = Answer(InvitationResult<int>.Failure([InvitationErrors.AccountDisabled()]));
        Assert.All(answers, answer => Assert.Equal(refusal, answer));
        Assert.Equal(32, answers.Count);
        Assert.Equal(before, await StateAsync());
        Assert.Equal(UserState.PendingActivation, kit.Users.Users.Single(u => u.Email == "nina@example.com").State);
        Assert.Null(await kit.Port.Members.FindMemberAsync("fresh", "owner", default));

        async Task<(long, long, int, int, bool)> StateAsync() =>
            ((await kit.StoredAsync(id)).Revision, (await kit.StoredAsync(nina)).Revision, kit.Mailer.Sent.Count, kit.Events.Events.Count,
                await kit.Port.Members.FindMemberAsync(TestKit.AccountId, member.UserId, default) is not null);

        // Enabled again, nothing was lost: the same link accepts, the same code activates.
        kit.Accounts.SetDisabled(TestKit.AccountId, disabled: false);
        (await kit.Manager.AcceptAsync(secret, session)).ShouldSucceed();
        (await kit.Manager.ActivateAsync(Activation("nina@example.com", kit.OtpFor("nina@example.com")))).ShouldSucceed();
    }

    [StoreFact]
    public async Task The_right_code_of_a_disabled_accounts_invitation_never_spends_the_invitees_code_budget()
    {
        await using var kit = await KitAsync(o => (o.MaxOtpAttempts, o.MaxOtpFailuresPerAddress) = (3, 5));
        var evil = await kit.TenantAsync("evil");
        (await kit.Manager.InviteAsync(evil, new InviteRequest("evil", TestKit.Product, [new InviteRecipient("victim@x.example")]))).ShouldSucceed();
        var evilCode = kit.OtpFor("victim@x.example");
        await kit.InviteOneAsync("victim@x.example");
        var acmeCode = kit.OtpFor("victim@x.example");
        kit.Accounts.SetDisabled("evil");

        // The invitee enters the disabled account's code over and over, well past the window's budget and the lifetime cap.
        for (var i = 0; i < 12; i++)
        {
            (await kit.Manager.ActivateAsync(Activation("victim@x.example", evilCode))).ShouldFailWith(InvitationErrorCode.AccountDisabled);
        }

        // The budget is whole: two typos still cost only themselves, and acme's code activates.
        (await kit.Manager.ActivateAsync(Activation("victim@x.example", Other(acmeCode, Other(evilCode, "000001"))))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
        (await kit.Manager.ActivateAsync(Activation("victim@x.example", Other(acmeCode, Other(evilCode, "000002"))))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
        (await kit.Manager.ActivateAsync(Activation("victim@x.example", acmeCode))).ShouldSucceed();
        Assert.Equal(UserState.Enabled, kit.Users.Users.Single(u => u.Email == "victim@x.example").State);
    }

    [StoreFact]
    public async Task Guessing_a_disabled_accounts_code_is_charged_like_any_guess_so_it_cannot_be_brute_forced_for_later()
    {
        await using var kit = await KitAsync(o => o.MaxOtpAttempts = 3);
        await kit.InviteOneAsync("nina@example.com");
        var code = kit.OtpFor("nina@example.com");
        kit.Accounts.SetDisabled(TestKit.AccountId);

        // A wrong guess answers as for any address (nothing tells an invited address of a disabled account from an unknown
        // one) and counts: guessing while the account is disabled is no free way to a code that works once it is enabled.
        var wrong = (await kit.Manager.ActivateAsync(Activation("nina@example.com", Wrong(code)))).ShouldFailWith(InvitationErrorCode.OtpInvalid).Single();
        var unknown = (await kit.Manager.ActivateAsync(Activation("nobody@example.com", "123456"))).ShouldFailWith(InvitationErrorCode.OtpInvalid).Single();
        Assert.Equal(wrong.Message, unknown.Message);
        Assert.Equal(wrong.Remedies, unknown.Remedies);
        for (var i = 0; i < 2; i++)
        {
            (await kit.Manager.ActivateAsync(Activation("nina@example.com", Other(code, $"12345{i}")))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
        }

        // Spent: even the right code is refused (as a wrong one, at the bare address), where it would say AccountDisabled.
        (await kit.Manager.ActivateAsync(Activation("nina@example.com", code))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
        Assert.Equal(3, await OtpFailureTotalAsync(kit.Store, "nina@example.com"));
    }

    [StoreFact]
    public async Task A_disabled_accounts_mail_is_held_unsent_without_spending_an_attempt_and_goes_out_once_enabled()
    {
        await using var kit = await KitAsync(o => o.Delivery.MaxAttempts = 2);
        kit.Mailer.FailWhen = _ => true;
        var id = (await kit.InviteAsync("bob@example.com")).ShouldSucceed().Invitations[0].Id;
        kit.Mailer.FailWhen = null;
        kit.Accounts.SetDisabled(TestKit.AccountId);
        var failed = await kit.StoredAsync(id);

        // Due again and again while disabled: held each time, never mailed, never given up, no attempt spent.
        for (var i = 0; i < 5; i++)
        {
            kit.Clock.Advance(Duration.FromHours(2));
            Assert.Equal(new DispatchReport(0, 0, 0, 0) { Deferred = 1 }, await kit.Dispatcher.DispatchAsync());
        }

        var held = await kit.StoredAsync(id);
        Assert.Empty(kit.Mailer.Sent);
        Assert.Equal((failed.DeliveryAttempts, failed.SecretHash, InvitationStatus.Pending), (held.DeliveryAttempts, held.SecretHash, held.Status));
        Assert.DoesNotContain(kit.Events.Events, e => e.Kind == InvitationEventKind.DeliveryFailed);
        Assert.Contains(kit.Logs.Entries, e => e.Id.Id == 1052);

        kit.Accounts.SetDisabled(TestKit.AccountId, disabled: false);
        kit.Clock.Advance(Duration.FromHours(2));
        Assert.Equal(new DispatchReport(1, 0, 0, 0), await kit.Dispatcher.DispatchAsync());
        (await kit.AcceptAsync("bob@example.com")).ShouldSucceed();
    }

    [StoreFact]
    public async Task The_sweep_still_expires_a_disabled_accounts_invitations_and_releases_their_pending_users()
    {
        await using var kit = await KitAsync();
        var id = await kit.InviteOneAsync("nina@example.com");
        kit.Accounts.SetDisabled(TestKit.AccountId);
        kit.Clock.Advance(Duration.FromDays(8));
        Assert.Equal(1, (await kit.Manager.ExpireOverdueAsync()).ShouldSucceed());
        Assert.Equal(InvitationStatus.Expired, (await kit.StoredAsync(id)).Status);
        Assert.DoesNotContain(kit.Users.Users, u => u.Email == "nina@example.com");
    }

    [StoreFact]
    public async Task Claiming_binds_a_disabled_accounts_invitation_too_so_its_code_dies_and_it_accepts_by_sign_in_once_enabled()
    {
        await using var kit = await KitAsync();
        var id = await kit.InviteOneAsync("nina@example.com");
        var code = kit.OtpFor("nina@example.com");
        kit.Accounts.SetDisabled(TestKit.AccountId);

        // Nina registers through the host meanwhile and claims her invitations: the disabled account's is bound to her.
        var nina = kit.Users.Users.Single(u => u.Email == "nina@example.com");
        kit.Users.SetState(nina.Id, UserState.Enabled);
        var session = new SignedInIdentity(nina.Id, "nina@example.com", "Local", EmailVerified: true);
        Assert.Equal(1, (await kit.Manager.ClaimInvitationsAsync(session)).ShouldSucceed());
        var bound = await kit.StoredAsync(id);
        Assert.Equal((InvitationKind.ExistingUser, nina.Id, (SecretHash?)null, InvitationStatus.Pending), (bound.Kind, bound.UserId, bound.OtpHash, bound.Status));

        // Its code sets no password, now or once the account is enabled; accepting waits for the account.
        (await kit.Manager.ActivateAsync(Activation("nina@example.com", code))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
        (await kit.Manager.AcceptAsync(kit.SecretFor("nina@example.com"), session)).ShouldFailWith(InvitationErrorCode.AccountDisabled);
        kit.Accounts.SetDisabled(TestKit.AccountId, disabled: false);
        (await kit.Manager.ActivateAsync(Activation("nina@example.com", code))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
        (await kit.Manager.AcceptAsync(kit.SecretFor("nina@example.com"), session)).ShouldSucceed();
    }

    /// <summary>What each outsider hears from every operation on acme (its account id, its invitation).</summary>
    private static async Task<List<string>> OutsiderAnswersAsync(TestKit kit, Actor[] outsiders, Guid id)
    {
        var answers = new List<string>();
        foreach (var actor in outsiders)
        {
            answers.AddRange(await ManagerAnswersAsync(kit, actor, id, "owner"));
        }

        // Leaving is a member's own business: a member may learn that the account is disabled, anyone else may not.
        answers.Add(Answer(await kit.Manager.LeaveAsync(outsiders[0], TestKit.AccountId)));
        answers.Add(Answer(await kit.Manager.LeaveAsync(outsiders[2], TestKit.AccountId)));

        return answers;
    }

    /// <summary>The answers (as <see cref="Answer{T}"/> writes them) of every operation of those who manage an account, on acme and its invitation.</summary>
    private static async Task<List<string>> ManagerAnswersAsync(TestKit kit, Actor actor, Guid id, string memberId)
    {
        var m = kit.Manager;
        var invite = new InviteRequest(TestKit.AccountId, TestKit.Product, [new InviteRecipient("new@example.com", "VIEWER")]);
        return
        [
            Answer(await m.InviteAsync(actor, invite)),
            Answer(await m.CheckInviteAsync(actor, invite)),
            Answer(await m.ListAsync(actor, new InvitationQuery(TestKit.AccountId))),
            Answer(await m.ListAsync(actor, new InvitationQuery(TestKit.AccountId, Offset: -1))),
            Answer(await m.GetSeatUsageAsync(actor, TestKit.AccountId)),
            Answer(await m.GetGrantableRolesAsync(actor, TestKit.AccountId, TestKit.Product)),
            Answer(await m.ListMembersAsync(actor, new MemberQuery(TestKit.AccountId))),
            Answer(await m.RemoveMemberAsync(actor, TestKit.AccountId, memberId)),
            Answer(await m.GetAsync(actor, id)),
            Answer(await m.ResendAsync(actor, id)),
            Answer(await m.ChangeRolesAsync(actor, id, ["EDITOR"])),
            Answer(await m.RevokeAsync(actor, id)),
        ];
    }
}
