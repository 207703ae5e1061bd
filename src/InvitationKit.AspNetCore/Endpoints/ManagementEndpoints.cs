using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace InvitationKit.AspNetCore.Endpoints;

/// <summary>
/// What account managers do: invite (or check an invite, or invite with the links handed to an owner or admin), list, get, revoke, resend, change roles, read seat usage and
/// grantable roles, read and replace the account's email domains.
/// </summary>
internal static class ManagementEndpoints
{
    public static void Map(RouteGroupBuilder management, InvitationKitEndpointOptions options)
    {
        var account = management.MapGroup("/accounts/{accountId}");
        account.MapPost("/invitations", (string accountId, InviteBody body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, HttpContext http, IInvitationManager kit) =>
            AsActor(http, options, actor => kit.InviteAsync(actor, ToRequest(accountId, body) with { IdempotencyKey = idempotencyKey }, http.RequestAborted)));
        account.MapPost("/invitations/check", (string accountId, InviteBody body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, HttpContext http, IInvitationManager kit) =>
            AsActor(http, options, async actor =>
            {
                var checkedInvite = await kit.CheckInviteAsync(actor, ToRequest(accountId, body) with { IdempotencyKey = idempotencyKey }, http.RequestAborted).ConfigureAwait(false);
                return checkedInvite.TryGetValue(out var check) ? InviteCheckAnswer.From(check) : checkedInvite.ConvertError<InviteCheckAnswer>();
            }));
        account.MapPost("/invitations/host-delivered", (string accountId, InviteBody body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, HttpContext http, IInvitationManager kit) =>
        {
            // Rule 24: the answer carries link secrets, handed out once; no cache or proxy may keep it.
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers.Pragma = "no-cache";
            return AsActor(http, options, actor => kit.InviteForHostDeliveryAsync(actor, ToRequest(accountId, body) with { IdempotencyKey = idempotencyKey }, http.RequestAborted));
        });
        account.MapGet("/invitations", (string accountId, InvitationStatus? status, DeliveryState? delivery, int? offset, int? limit, string? continuationToken, bool? includeTotal, string? email, string? invitedBy, HttpContext http, IInvitationManager kit) =>
            AsActor(http, options, actor => kit.ListAsync(actor, new InvitationQuery(accountId, status, offset ?? 0, limit ?? 50, delivery, continuationToken, includeTotal ?? true, email, invitedBy), http.RequestAborted)));
        account.MapGet("/seats", (string accountId, HttpContext http, IInvitationManager kit) =>
            AsActor(http, options, actor => kit.GetSeatUsageAsync(actor, accountId, http.RequestAborted)));
        account.MapGet("/roles", (string accountId, string? productId, HttpContext http, IInvitationManager kit) =>
            AsActor(http, options, actor => kit.GetGrantableRolesAsync(actor, accountId, productId ?? string.Empty, http.RequestAborted)));
        account.MapGet("/email-domains", (string accountId, HttpContext http, IInvitationManager kit) =>
            AsActor(http, options, actor => kit.GetEmailDomainsAsync(actor, accountId, http.RequestAborted)));
        account.MapPut("/email-domains", (string accountId, EmailDomainsBody body, HttpContext http, IInvitationManager kit) =>
            AsActor(http, options, actor => kit.SetEmailDomainsAsync(
                actor, accountId, [.. (body.Domains ?? []).Select(d => new Ports.EmailDomain(d?.Domain ?? string.Empty, d?.Kind ?? Ports.EmailDomainKind.Allowed))], http.RequestAborted)));

        var invitation = management.MapGroup("/invitations/{invitationId:guid}");
        invitation.MapGet(string.Empty, (Guid invitationId, HttpContext http, IInvitationManager kit) =>
            AsActor(http, options, actor => kit.GetAsync(actor, invitationId, http.RequestAborted)));
        invitation.MapPost("/revoke", (Guid invitationId, HttpContext http, IInvitationManager kit) =>
            AsActor(http, options, actor => kit.RevokeAsync(actor, invitationId, http.RequestAborted)));
        invitation.MapPost("/resend", (Guid invitationId, HttpContext http, IInvitationManager kit) =>
            AsActor(http, options, actor => kit.ResendAsync(actor, invitationId, http.RequestAborted)));
        invitation.MapPost("/roles", (Guid invitationId, RolesBody body, HttpContext http, IInvitationManager kit) =>
            AsActor(http, options, actor => kit.ChangeRolesAsync(actor, invitationId, body.Roles ?? [], body.GrantsOwner, http.RequestAborted)));
    }

    private static InviteRequest ToRequest(string accountId, InviteBody body) => new(
        accountId,
        body.ProductId ?? string.Empty,
        (body.Recipients ?? []).Select(r => r is null ? new InviteRecipient(string.Empty, []) : new InviteRecipient(r.Email ?? string.Empty, r.Roles ?? [], r.GrantsOwner)).ToArray(),
        body.Mode,
        WhenPending: body.WhenPending)
    {
        // A count of seconds beyond any bound stays beyond it, without overflowing the duration.
        Lifetime = body.LifetimeSeconds is { } seconds ? NodaTime.Duration.FromSeconds(Math.Clamp(seconds, -(long)int.MaxValue, int.MaxValue)) : null,
        Metadata = body.Metadata,
        ReturnUrl = body.ReturnUrl,
        Language = body.Language,
    };

    private static Task<IResult> AsActor<T>(HttpContext http, InvitationKitEndpointOptions options, Func<Actor, Task<InvitationResult<T>>> call) =>
        EndpointResults.AsActorAsync(http, options, call);
}
