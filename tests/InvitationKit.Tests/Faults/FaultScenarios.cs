using InvitationKit.Tests.Infrastructure;
using NodaTime;

namespace InvitationKit.Tests.Faults;

/// <summary>What a scenario set up: the link, the code, the invitation.</summary>
public sealed record Prepared(string? Secret = null, string? Otp = null, Guid? InvitationId = null);

/// <summary>
/// One operation of the fault matrix: what it needs, the call, whether its effect is stored, whether repeating it
/// after a lost reply must answer success again, and whether a caller retries it at once (the dispatcher's own retries
/// wait for their backoff: the recovery checks them).
/// </summary>
public sealed record FaultScenario(
    string Name,
    Func<FaultWorld, Task<Prepared>> Arrange,
    Func<FaultWorld, Prepared, Task<bool>> Act,
    Func<FaultWorld, Prepared, Task<bool>> EffectStored,
    bool RepeatSucceeds,
    Func<FaultWorld, Task<bool>>? Partial = null,
    bool RetriedAtOnce = true)
{
    public override string ToString() => Name;

    /// <summary>The address that activates (with the right code) in the activation scenario.</summary>
    public const string NewUser = "nina@example.com";

    private static readonly Actor Owner = Actor.User("owner");

    public static IReadOnlyList<FaultScenario> All { get; } =
    [
        new("invite", _ => Task.FromResult(new Prepared()),
            async (w, _) => (await w.Kit().InviteAsync(Owner, new InviteRequest(FaultWorld.Account, "cloud",
                [new InviteRecipient("bob@example.com", "VIEWER"), new InviteRecipient("nina@example.com", "VIEWER")], IdempotencyKey: "invite-1"))).Succeeded,
            async (w, _) => await PendingAsync(w, "bob@example.com") && await PendingAsync(w, "nina@example.com"),
            RepeatSucceeds: true,
            Partial: async w => await PendingAsync(w, "bob@example.com") != await PendingAsync(w, "nina@example.com")),
        new("accept", async w => new Prepared(Secret: await InviteAsync(w, "bob@example.com")),
            async (w, p) => (await w.Kit().AcceptAsync(p.Secret!, new SignedInIdentity("bob", "bob@example.com", "Local", EmailVerified: true))).Succeeded,
            async (w, _) => await w.Store().Members.FindMemberAsync(FaultWorld.Account, "bob", default) is not null,
            RepeatSucceeds: true),
        new("activate", async w => new Prepared(Secret: await InviteAsync(w, "nina@example.com"), Otp: w.Mailer.LastTo("nina@example.com").OneTimePassword),
            async (w, p) => (await w.Kit().ActivateAsync(new ActivationRequest("nina@example.com", p.Otp!, "nina-password-1"))).Succeeded,
            async (w, _) => w.Users.Users.SingleOrDefault(u => u.Email == "nina@example.com") is { State: Ports.UserState.Enabled } nina
                && await w.Store().Members.FindMemberAsync(FaultWorld.Account, nina.Id, default) is not null,
            RepeatSucceeds: false),
        new("resend", async w => new Prepared(InvitationId: await InviteIdAsync(w, "pat@example.com")),
            async (w, p) => (await w.Kit().ResendAsync(Owner, p.InvitationId!.Value)).Succeeded,
            async (w, p) => (await w.Store().Invitations.FindByIdAsync(p.InvitationId!.Value, default))?.SendCount > 1,
            RepeatSucceeds: false),
        new("revoke", async w => new Prepared(InvitationId: await InviteIdAsync(w, "pat@example.com")),
            async (w, p) => (await w.Kit().RevokeAsync(Owner, p.InvitationId!.Value)).Succeeded,
            async (w, p) => (await w.Store().Invitations.FindByIdAsync(p.InvitationId!.Value, default))?.Status == InvitationStatus.Revoked,
            RepeatSucceeds: true),
        new("reject", async w => new Prepared(Secret: await InviteAsync(w, "pat@example.com")),
            async (w, p) => (await w.Kit().RejectAsync(p.Secret!)).Succeeded,
            async (w, _) => (await w.Store().Invitations.FindPendingByEmailAsync("pat@example.com", FaultWorld.Account, default)).Count == 0,
            RepeatSucceeds: true),
        new("dispatch", async w =>
            {
                w.Mailer.FailWhen = _ => true;
                var id = await InviteIdAsync(w, "pat@example.com");
                w.Mailer.FailWhen = null;
                w.Clock.Advance(Duration.FromHours(2));
                return new Prepared(InvitationId: id);
            },
            async (w, _) => (await w.Dispatcher().DispatchAsync()).Sent == 1,
            async (w, p) => w.Mailer.Sent.LastOrDefault(m => m.InvitationId == p.InvitationId) is { } mail && (await w.Kit().PreviewAsync(mail.Secret)).Succeeded,
            RepeatSucceeds: false,
            RetriedAtOnce: false),
        new("request-new-invitation", async w =>
            {
                var secret = await InviteAsync(w, "pat@example.com");
                var id = w.Mailer.LastTo("pat@example.com").InvitationId;
                (await w.Kit().RevokeAsync(Owner, id)).ShouldSucceed();
                return new Prepared(Secret: secret, InvitationId: id);
            },
            async (w, p) => (await w.Kit().RequestNewInvitationAsync(p.Secret!)).Succeeded,
            async (w, p) => (await w.Store().Invitations.FindByIdAsync(p.InvitationId!.Value, default))?.NoticeDueAt is not null,
            RepeatSucceeds: true),
        new("sweep", async w =>
            {
                var id = await InviteIdAsync(w, "pat@example.com");
                w.Clock.Advance(Duration.FromDays(8));
                return new Prepared(InvitationId: id);
            },
            async (w, _) => (await w.Kit().ExpireOverdueAsync()).Succeeded,
            async (w, p) => (await w.Store().Invitations.FindByIdAsync(p.InvitationId!.Value, default))?.Status == InvitationStatus.Expired,
            RepeatSucceeds: true),
    ];

    private static async Task<string> InviteAsync(FaultWorld world, string email)
    {
        await InviteIdAsync(world, email);
        return world.Mailer.LastTo(email).Secret;
    }

    private static async Task<Guid> InviteIdAsync(FaultWorld world, string email) =>
        (await world.Kit().InviteAsync(Owner, new InviteRequest(FaultWorld.Account, "cloud", [new InviteRecipient(email, "VIEWER")]))).ShouldSucceed().Invitations[0].Id;

    private static async Task<bool> PendingAsync(FaultWorld world, string email) =>
        (await world.Store().Invitations.FindPendingByEmailAsync(email, FaultWorld.Account, default)).Count == 1;
}
