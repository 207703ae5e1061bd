using System.Collections;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using InvitationKit.Tests.Infrastructure;

namespace InvitationKit.Tests.Properties;

/// <summary>
/// Issue 24, finding 2: with <see cref="InvitationKitOptions.HideRegistrationState"/> on, nothing a tenant's admin sees
/// tells a registered address from a new one. Each case plays one random story of admin calls twice — once where the
/// probed address belongs to a registered user (enabled or banned), once where it belongs to nobody (or to a user still
/// pending activation) — in a normal or a registered-only account, and the two transcripts of everything the calls
/// returned must be the same, invitation ids aside.
/// </summary>
public sealed class RegistrationStateProperties : IDisposable
{
    /// <summary>How many cases share one pair of kits, each case in an account and with addresses of its own.</summary>
    private const int CasesPerKits = 250;
    private const string Probed = "probed";
    private const string Known = "known";
    private const string Fresh = "fresh";

    private (TestKit Registered, TestKit New)? _kits;
    private int _case;

    [Property(MaxTest = 10_000)]
    public Property An_admin_sees_the_same_whether_the_probed_address_is_registered_or_new() =>
        Prop.ForAll(Stories().ToArbitrary(), story => PropertyRunner.Run(async () =>
        {
            var (registeredKit, newKit) = await KitsAsync();
            var n = _case++;
            var registered = await TranscriptAsync(registeredKit, n, story, probedIsRegistered: true);
            var unregistered = await TranscriptAsync(newKit, n, story, probedIsRegistered: false);
            return registered == unregistered
                ? true
                : throw new InvalidOperationException($"{story}{Environment.NewLine}registered: {registered}{Environment.NewLine}new:        {unregistered}");
        }));

    public void Dispose() => PropertyRunner.Run(async () =>
    {
        await DisposeKitsAsync();
        return 0;
    });

    /// <summary>The two kits of this case: fresh ones every <see cref="CasesPerKits"/> cases, so no store grows large.</summary>
    private async Task<(TestKit Registered, TestKit New)> KitsAsync()
    {
        if (_kits is null || _case % CasesPerKits == 0)
        {
            await DisposeKitsAsync();
            _kits = (await TestKit.CreateAsync(o => o.HideRegistrationState = true), await TestKit.CreateAsync(o => o.HideRegistrationState = true));
        }

        return _kits.Value;
    }

    private async Task DisposeKitsAsync()
    {
        if (_kits is { } kits)
        {
            await kits.Registered.DisposeAsync();
            await kits.New.DisposeAsync();
        }

        _kits = null;
    }

    private static Gen<Story> Stories()
    {
        // The probed address among a registered and a new one that are the same in both runs; repeats are bad input.
        var recipients = Gen.Elements(Probed, Known, Fresh).ArrayOf().Where(a => a.Length is >= 1 and <= 3);
        var invite = Gen.Elements(InviteMode.Auto, InviteMode.ExistingUser, InviteMode.NewUser)
            .SelectMany(mode => recipients.SelectMany(to => Gen.Elements(false, true).Select(owner => new Invite(mode, to, owner))));
        var index = Gen.Choose(0, 9);
        var step = Gen.Frequency(
            (4, invite.Select(i => (Step)i)),
            (2, Gen.Elements<InvitationStatus?>(null, InvitationStatus.Pending, InvitationStatus.Revoked, InvitationStatus.Expired).Select(s => (Step)new ListInvitations(s))),
            (1, index.Select(i => (Step)new Get(i))),
            (2, index.Select(i => (Step)new Resend(i))),
            (2, index.Select(i => (Step)new Revoke(i))),
            (1, index.SelectMany(i => Gen.Elements(new[] { "VIEWER" }, new[] { "EDITOR", "VIEWER" }).Select(r => (Step)new ChangeRoles(i, r)))),
            (1, Gen.Constant((Step)new ReadSeats())),
            (1, Gen.Constant((Step)new ListMembers())),
            (1, Gen.Choose(1, 200).Select(h => (Step)new Advance(h))));
        var first = invite.Where(i => i.Recipients.Contains(Probed)).Select(i => (Step)i);
        var steps = first.SelectMany(f => step.ArrayOf().Where(s => s.Length <= 10).Select(rest => (Step[])[f, .. rest]));
        return Gen.Elements(false, true).SelectMany(onlyRegistered =>
            Gen.Choose(2, 6).SelectMany(limit =>
                Gen.Elements(UserState.Enabled, UserState.Disabled).SelectMany(registeredState =>
                    Gen.Elements(false, true).SelectMany(newIsPending =>
                        steps.Select(s => new Story(onlyRegistered, limit, registeredState, newIsPending, s))))));
    }

    /// <summary>Everything the admin's calls returned, in order, with each invitation id replaced by the order it first appeared in.</summary>
    private static async Task<string> TranscriptAsync(TestKit kit, int n, Story story, bool probedIsRegistered)
    {
        // The case's own account and addresses: the probed one, a registered one and a new one.
        var account = $"t{n}";
        string Address(string name) => $"{name}{n}@example.com";
        kit.Accounts.Add(new AccountInfo(account, "Acme", story.UserLimit, story.OnlyRegistered));
        (await kit.Manager.AddFoundingOwnerAsync(account, kit.Owner.UserId)).ShouldSucceed();
        kit.Users.AddUser(Address(Known), id: $"{Known}{n}");
        if (probedIsRegistered || story.NewIsPending)
        {
            kit.Users.AddUser(Address(Probed), id: $"{Probed}{n}", state: probedIsRegistered ? story.RegisteredState : UserState.PendingActivation);
        }

        var transcript = new Transcript();
        var manager = kit.Manager;
        foreach (var step in story.Steps)
        {
            transcript.Begin(step.ToString());
            switch (step)
            {
                case Invite(var mode, var to, var owner):
                    var request = new InviteRequest(account, TestKit.Product, [.. to.Select(a => new InviteRecipient(Address(a), ["VIEWER"], owner))], mode);
                    transcript.Add(await manager.InviteAsync(kit.Owner, request), o => transcript.Views(o.Invitations));
                    break;
                case ListInvitations(var status):
                    transcript.Add(await manager.ListAsync(kit.Owner, new InvitationQuery(account, status)), p => transcript.InvitationPage(p));
                    break;
                case Get(var i) when transcript.Invitation(i) is { } id:
                    transcript.Add(await manager.GetAsync(kit.Owner, id), v => transcript.Views([v]));
                    break;
                case Resend(var i) when transcript.Invitation(i) is { } id:
                    transcript.Add(await manager.ResendAsync(kit.Owner, id), v => transcript.Views([v]));
                    break;
                case Revoke(var i) when transcript.Invitation(i) is { } id:
                    transcript.Add(await manager.RevokeAsync(kit.Owner, id), v => transcript.Views([v]));
                    break;
                case ChangeRoles(var i, var roles) when transcript.Invitation(i) is { } id:
                    transcript.Add(await manager.ChangeRolesAsync(kit.Owner, id, roles), v => transcript.Views([v]));
                    break;
                case ReadSeats:
                    transcript.Add(await manager.GetSeatUsageAsync(kit.Owner, account), s => s.ToString());
                    break;
                case ListMembers:
                    transcript.Add(await manager.ListMembersAsync(kit.Owner, new MemberQuery(account)), p => transcript.MemberPage(p));
                    break;
                case Advance(var hours):
                    kit.Clock.Advance(Duration.FromHours(hours));
                    break;
            }

            transcript.End();
        }

        return transcript.ToString();
    }

    private sealed record Story(bool OnlyRegistered, int UserLimit, UserState RegisteredState, bool NewIsPending, Step[] Steps)
    {
        public override string ToString() =>
            $"Story {{ OnlyRegistered = {OnlyRegistered}, UserLimit = {UserLimit}, RegisteredState = {RegisteredState}, NewIsPending = {NewIsPending}, Steps = [{string.Join("; ", (IEnumerable<Step>)Steps)}] }}";
    }

    private abstract record Step;

    private sealed record Invite(InviteMode Mode, string[] Recipients, bool GrantsOwner) : Step
    {
        public override string ToString() => $"Invite({Mode}, [{string.Join(", ", Recipients)}], owner: {GrantsOwner})";
    }

    private sealed record ListInvitations(InvitationStatus? Status) : Step;

    private sealed record Get(int Index) : Step;

    private sealed record Resend(int Index) : Step;

    private sealed record Revoke(int Index) : Step;

    private sealed record ChangeRoles(int Index, string[] Roles) : Step
    {
        public override string ToString() => $"ChangeRoles({Index}, [{string.Join(", ", Roles)}])";
    }

    private sealed record ReadSeats : Step;

    private sealed record ListMembers : Step;

    private sealed record Advance(int Hours) : Step;

    /// <summary>What the calls returned, as text; invitation ids as the order they first appeared in.</summary>
    private sealed class Transcript
    {
        private readonly StringBuilder _text = new();
        private readonly List<Guid> _ids = [];

        /// <summary>The id of the i-th invitation seen (modulo how many were), or null before any.</summary>
        public Guid? Invitation(int index) => _ids.Count == 0 ? null : _ids[index % _ids.Count];

        public void Begin(string text) => _text.Append(text);

        public void End() => _text.AppendLine();

        public void Add<T>(InvitationResult<T> result, Func<T, string> describe) => _text.Append(" → ").Append(result.Succeeded
            ? "ok " + describe(result.Value)
            : "refused " + string.Join("; ", result.Errors.Select(e => $"{e.Code} {e.Message} [{e.Recipient}] {string.Join(" / ", e.Remedies)} {e.SeatLimit} {e.Status} {e.RetryAfter}")));

        public string Views(IEnumerable<InvitationView> views) => "[" + string.Join(", ", views.Select(Properties)) + "]";

        // Invitations created at the same instant are listed in the order of their ids, which are random: sorted here.
        public string InvitationPage(Page<InvitationView> page) =>
            $"[{string.Join(", ", page.Items.Select(Properties).Order(StringComparer.Ordinal))}] total {page.TotalCount} offset {page.Offset} more {page.HasMore} token {page.ContinuationToken is not null}";

        public string MemberPage(Page<Member> page) =>
            "[" + string.Join(", ", page.Items.Select(Properties)) + $"] total {page.TotalCount} offset {page.Offset} more {page.HasMore}";

        public override string ToString() => _text.ToString();

        /// <summary>Every public property, lists spelled out and ids numbered.</summary>
        private string Properties(object value) => "{ " + string.Join(", ", value.GetType().GetProperties().Select(p => $"{p.Name} = {Spell(p.GetValue(value))}")) + " }";

        private string? Spell(object? value) => value switch
        {
            Guid id => "#" + Number(id),
            string text => text,
            IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(Spell)) + "]",
            _ => value?.ToString(),
        };

        private int Number(Guid id)
        {
            var index = _ids.IndexOf(id);
            if (index < 0)
            {
                _ids.Add(id);
                index = _ids.Count - 1;
            }

            return index;
        }
    }
}
