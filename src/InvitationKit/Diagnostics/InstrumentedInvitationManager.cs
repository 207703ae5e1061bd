using System.Diagnostics;

namespace InvitationKit.Diagnostics;

/// <summary>
/// Wraps the manager with a span and a duration per operation, tagged with the operation, the outcome and the error
/// code, and counts every refusal by code. The rules stay in <see cref="InvitationManager"/>.
/// </summary>
internal sealed class InstrumentedInvitationManager(InvitationManager inner, InvitationKitTelemetry telemetry) : IInvitationManager
{
    public Task<InvitationResult<InviteOutcome>> InviteAsync(Actor actor, InviteRequest request, CancellationToken cancellationToken = default) =>
        RunAsync("invite", () => inner.InviteAsync(actor, request, cancellationToken));

    public Task<InvitationResult<HostDeliveryOutcome>> InviteForHostDeliveryAsync(Actor actor, InviteRequest request, CancellationToken cancellationToken = default) =>
        RunAsync("invite_for_host_delivery", () => inner.InviteForHostDeliveryAsync(actor, request, cancellationToken));

    public Task<InvitationResult<InviteCheck>> CheckInviteAsync(Actor actor, InviteRequest request, CancellationToken cancellationToken = default) =>
        RunAsync("check_invite", () => inner.CheckInviteAsync(actor, request, cancellationToken));

    public Task<InvitationResult<InvitationPreview>> PreviewAsync(string secret, CancellationToken cancellationToken = default) =>
        RunAsync("preview", () => inner.PreviewAsync(secret, cancellationToken));

    public Task<InvitationResult<Member>> AcceptAsync(string secret, SignedInIdentity identity, CancellationToken cancellationToken = default) =>
        RunAsync("accept", () => inner.AcceptAsync(secret, identity, cancellationToken));

    public Task<InvitationResult<EmailDomainPolicy>> GetEmailDomainsAsync(Actor actor, string accountId, CancellationToken cancellationToken = default) =>
        RunAsync("get_email_domains", () => inner.GetEmailDomainsAsync(actor, accountId, cancellationToken));

    public Task<InvitationResult<EmailDomainPolicy>> SetEmailDomainsAsync(Actor actor, string accountId, IReadOnlyList<Ports.EmailDomain> domains, CancellationToken cancellationToken = default) =>
        RunAsync("set_email_domains", () => inner.SetEmailDomainsAsync(actor, accountId, domains, cancellationToken));

    public Task<InvitationResult<IReadOnlyList<JoinableAccount>>> ListJoinableAccountsAsync(SignedInIdentity identity, CancellationToken cancellationToken = default) =>
        RunAsync("list_joinable_accounts", () => inner.ListJoinableAccountsAsync(identity, cancellationToken));

    public Task<InvitationResult<Member>> JoinAsync(SignedInIdentity identity, string accountId, string productId, CancellationToken cancellationToken = default) =>
        RunAsync("join", () => inner.JoinAsync(identity, accountId, productId, cancellationToken));

    public Task<InvitationResult<InvitationView>> RejectAsync(string secret, CancellationToken cancellationToken = default) =>
        RunAsync("reject", () => inner.RejectAsync(secret, cancellationToken));

    public Task<InvitationResult<bool>> RequestNewInvitationAsync(string secret, string? partitionKey = null, CancellationToken cancellationToken = default) =>
        RunAsync("request_new_invitation", () => inner.RequestNewInvitationAsync(secret, partitionKey, cancellationToken));

    public Task<InvitationResult<IReadOnlyList<ReceivedInvitation>>> ListReceivedInvitationsAsync(SignedInIdentity identity, CancellationToken cancellationToken = default) =>
        RunAsync("list_received_invitations", () => inner.ListReceivedInvitationsAsync(identity, cancellationToken));

    public Task<InvitationResult<Member>> AcceptReceivedInvitationAsync(Guid invitationId, SignedInIdentity identity, CancellationToken cancellationToken = default) =>
        RunAsync("accept_received", () => inner.AcceptReceivedInvitationAsync(invitationId, identity, cancellationToken));

    public Task<InvitationResult<InvitationView>> RejectReceivedInvitationAsync(Guid invitationId, SignedInIdentity identity, CancellationToken cancellationToken = default) =>
        RunAsync("reject_received", () => inner.RejectReceivedInvitationAsync(invitationId, identity, cancellationToken));

    public Task<InvitationResult<Member>> ActivateAsync(ActivationRequest request, CancellationToken cancellationToken = default) =>
        RunAsync("activate", () => inner.ActivateAsync(request, cancellationToken));

    public Task<InvitationResult<InvitationView>> ResendAsync(Actor actor, Guid invitationId, CancellationToken cancellationToken = default) =>
        RunAsync("resend", () => inner.ResendAsync(actor, invitationId, cancellationToken));

    public Task<InvitationResult<InvitationView>> RevokeAsync(Actor actor, Guid invitationId, CancellationToken cancellationToken = default) =>
        RunAsync("revoke", () => inner.RevokeAsync(actor, invitationId, cancellationToken));

    public Task<InvitationResult<InvitationView>> ChangeRolesAsync(Actor actor, Guid invitationId, IReadOnlyList<string> roles, bool? grantsOwner = null, CancellationToken cancellationToken = default) =>
        RunAsync("change_roles", () => inner.ChangeRolesAsync(actor, invitationId, roles, grantsOwner, cancellationToken));

    public Task<InvitationResult<Page<InvitationView>>> ListAsync(Actor actor, InvitationQuery query, CancellationToken cancellationToken = default) =>
        RunAsync("list", () => inner.ListAsync(actor, query, cancellationToken));

    public Task<InvitationResult<InvitationView>> GetAsync(Actor actor, Guid invitationId, CancellationToken cancellationToken = default) =>
        RunAsync("get", () => inner.GetAsync(actor, invitationId, cancellationToken));

    public Task<InvitationResult<SeatUsage>> GetSeatUsageAsync(Actor actor, string accountId, CancellationToken cancellationToken = default) =>
        RunAsync("seat_usage", () => inner.GetSeatUsageAsync(actor, accountId, cancellationToken));

    public Task<InvitationResult<GrantableRoles>> GetGrantableRolesAsync(Actor actor, string accountId, string productId, CancellationToken cancellationToken = default) =>
        RunAsync("grantable_roles", () => inner.GetGrantableRolesAsync(actor, accountId, productId, cancellationToken));

    public Task<InvitationResult<Page<Member>>> ListMembersAsync(Actor actor, MemberQuery query, CancellationToken cancellationToken = default) =>
        RunAsync("list_members", () => inner.ListMembersAsync(actor, query, cancellationToken));

    public Task<InvitationResult<Member>> RemoveMemberAsync(Actor actor, string accountId, string userId, CancellationToken cancellationToken = default) =>
        RunAsync("remove_member", () => inner.RemoveMemberAsync(actor, accountId, userId, cancellationToken));

    public Task<InvitationResult<Member>> LeaveAsync(Actor actor, string accountId, CancellationToken cancellationToken = default) =>
        RunAsync("leave", () => inner.LeaveAsync(actor, accountId, cancellationToken));

    public Task<InvitationResult<Member>> AddFoundingOwnerAsync(string accountId, string userId, CancellationToken cancellationToken = default) =>
        RunAsync("add_founding_owner", () => inner.AddFoundingOwnerAsync(accountId, userId, cancellationToken));

    public Task<InvitationResult<MemberImportOutcome>> ImportMembersAsync(MemberImport import, CancellationToken cancellationToken = default) =>
        RunAsync("import_members", () => inner.ImportMembersAsync(import, cancellationToken));

    public Task<InvitationResult<bool>> ReleasePendingUserAsync(string email, CancellationToken cancellationToken = default) =>
        RunAsync("release_pending_user", () => inner.ReleasePendingUserAsync(email, cancellationToken));

    public Task<InvitationResult<int>> ClaimInvitationsAsync(SignedInIdentity identity, CancellationToken cancellationToken = default) =>
        RunAsync("claim_invitations", () => inner.ClaimInvitationsAsync(identity, cancellationToken));

    public Task<InvitationResult<int>> ExpireOverdueAsync(CancellationToken cancellationToken = default) =>
        RunAsync("expire_overdue", () => inner.ExpireOverdueAsync(cancellationToken));

    private async Task<InvitationResult<T>> RunAsync<T>(string operation, Func<Task<InvitationResult<T>>> call)
    {
        using var activity = InvitationKitTelemetry.Start(operation);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await call().ConfigureAwait(false);
            telemetry.Completed(operation, activity, started, result.Succeeded ? null : result.Errors);
            return result;
        }
        catch (Exception exception)
        {
            telemetry.Completed(operation, activity, started, null, exception);
            throw;
        }
    }
}
