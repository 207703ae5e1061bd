using InvitationKit.Secrets;
using InvitationKit.Testing;
using InvitationKit.Testing.Conformance;
using InvitationKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace InvitationKit.Tests.Attacks;

/// <summary>
/// Issue 21, invitations delivered by the host (rule 24): a deliberate exception to "the secret reaches only the mailer".
/// Off unless the deployment enables it, and then only for owners and admins; each link is handed out once, never
/// stored, logged, replayed or shown again, never mailed, and bound to its invitee; a new user's code still goes only
/// to the address.
/// </summary>
public abstract partial class AttackTests
{
    [StoreFact]
    public async Task A_deployment_that_did_not_enable_host_delivery_hands_out_no_link()
    {
        await using var kit = await KitAsync();
        kit.Users.AddUser("bob@example.com");

        (await kit.Manager.InviteForHostDeliveryAsync(kit.Owner, HostRequest("bob@example.com", "nina@example.com"))).ShouldFailWith(InvitationErrorCode.HostDeliveryDisabled);

        Assert.Empty(kit.Mailer.Sent);
        Assert.Empty((await kit.Manager.ListAsync(kit.Owner, new InvitationQuery(TestKit.AccountId))).ShouldSucceed().Items);
    }

    [StoreFact]
    public async Task A_user_admin_who_may_invite_by_mail_or_another_tenants_owner_gets_no_link()
    {
        await using var kit = await KitAsync(HostDelivery);
        var userAdmin = await MemberAsync(kit, "ua@example.com", WellKnownRoles.UserAdmin);
        var otherOwner = await kit.TenantAsync("other");
        var request = new InviteRequest(TestKit.AccountId, TestKit.Product, [new InviteRecipient("nina@example.com", WellKnownRoles.UserAdmin)]);

        (await kit.Manager.InviteForHostDeliveryAsync(userAdmin, request)).ShouldFailWith(InvitationErrorCode.HostDeliveryNotAllowed);
        (await kit.Manager.InviteForHostDeliveryAsync(otherOwner, request)).ShouldFailWith(InvitationErrorCode.PermissionDenied);
        Assert.Empty((await kit.Manager.ListAsync(kit.Owner, new InvitationQuery(TestKit.AccountId, InvitationStatus.Pending))).ShouldSucceed().Items);

        // The same USER_ADMIN invites by mail as before; a system admin may have the links.
        (await kit.Manager.InviteAsync(userAdmin, request)).ShouldSucceed();
        var byAdmin = (await kit.Manager.InviteForHostDeliveryAsync(Actor.Admin("root"), HostRequest("pat@example.com"))).ShouldSucceed();
        Assert.NotNull(Assert.Single(byAdmin.Invitations).Secret);
    }

    [StoreFact]
    public async Task A_handed_out_link_is_not_in_the_store_the_logs_the_events_a_replay_a_view_or_a_list()
    {
        await using var kit = await KitAsync(HostDelivery);
        var issuer = kit.Services.GetRequiredService<SecretIssuer>();
        kit.Users.AddUser("bob@example.com");
        var request = HostRequest("bob@example.com", "nina@example.com") with { IdempotencyKey = "host-1" };

        var outcome = (await kit.Manager.InviteForHostDeliveryAsync(kit.Owner, request)).ShouldSucceed();

        var links = outcome.Invitations.Select(i => i.Secret!).ToArray();
        Assert.Equal(2, links.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(0, issuer.Uncleared); // the kit's buffers are zeroed: only the caller's strings remain
        var replay = (await kit.Manager.InviteForHostDeliveryAsync(kit.Owner, request)).ShouldSucceed();
        Assert.True(replay.IsReplay);
        Assert.Equal(outcome.Invitations.Select(i => i.Invitation.Id), replay.Invitations.Select(i => i.Invitation.Id));
        Assert.All(replay.Invitations, i => Assert.Null(i.Secret));
        var shown = string.Join(
            "\n",
            [
                outcome.ToString(), .. outcome.Invitations.Select(i => i.ToString()), replay.ToString(),
                .. (await kit.Manager.ListAsync(kit.Owner, new InvitationQuery(TestKit.AccountId))).ShouldSucceed().Items.Select(v => v.ToString()),
                .. kit.Logs.Entries.Select(e => e.Text), .. kit.Events.Events.Select(e => e.ToString()), .. kit.Mailer.Sent.Select(m => $"{m} {m.Secret} {m.OneTimePassword}"),
            ]);
        foreach (var handed in outcome.Invitations)
        {
            shown += "\n" + (await kit.Manager.GetAsync(kit.Owner, handed.Invitation.Id)).ShouldSucceed();
        }

        Assert.True(await StoreHoldsTextAsync(kit.Store, "nina@example.com"), "The scan sees what the store holds."); // the scan's own check
        foreach (var link in links)
        {
            Assert.DoesNotContain(link, shown, StringComparison.Ordinal);
            Assert.False(await StoreHoldsTextAsync(kit.Store, link), "The store holds a handed-out link in plaintext.");
            (await kit.Manager.PreviewAsync(link)).ShouldSucceed(); // and it works
        }

        Assert.Equal(2, kit.Events.Events.Count(e => e.Kind == InvitationEventKind.HandedToHost));
    }

    [StoreFact]
    public async Task The_dispatcher_never_mails_a_handed_out_link_and_its_retry_of_the_code_keeps_the_link()
    {
        await using var kit = await KitAsync(HostDelivery);
        kit.Users.AddUser("bob@example.com");
        var failed = new List<InvitationMessage>();
        kit.Mailer.FailWhen = m =>
        {
            failed.Add(m);
            return true;
        };
        var outcome = (await kit.Manager.InviteForHostDeliveryAsync(kit.Owner, HostRequest("bob@example.com", "nina@example.com"))).ShouldSucceed();
        var (bob, nina) = (outcome.Invitations[0], outcome.Invitations[1]);
        Assert.Equal(DeliveryState.HandedToHost, bob.Invitation.Delivery);
        Assert.Equal(DeliveryState.Failed, nina.Invitation.Delivery);

        kit.Mailer.FailWhen = null;
        kit.Clock.Advance(Duration.FromHours(2));
        Assert.Equal(1, (await kit.Dispatcher.DispatchAsync()).Sent);
        kit.Clock.Advance(Duration.FromHours(6));
        Assert.Equal(0, (await kit.Dispatcher.DispatchAsync()).Sent); // the existing user's invitation is never due

        // Every mail (the failed first one and the retry) went to the new user, with the code and without a link.
        Assert.All(failed.Concat(kit.Mailer.Sent), m =>
        {
            Assert.Equal("nina@example.com", m.Recipient.Value);
            Assert.True(m.LinkDeliveredByHost);
            Assert.Equal(string.Empty, m.Secret);
            Assert.DoesNotContain(nina.Secret!, m.ToString(), StringComparison.Ordinal);
        });
        var retried = kit.Mailer.LastTo("nina@example.com");
        Assert.Equal(2, failed.Count + kit.Mailer.Sent.Count);
        Assert.NotEqual(failed[0].MessageId, retried.MessageId); // a fresh code is a new message for the provider
        Assert.NotEqual(failed[0].OneTimePassword, retried.OneTimePassword);

        // The host's links still work after the retry; the new user activates with the retried code and the link.
        (await kit.Manager.PreviewAsync(bob.Secret!)).ShouldSucceed();
        (await kit.Manager.PreviewAsync(nina.Secret!)).ShouldSucceed();
        (await kit.Manager.ActivateAsync(Activation("nina@example.com", retried.OneTimePassword!, secret: nina.Secret))).ShouldSucceed();
    }

    [StoreFact]
    public async Task The_inviter_never_gets_a_new_users_code_and_cannot_activate_the_address_with_the_link()
    {
        await using var kit = await KitAsync(HostDelivery);
        var outcome = (await kit.Manager.InviteForHostDeliveryAsync(kit.Owner, HostRequest("victim@example.com"))).ShouldSucceed();
        var handed = Assert.Single(outcome.Invitations);
        var code = kit.OtpFor("victim@example.com");

        // Nothing the inviter holds carries the code: the outcome has the view and the link only.
        Assert.Equal(["Invitation", "Secret"], typeof(HostDeliveredInvitation).GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.NotEqual(code, handed.Secret);
        Assert.DoesNotContain(code, handed.Secret!, StringComparison.Ordinal);

        // The link alone activates nothing: the code proves the address.
        (await kit.Manager.ActivateAsync(Activation("victim@example.com", Wrong(code), secret: handed.Secret))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
        (await kit.Manager.ActivateAsync(Activation("victim@example.com", handed.Secret!, secret: handed.Secret))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
        Assert.Equal(UserState.PendingActivation, kit.Users.Users.Single(u => u.Email == "victim@example.com").State);
    }

    [StoreFact]
    public async Task A_handed_out_link_accepts_only_for_the_user_it_is_bound_to_and_dies_when_resent_by_mail()
    {
        await using var kit = await KitAsync(HostDelivery);
        var bob = kit.Users.AddUser("bob@example.com");
        var eve = kit.Users.AddUser("eve@example.com");
        var handed = Assert.Single((await kit.Manager.InviteForHostDeliveryAsync(kit.Owner, HostRequest("bob@example.com"))).ShouldSucceed().Invitations);

        (await kit.Manager.AcceptAsync(handed.Secret!, new SignedInIdentity(eve.Id, "eve@example.com", "password", EmailVerified: true))).ShouldFailWith(InvitationErrorCode.EmailMismatch);
        Assert.False((await kit.Manager.AcceptAsync(handed.Secret!, new SignedInIdentity(eve.Id, "bob@example.com", "password", EmailVerified: true))).Succeeded);
        Assert.Equal(InvitationStatus.Pending, (await kit.StoredAsync(handed.Invitation.Id)).Status);

        // A resend mails a fresh link as for any invitation: the host's link stops working.
        var resent = (await kit.Manager.ResendAsync(kit.Owner, handed.Invitation.Id)).ShouldSucceed();
        Assert.False(resent.HostDelivered);
        Assert.Equal(DeliveryState.Sent, resent.Delivery);
        (await kit.Manager.PreviewAsync(handed.Secret!)).ShouldFailWith(InvitationErrorCode.InvitationNotFound);
        (await kit.Manager.AcceptAsync(handed.Secret!, new SignedInIdentity(bob.Id, "bob@example.com", "password", EmailVerified: true))).ShouldFailWith(InvitationErrorCode.InvitationNotFound);
        (await kit.AcceptAsync("bob@example.com")).ShouldSucceed();
    }

    /// <summary>Whether the store holds <paramref name="text"/> anywhere, in plaintext (the in-memory store: any property of any invitation).</summary>
    /// <param name="inMemory">The in-memory store (unused by a database's override).</param>
    /// <param name="text">The plaintext.</param>
    /// <returns>Whether it is stored.</returns>
    protected virtual Task<bool> StoreHoldsTextAsync(InMemoryInvitationStore inMemory, string text) =>
        Task.FromResult(inMemory.Invitations.Any(i => typeof(Invitation).GetProperties().Any(p => (p.GetValue(i)?.ToString() ?? string.Empty).Contains(text, StringComparison.Ordinal))));

    private static void HostDelivery(InvitationKitOptions options) => options.AllowHostDelivery = true;

    private static InviteRequest HostRequest(params string[] emails) =>
        new(TestKit.AccountId, TestKit.Product, [.. emails.Select(e => new InviteRecipient(e, "EDITOR"))]);
}
