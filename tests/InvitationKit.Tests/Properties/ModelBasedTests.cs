using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using InvitationKit.Ports;
using InvitationKit.Tests.Infrastructure;

namespace InvitationKit.Tests.Properties;

/// <summary>
/// Random command sequences — invites (by mail, with a lifetime and options per invitation — metadata, return URL,
/// language, valid or not — and with the links handed to the owner, rule 24) and dry runs, accepts and rejects by link
/// and by id from the inbox, activations, revokes, resends, removals, leaves, searches, the clock, email domain policies
/// and joins through a verified domain, asking for a new invitation, dispatches (reminders and notices), inbox listings
/// (by the address's own user, a stranger, an unverified claim) and looks at an invitation (the owner's view, the link's
/// preview) — run against the reference model and the real manager agree on every outcome: the options reach the
/// preview, the inbox, the view and the membership as the model says. After every step the seat invariant holds, at
/// most one invitation per address is pending, and no invitation leaves a terminal status.
/// </summary>
public sealed partial class ModelBasedTests
{
    private const int UserLimit = 6;
    private const int MaxBatch = 4;
    private const int MaxOtpAttempts = 3;
    private const int MaxOtpFailures = 7;
    private const int MaxSends = 3;
    private const string Password = "correct horse battery staple";
    private static readonly Duration ReminderLead = Duration.FromHours(48);
    private static readonly EmailDomain[][] DomainPolicies =
    [
        [],
        [new("Example.COM", EmailDomainKind.Allowed)],
        [new("other.example", EmailDomainKind.Allowed)],
        [new("example.com", EmailDomainKind.Verified)],
        [new("other.example", EmailDomainKind.Verified), new("example.com", EmailDomainKind.Allowed)],
    ];

    private static readonly string[] Pool = ["u0@example.com", "u1@example.com", "u2@example.com", "u3@example.com", "u4@example.com", "u5@example.com"];

    /// <summary>A registered user of no account, invited never: their inbox is empty, and no id of the pool's is theirs.</summary>
    private const string Stranger = "stranger@elsewhere.example";

    [Property(MaxTest = 1_000)]
    public Property The_manager_agrees_with_the_model_on_random_command_sequences() =>
        Prop.ForAll(Commands().ToArbitrary(), commands => PropertyRunner.Run(() => RunAsync(commands)));

    private static Gen<Command[]> Commands()
    {
        var address = Gen.Elements(Pool);
        var spelled = address.SelectMany(a => Gen.Elements(a, a.ToUpperInvariant(), char.ToUpperInvariant(a[0]) + a[1..]));
        var batch = spelled.ArrayOf().Where(a => a.Length <= MaxBatch + 1);
        var choice = Gen.Frequency(
            (3, Gen.Constant(PendingInvitationChoice.Refuse)), (1, Gen.Constant(PendingInvitationChoice.Resend)), (1, Gen.Constant(PendingInvitationChoice.Replace)));
        // Rule 25: a lifetime within the bounds (1 hour .. 30 days), or the deployment's.
        var lifetime = Gen.Frequency((1, Gen.Constant<Duration?>(null)), (2, Gen.Choose(1, 30 * 24).Select(h => (Duration?)Duration.FromHours(h))));
        var command = Gen.Frequency(
            (6, batch.SelectMany(b => choice.SelectMany(c => lifetime.SelectMany(l => InvitationOptions().Select(o => (Command)new Invite(b, c, l, o)))))),
            (2, batch.SelectMany(b => choice.Select(c => (Command)new CheckInvite(b, c)))),
            (2, batch.Select(b => (Command)new HostInvite(b))),
            (3, address.SelectMany(a => Gen.Elements(false, true).Select(byId => (Command)new Accept(a, byId)))),
            (6, address.SelectMany(a => Gen.Frequency((1, Gen.Constant(true)), (2, Gen.Constant(false))).SelectMany(right => Gen.Elements(false, true).Select(fromLink => (Command)new Activate(a, right, fromLink))))),
            (1, address.SelectMany(a => Gen.Elements(false, true).Select(byId => (Command)new Reject(a, byId)))),
            (2, address.Select(a => (Command)new Revoke(a))),
            (3, address.Select(a => (Command)new Resend(a))),
            (1, address.Select(a => (Command)new RemoveMember(a))),
            (1, Gen.Frequency((5, address.Select(a => (string?)a)), (1, Gen.Constant<string?>(null))).Select(a => (Command)new Leave(a))),
            (2, Gen.Choose(1, 100).Select(h => (Command)new Advance(h))),
            (1, Gen.Elements(true, false).Select(disabled => (Command)new SetAccountDisabled(disabled))),
            (1, Gen.Elements(DomainPolicies).Select(d => (Command)new SetDomains(d))),
            (2, address.Select(a => (Command)new Join(a))),
            (1, Gen.Constant((Command)new ExpireOverdue())),
            (2, address.Select(a => (Command)new RequestNewInvitation(a))),
            (2, Gen.Constant((Command)new Dispatch())),
            (2, address.SelectMany(a => Gen.Frequency((3, Gen.Constant(Viewer.Own)), (1, Gen.Constant(Viewer.Stranger)), (1, Gen.Constant(Viewer.Unverified))).Select(v => (Command)new Inbox(a, v)))),
            (2, address.Select(a => (Command)new Inspect(a))),
            (2, spelled.SelectMany(a => Gen.Choose(1, a.Length).SelectMany(n => Gen.Elements<InvitationStatus?>(null, InvitationStatus.Pending, InvitationStatus.Expired, InvitationStatus.Accepted, InvitationStatus.Revoked)
                .Select(status => (Command)new Search(a[..n], status))))));
        return command.ArrayOf().Where(c => c.Length <= 60);
    }

    private static async Task<bool> RunAsync(Command[] commands)
    {
        await using var kit = await TestKit.CreateAsync(
            o =>
            {
                (o.MaxBatchSize, o.MaxOtpAttempts, o.MaxOtpFailuresPerAddress, o.MaxSends, o.ReminderLead, o.AllowHostDelivery) = (MaxBatch, MaxOtpAttempts, MaxOtpFailures, MaxSends, ReminderLead, true);
                (o.AllowedReturnOrigins, o.SupportedLanguages) = ([InvitationModel.AllowedOrigin], [.. InvitationModel.SupportedLanguages]);
            },
            userLimit: UserLimit);
        var model = new InvitationModel(UserLimit, MaxBatch, MaxOtpAttempts, MaxOtpFailures, MaxSends) { Now = kit.Clock.GetCurrentInstant(), ReminderLead = ReminderLead };
        foreach (var registered in Pool.Take(2))
        {
            kit.User(registered);
            model.Registered.Add(registered);
        }

        kit.User(Stranger);

        var terminal = new Dictionary<Guid, InvitationStatus>();
        var links = new Links(kit);
        foreach (var command in commands)
        {
            var (expected, actual) = await ApplyAsync(command, kit, model, links);
            links.Sync();
            if (expected != actual)
            {
                throw new InvalidOperationException($"{command}: model said {expected}, manager said {actual}.");
            }

            CheckInvariants(kit, model, terminal);
        }

        return true;
    }

    private static async Task<(Outcome Expected, Outcome Actual)> ApplyAsync(Command command, TestKit kit, InvitationModel model, Links links)
    {
        var manager = kit.Manager;
        switch (command)
        {
            case Invite invite:
                // Rule 5: a replace asks for other roles, which the model does not track; the seats and sends it does.
                var roles = invite.WhenPending == PendingInvitationChoice.Replace ? "EDITOR" : "VIEWER";
                var withOptions = new InviteRequest(TestKit.AccountId, TestKit.Product, [.. invite.Addresses.Select(e => new InviteRecipient(e, roles))], WhenPending: invite.WhenPending)
                {
                    Lifetime = invite.Lifetime,
                    Metadata = invite.Options?.Metadata,
                    ReturnUrl = invite.Options?.ReturnUrl,
                    Language = invite.Options?.Language,
                };
                return (
                    model.Invite([.. invite.Addresses.Select(a => a.ToLowerInvariant())], invite.WhenPending, invite.Lifetime, options: invite.Options),
                    Outcome.Of(await manager.InviteAsync(kit.Owner, withOptions)));
            case HostInvite host:
                // Rule 24: the same invite, with each link handed to the owner instead of mailed (a new user's code is mailed).
                var handed = await manager.InviteForHostDeliveryAsync(kit.Owner, new InviteRequest(TestKit.AccountId, TestKit.Product, [.. host.Addresses.Select(e => new InviteRecipient(e, "VIEWER"))]));
                foreach (var link in handed.Succeeded ? handed.Value.Invitations : [])
                {
                    links.Hand(link);
                }

                return (model.Invite([.. host.Addresses.Select(a => a.ToLowerInvariant())], hostDelivered: true), Outcome.Of(handed));
            case CheckInvite check:
                // The dry run answers what the invite would, with the seats it would take, and changes nothing (the
                // invariants and every later command check the state it left).
                var (would, requested) = model.Check([.. check.Addresses.Select(a => a.ToLowerInvariant())], check.WhenPending);
                var checkedInvite = await manager.CheckInviteAsync(
                    kit.Owner, new InviteRequest(TestKit.AccountId, TestKit.Product, [.. check.Addresses.Select(e => new InviteRecipient(e, "VIEWER"))], WhenPending: check.WhenPending));
                return (
                    requested is null ? would : would with { Codes = $"{would.Codes} seats {model.OccupiedSeats}+{requested}" },
                    !checkedInvite.TryGetValue(out var dryRun) ? Outcome.Of(checkedInvite)
                        : new Outcome(dryRun.CanInvite, $"{Outcome.Fail([.. dryRun.Problems.Select(e => e.Code)]).Codes} seats {dryRun.Seats.Occupied}+{dryRun.Seats.Requested}"));
            case Accept accept:
                var userId = (await kit.Users.FindByEmailAsync(EmailAddress.Parse(accept.Address), default))?.Id ?? "nobody";
                var signedIn = new SignedInIdentity(userId, accept.Address, "password", EmailVerified: true);
                return (Joined(model.Accept(accept.Address), model, accept.Address), Joined(accept.ById // from the inbox (rule 21), as from the link
                    ? await manager.AcceptReceivedInvitationAsync(links.Last(accept.Address)?.InvitationId ?? Guid.NewGuid(), signedIn)
                    : await manager.AcceptAsync(SecretOrRandom(links, accept.Address), signedIn)));
            case Activate activate:
                var otp = activate.RightCode ? links.Last(activate.Address)?.OneTimePassword ?? "none" : "wrong";
                var fromPage = activate.FromLink ? links.Last(activate.Address)?.Secret : null;
                return (
                    Joined(model.Activate(activate.Address, otp, activate.RightCode, fromPage is not null), model, activate.Address),
                    Joined(await manager.ActivateAsync(new ActivationRequest(activate.Address, otp, Password) { Secret = fromPage })));
            case Reject reject:
                var decliner = new SignedInIdentity((await kit.Users.FindByEmailAsync(EmailAddress.Parse(reject.Address), default))?.Id ?? "nobody", reject.Address, "password", EmailVerified: true);
                return (model.Resolve(reject.Address, InvitationStatus.Rejected), Outcome.Of(reject.ById
                    ? await manager.RejectReceivedInvitationAsync(links.Last(reject.Address)?.InvitationId ?? Guid.NewGuid(), decliner)
                    : await manager.RejectAsync(SecretOrRandom(links, reject.Address))));
            case Revoke revoke:
                return (model.Resolve(revoke.Address, InvitationStatus.Revoked), Outcome.Of(await manager.RevokeAsync(kit.Owner, links.Last(revoke.Address)?.InvitationId ?? Guid.NewGuid())));
            case Resend resend:
                return (model.Resend(resend.Address), Outcome.Of(await manager.ResendAsync(kit.Owner, links.Last(resend.Address)?.InvitationId ?? Guid.NewGuid())));
            case RemoveMember remove:
                var member = (await kit.Users.FindByEmailAsync(EmailAddress.Parse(remove.Address), default))?.Id ?? "nobody";
                return (model.RemoveMember(remove.Address), Outcome.Of(await manager.RemoveMemberAsync(kit.Owner, TestKit.AccountId, member)));
            case Leave { Address: null }:
                return (model.Leave(null), Outcome.Of(await manager.LeaveAsync(kit.Owner, TestKit.AccountId)));
            case Leave leave:
                var leaver = (await kit.Users.FindByEmailAsync(EmailAddress.Parse(leave.Address), default))?.Id ?? "nobody";
                return (model.Leave(leave.Address), Outcome.Of(await manager.LeaveAsync(Actor.User(leaver), TestKit.AccountId)));
            case SetDomains refused when model.Disabled:
                return (Outcome.Fail(InvitationErrorCode.AccountDisabled), Outcome.Of(await manager.SetEmailDomainsAsync(Actor.Admin("platform-admin"), TestKit.AccountId, refused.Domains)));
            case SetDomains set:
                model.Domains.Clear();
                foreach (var domain in set.Domains)
                {
                    model.Domains[domain.Domain.ToLowerInvariant()] = domain.Kind;
                }

                return (Outcome.Ok, Outcome.Of(await manager.SetEmailDomainsAsync(Actor.Admin("platform-admin"), TestKit.AccountId, set.Domains)));
            case Join join:
                var joiner = (await kit.Users.FindByEmailAsync(EmailAddress.Parse(join.Address), default))?.Id ?? "nobody";
                return (model.Join(join.Address), Outcome.Of(await manager.JoinAsync(new SignedInIdentity(joiner, join.Address, "password", EmailVerified: true), TestKit.AccountId, TestKit.Product)));
            case Advance advance:
                kit.Clock.Advance(Duration.FromHours(advance.Hours));
                model.Now = kit.Clock.GetCurrentInstant();
                return (Outcome.Ok, Outcome.Ok);
            case ExpireOverdue:
                var expected = model.ExpireOverdue();
                var actual = (await manager.ExpireOverdueAsync()).Value;
                return (new Outcome(true, expected.ToString(System.Globalization.CultureInfo.InvariantCulture)), new Outcome(true, actual.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            case RequestNewInvitation request:
                return (model.RequestNewInvitation(request.Address), Outcome.Of(await manager.RequestNewInvitationAsync(SecretOrRandom(links, request.Address))));
            case Inbox inbox:
                return await InboxAsync(inbox, kit, model, links);
            case Inspect inspect:
                return await InspectAsync(inspect, kit, model, links);
            case Dispatch:
                // Rules 22 and 23: advance the clock with Advance, then dispatch: the reminders due are mailed once, and
                // every notice due is sent (or given up for a disabled account).
                model.Dispatch();
                await kit.Dispatcher.DispatchAsync();
                return (new Outcome(true, $"notices {model.NoticesSent} reminders {model.Reminders}"),
                    new Outcome(true, $"notices {kit.Notices.Sent.Count} reminders {kit.Mailer.Sent.Count(m => m.IsReminder)}"));
            case SetAccountDisabled set:
                kit.Accounts.SetDisabled(TestKit.AccountId, set.Disabled);
                model.Disabled = set.Disabled;
                return (Outcome.Ok, Outcome.Ok);
            case Search search:
                var page = await manager.ListAsync(kit.Owner, new InvitationQuery(TestKit.AccountId, search.Status, Limit: 100, EmailPrefix: search.Prefix));
                return (model.Search(search.Prefix, search.Status),
                    page.Succeeded ? new Outcome(true, page.Value.TotalCount!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)) : Outcome.Of(page));
            default:
                throw new InvalidOperationException($"Unknown command {command}.");
        }
    }

    private static void CheckInvariants(TestKit kit, InvitationModel model, Dictionary<Guid, InvitationStatus> terminal)
    {
        var now = kit.Clock.GetCurrentInstant();
        var invitations = kit.Store.Invitations;
        var effectivePending = invitations.Where(i => InvitationStatusMachine.EffectiveStatus(i, now) == InvitationStatus.Pending).ToList();

        // Seat invariant: members + effective pending ≤ limit, and the real store agrees with the model.
        var occupied = kit.Store.Members.Count(m => m.AccountId == TestKit.AccountId) + effectivePending.Count;
        Check(occupied <= UserLimit, $"seat invariant broken: {occupied} > {UserLimit}");
        Check(occupied == model.OccupiedSeats, $"occupied seats {occupied}, model {model.OccupiedSeats}");

        // Rule 22: each invitation asked about once, as the model says.
        Check(invitations.Count(i => i.NewInvitationRequestedAt is not null) == model.Asked, $"asked {invitations.Count(i => i.NewInvitationRequestedAt is not null)}, model {model.Asked}");

        // Rule 25: every pending invitation expires when the model says — its own lifetime from its last (re)send.
        foreach (var invitation in effectivePending.Where(i => i.AccountId == TestKit.AccountId))
        {
            Check(model.PendingExpiry(invitation.EmailKey) == invitation.ExpiresAt, $"{invitation.EmailKey} expires at {invitation.ExpiresAt}, model {model.PendingExpiry(invitation.EmailKey)}");
        }

        // At most one pending invitation per (account, address).
        Check(effectivePending.GroupBy(i => (i.AccountId, i.EmailKey)).All(g => g.Count() == 1), "two pending invitations for one address");

        // No transition leaves a terminal state.
        foreach (var invitation in invitations)
        {
            if (terminal.TryGetValue(invitation.Id, out var was))
            {
                Check(invitation.Status == was, $"invitation left terminal status {was} for {invitation.Status}");
            }
            else if (InvitationStatusMachine.IsTerminal(invitation.Status))
            {
                terminal[invitation.Id] = invitation.Status;
            }
        }
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }

    private static string SecretOrRandom(Links links, string address) =>
        links.Last(address)?.Secret ?? InvitationKit.Secrets.SecretGenerator.Generate(OtpFormat.UrlSafeToken, 32);
}
