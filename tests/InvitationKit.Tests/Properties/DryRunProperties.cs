using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using InvitationKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.Tests.Properties;

/// <summary>
/// Issue 22, the dry run: for random batches — good, malformed, duplicate, member, pending and registered addresses,
/// offered, unknown and ungrantable roles, owner grants, every mode and pending-invitation choice (a pending invitation
/// within or at its send limit), by an owner or a USER_ADMIN, near the user limit —
/// <see cref="IInvitationManager.CheckInviteAsync"/> reports exactly the problems (codes and recipients, in order) the
/// invite then reports, changes no state, and its seat impact is what the invite takes.
/// </summary>
public sealed class DryRunProperties
{
    private const int UserLimit = 6;

    [Property(MaxTest = 1_000)]
    public Property A_dry_run_reports_the_invites_problems_and_changes_nothing()
    {
        var address = Gen.Elements(
            "new1@example.com", "new2@example.com", "NEW1@example.com", "known@example.com", "member@example.com", "pending@example.com",
            "banned@example.com", "not an address", "Name <n@example.com>", "x@example.com\r\nBcc: v@example.com");
        var roles = Gen.Elements("VIEWER", "EDITOR", "EDTIOR", "editor", WellKnownRoles.UserAdmin).ArrayOf().Where(r => r.Length <= 3);
        var recipient = address.SelectMany(a => roles.SelectMany(r => Gen.Frequency((5, Gen.Constant(false)), (1, Gen.Constant(true))).Select(o => new InviteRecipient(a, r, o))));
        var batch = recipient.ArrayOf().Where(b => b.Length <= 7);
        var choice = Gen.Elements(PendingInvitationChoice.Refuse, PendingInvitationChoice.Resend, PendingInvitationChoice.Replace);
        var input = batch.SelectMany(b => Gen.Elements(InviteMode.Auto, InviteMode.ExistingUser, InviteMode.NewUser).SelectMany(mode =>
            Gen.Elements(true, false).SelectMany(byOwner => Gen.Elements(true, false).SelectMany(hide =>
                choice.SelectMany(whenPending => Gen.Elements(0, 2).Select(sends => (Batch: b, Mode: mode, ByOwner: byOwner, Hide: hide, WhenPending: whenPending, Sends: sends)))))));
        return Prop.ForAll(input.ToArbitrary(), c => PropertyRunner.Run(async () =>
        {
            var catalog = new InMemoryRoleCatalog();
            catalog.Offer(TestKit.Product, "VIEWER", "EDITOR", WellKnownRoles.UserAdmin);
            await using var kit = await TestKit.CreateAsync(o => (o.MaxBatchSize, o.HideRegistrationState, o.MaxSends) = (6, c.Hide, 3), UserLimit, s => s.AddSingleton<IRoleCatalog>(catalog));
            var admin = Actor.User(kit.Member("member@example.com", WellKnownRoles.UserAdmin, "VIEWER").Id);
            kit.User("known@example.com");
            kit.Users.AddUser("banned@example.com", UserState.Disabled);
            // Rule 5: a pending invitation resent or replaced; resent to the limit (MaxSends 3) in half the runs.
            var pending = await kit.InviteOneAsync("pending@example.com");
            for (var sent = 0; sent < c.Sends; sent++)
            {
                (await kit.Manager.ResendAsync(kit.Owner, pending)).ShouldSucceed();
            }

            var actor = c.ByOwner ? kit.Owner : admin;
            var request = new InviteRequest(TestKit.AccountId, TestKit.Product, c.Batch, c.Mode, WhenPending: c.WhenPending);
            var before = Snapshot(kit);

            var check = await kit.Manager.CheckInviteAsync(actor, request);
            var unchanged = Snapshot(kit) == before;
            var seatsBefore = kit.Store.Invitations.Count(i => i.Status == InvitationStatus.Pending) + kit.Store.Members.Count;
            var invite = await kit.Manager.InviteAsync(actor, request);

            var problems = check.Succeeded ? check.Value.Problems : check.Errors;
            var same = problems.Select(e => (e.Code, e.Recipient)).SequenceEqual(invite.Errors.Select(e => (e.Code, e.Recipient)));
            var seats = !check.Succeeded || !invite.Succeeded
                || (check.Value.Seats.Occupied == seatsBefore && check.Value.Seats.Requested == invite.Value.With(InviteDisposition.Created).Count);
            if (!(unchanged && same && seats))
            {
                throw new InvalidOperationException($"unchanged {unchanged}, same {same}, seats {seats}: check {check}, invite {invite}");
            }

            return check.Succeeded || !invite.Succeeded;
        }));
    }

    private static string Snapshot(TestKit kit) => string.Join(
        "|",
        string.Join(",", kit.Store.Invitations.OrderBy(i => i.Id).Select(i => $"{i.Id}:{i.Revision}:{i.NextDeliveryAt}")),
        string.Join(",", kit.Store.Members.OrderBy(m => m.UserId, StringComparer.Ordinal).Select(m => $"{m.UserId}:{string.Join('+', m.Roles)}")),
        string.Join(",", kit.Users.Users.OrderBy(u => u.Id, StringComparer.Ordinal).Select(u => $"{u.Id}:{u.State}")),
        kit.Mailer.Sent.Count);
}
