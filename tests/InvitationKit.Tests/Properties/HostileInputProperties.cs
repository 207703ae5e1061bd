using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using InvitationKit.Ports;
using InvitationKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.Tests.Properties;

/// <summary>
/// Bad input of any kind, at every entry point of <see cref="IInvitationManager"/>, 10 000 generated cases each: huge
/// and odd Unicode strings, secrets of every length up to 10 000, nulls inside collections, huge batches, role lists
/// and paging values, against a role catalog that lists roles. The only outcomes are a typed result or a documented <see cref="ArgumentNullException"/>, and a
/// refusal changes no stored state.
/// </summary>
public sealed class HostileInputProperties : IDisposable
{
    private const int Cases = 10_000;

    private readonly Shared<HostileKit> _kit = new(HostileKit.CreateAsync);

    private static readonly Gen<string> Hostile = Gen.OneOf(
        Gen.Elements(string.Empty, " ", "\0", "\u202Eevil", "a\r\nb", "\uD800", "\uDFFF\uD800", "🙂", "\u3164", "ＡＢＣ", "null", "owner", "acme", "cloud", "a@b.c", "x@example.com\u3002"),
        Gen.Choose(0, 10_000).Select(n => new string('A', n)),
        Gen.Choose(0, 0xFFFF).Select(c => (char)c).ArrayOf().Select(a => new string(a)),
        Gen.Choose(0, 0xFFFF).Select(c => (char)c).ArrayOf().Select(a => new string(a) + "@example.com"),
        Gen.Choose(0, 300).SelectMany(n => Gen.Elements('0', '9', '-', ' ', 'Z').ArrayOf(n)).Select(a => new string(a)));

    private static readonly Gen<string?> MaybeNull = Gen.Frequency((1, Gen.Constant<string?>(null)), (9, Hostile.Select(s => (string?)s)));

    private static readonly Gen<IReadOnlyList<string>> Roles = Gen.Frequency(
        (8, MaybeNull.Select(r => r!).ArrayOf().Select(a => (IReadOnlyList<string>)a)),
        (1, Gen.Choose(60, 2_000).Select(n => (IReadOnlyList<string>)Enumerable.Range(0, n).Select(i => $"R{i}").ToArray())),
        (1, Gen.Constant((IReadOnlyList<string>)null!)));

    private static readonly Gen<InviteRecipient?> Recipient = Gen.Frequency(
        (1, Gen.Constant<InviteRecipient?>(null)),
        (9, MaybeNull.SelectMany(e => Roles.SelectMany(r => Gen.Elements(true, false).Select(o => (InviteRecipient?)new InviteRecipient(e!, r, o))))));

    private static readonly Gen<Actor> Actors = Gen.OneOf(
        Gen.Elements(Actor.User("owner"), Actor.User("stranger"), Actor.Admin("root")),
        MaybeNull.Select(id => new Actor(id!)));

    /// <summary>Mostly the usual value, so the checks behind the ids are reached; otherwise anything hostile.</summary>
    private static Gen<string?> Mostly(string? usual) => Gen.Frequency((3, Gen.Constant(usual)), (1, MaybeNull));

    private static readonly Gen<Guid> Ids = Gen.Frequency((1, Gen.Constant(Guid.Empty)), (9, Gen.Fresh(Guid.NewGuid)));

    private static readonly Gen<int> Paging = Gen.OneOf(Gen.Elements(int.MinValue, -1, 0, 1, 100, 101, int.MaxValue), Gen.Choose(-1000, 1000));

    [Property(MaxTest = Cases)]
    public Property Invite() => Check(
        Actors.SelectMany(a => MaybeNull.SelectMany(account => Gen.Frequency(
            (8, Recipient.ArrayOf().Select(r => (IReadOnlyList<InviteRecipient>)r!)),
            (1, Gen.Choose(21, 10_000).Select(n => (IReadOnlyList<InviteRecipient>)Enumerable.Range(0, n).Select(i => new InviteRecipient($"bulk{i}@example.com")).ToArray())),
            (1, Gen.Constant((IReadOnlyList<InviteRecipient>)null!)))
            .SelectMany(recipients => Gen.Elements(InviteMode.Auto, InviteMode.ExistingUser, InviteMode.NewUser, (InviteMode)99)
                .SelectMany(mode => Mostly(null).Select(key => (a, new InviteRequest(account!, "cloud", recipients, mode, key))))))),
        (kit, input) => kit.Manager.InviteAsync(input.a, input.Item2));

    [Property(MaxTest = Cases)]
    public Property InviteForHostDelivery() => Check(
        Actors.SelectMany(a => MaybeNull.SelectMany(account => Gen.Frequency(
            (8, Recipient.ArrayOf().Select(r => (IReadOnlyList<InviteRecipient>)r!)),
            (1, Gen.Choose(21, 10_000).Select(n => (IReadOnlyList<InviteRecipient>)Enumerable.Range(0, n).Select(i => new InviteRecipient($"bulk{i}@example.com")).ToArray())),
            (1, Gen.Constant((IReadOnlyList<InviteRecipient>)null!)))
            .SelectMany(recipients => Gen.Elements(InviteMode.Auto, InviteMode.ExistingUser, InviteMode.NewUser, (InviteMode)99)
                .SelectMany(mode => Gen.Elements(PendingInvitationChoice.Refuse, PendingInvitationChoice.Refuse, PendingInvitationChoice.Resend, (PendingInvitationChoice)99)
                    .SelectMany(pending => Mostly(null).Select(key => (a, new InviteRequest(account!, "cloud", recipients, mode, key, pending)))))))),
        async (kit, input) =>
        {
            // Rule 24: a success hands out a link for every invitation it created, and nothing else.
            var result = await kit.Manager.InviteForHostDeliveryAsync(input.a, input.Item2);
            return result.Succeeded && result.Value.Invitations.Any(i => string.IsNullOrEmpty(i.Secret))
                ? throw new InvalidOperationException("A host-delivered invite created an invitation without handing out its link.")
                : result;
        });

    [Property(MaxTest = Cases)]
    public Property CheckInvite() => Check(
        Actors.SelectMany(a => MaybeNull.SelectMany(account => Gen.Frequency(
            (8, Recipient.ArrayOf().Select(r => (IReadOnlyList<InviteRecipient>)r!)),
            (1, Gen.Choose(21, 10_000).Select(n => (IReadOnlyList<InviteRecipient>)Enumerable.Range(0, n).Select(i => new InviteRecipient($"bulk{i}@example.com")).ToArray())),
            (1, Gen.Constant((IReadOnlyList<InviteRecipient>)null!)))
            .SelectMany(recipients => Gen.Elements(InviteMode.Auto, InviteMode.ExistingUser, InviteMode.NewUser, (InviteMode)99)
                .SelectMany(mode => Mostly("cloud").SelectMany(product => Mostly(null).Select(key => (a, new InviteRequest(account!, product!, recipients, mode, key)))))))),
        (kit, input) => kit.Manager.CheckInviteAsync(input.a, input.Item2),
        writes: false);

    /// <summary>Return URLs around the one allowed origin: tricks, hostile tails and hosts, and anything hostile.</summary>
    private static readonly Gen<string?> ReturnUrls = Gen.Frequency(
        (1, Gen.Constant<string?>(null)),
        (2, Gen.Elements<string?>(
            "https://app.example.com/", "https://app.example.com@evil.example/", "//evil.example", "javascript:alert(1)", "data:text/html,x",
            "https:\\evil.example", "https://app.example.com:8443/", "http://app.example.com/", "https://user@app.example.com/", "/relative", "https://аpp.example.com/")),
        (3, Hostile.Select(tail => (string?)("https://app.example.com" + tail))),
        (2, Hostile.Select(host => (string?)("https://" + host))),
        (1, MaybeNull));

    private static readonly Gen<IReadOnlyDictionary<string, string>?> Metadata = Gen.Frequency(
        (1, Gen.Constant<IReadOnlyDictionary<string, string>?>(null)),
        (4, Hostile.SelectMany(k => MaybeNull.Select(v => (k, v))).ArrayOf()
            .Select(entries => (IReadOnlyDictionary<string, string>?)entries.DistinctBy(e => e.k).ToDictionary(e => e.k, e => e.v!))),
        (1, Gen.Choose(0, 40).Select(n => (IReadOnlyDictionary<string, string>?)Enumerable.Range(0, n).ToDictionary(i => $"k{i}", i => new string('v', i * 20)))));

    private static readonly Gen<NodaTime.Duration?> Lifetimes = Gen.Frequency(
        (1, Gen.Constant<NodaTime.Duration?>(null)),
        (1, Gen.Elements<NodaTime.Duration?>(NodaTime.Duration.MinValue, NodaTime.Duration.MaxValue, NodaTime.Duration.Zero, NodaTime.Duration.Epsilon, NodaTime.Duration.FromHours(1), NodaTime.Duration.FromDays(30))),
        (3, Gen.Choose(-100, 100 * 24 * 60).Select(minutes => (NodaTime.Duration?)NodaTime.Duration.FromMinutes(minutes))));

    /// <summary>
    /// Rule 25: any lifetime, metadata, return URL and language on an invite of the owner's: a typed answer, nothing
    /// written by a refusal, and an invitation stored only with a lifetime within bounds, a return URL of the allowed
    /// origin, well-formed metadata and language.
    /// </summary>
    [Property(MaxTest = Cases)]
    public Property InviteOptions() => Prop.ForAll(
        OptionRequests.ToArbitrary(),
        request => PropertyRunner.Run(async () =>
        {
            var kit = _kit.Value;
            var before = kit.Snapshot();
            var result = await kit.Manager.InviteAsync(Actor.User("owner"), request);
            if (!result.Succeeded)
            {
                return result.Errors.All(e => e.Message.Length > 0 && e.Remedies.Count > 0) && kit.Snapshot() == before;
            }

            var view = result.Value.Invitations.Single();
            return (view.ExpiresAt - view.CreatedAt) is var lifetime && lifetime >= NodaTime.Duration.FromHours(1) && lifetime <= NodaTime.Duration.FromDays(30)
                && (view.ReturnUrl is null || (InvitationOptionsCheck.Origin(view.ReturnUrl) == "https://app.example.com:443" && view.ReturnUrl.All(c => c is > ' ' and < '\x7f' and not '\\')))
                && view.Metadata.Count <= 16 && view.Metadata.All(e => e.Key.Length is > 0 and <= 64 && e.Value.Length <= 512 && !e.Value.Any(char.IsControl))
                && (view.Language is null || InvitationOptionsCheck.Language(view.Language, null) == view.Language);
        }));

    /// <summary>The dry run of the same: a typed answer, and nothing written whatever it says.</summary>
    [Property(MaxTest = Cases)]
    public Property CheckInviteOptions() => Check(OptionRequests, (kit, request) => kit.Manager.CheckInviteAsync(Actor.User("owner"), request), writes: false);

    private static Gen<InviteRequest> OptionRequests =>
        Lifetimes.SelectMany(lifetime => Metadata.SelectMany(metadata => ReturnUrls.SelectMany(url => Gen.OneOf(MaybeNull, Gen.Elements<string?>("ru", "en-GB", "zh-Hant-TW", "x", "en_US", "ru-"))
            .Select(language => new InviteRequest(TestKit.AccountId, "cloud", [new InviteRecipient($"o{Guid.NewGuid():N}@example.com", "VIEWER")])
            {
                Lifetime = lifetime, Metadata = metadata, ReturnUrl = url, Language = language,
            }))));

    [Property(MaxTest = Cases)]
    public Property GrantableRoles() => Check(
        Actors.SelectMany(a => Mostly("acme").SelectMany(account => Mostly("cloud").Select(product => (a, account, product)))),
        (kit, input) => kit.Manager.GetGrantableRolesAsync(input.a, input.account!, input.product!),
        writes: false);

    [Property(MaxTest = Cases)]
    public Property Accept() => Check(
        MaybeNull.SelectMany(secret => MaybeNull.SelectMany(user => MaybeNull.Select(email => (secret, user, email)))),
        (kit, input) => kit.Manager.AcceptAsync(input.secret!, new SignedInIdentity(input.user!, input.email, "p", EmailVerified: true)));

    [Property(MaxTest = Cases)]
    public Property Reject() => Check(MaybeNull, (kit, secret) => kit.Manager.RejectAsync(secret!));

    [Property(MaxTest = Cases)]
    public Property RequestNewInvitation() => Check(
        MaybeNull.SelectMany(secret => MaybeNull.Select(partition => (secret, partition))),
        (kit, input) => kit.Manager.RequestNewInvitationAsync(input.secret!, input.partition),
        writes: false);

    [Property(MaxTest = Cases)]
    public Property Preview() => Check(MaybeNull, (kit, secret) => kit.Manager.PreviewAsync(secret!));

    [Property(MaxTest = Cases)]
    public Property Activate() => Check(
        MaybeNull.SelectMany(email => MaybeNull.SelectMany(otp => MaybeNull.SelectMany(password => MaybeNull.SelectMany(partition => MaybeNull.Select(secret =>
            new ActivationRequest(email!, otp!, password!, partition) { Secret = secret }))))),
        (kit, request) => kit.Manager.ActivateAsync(request));

    [Property(MaxTest = Cases)]
    public Property Resend() => Check(Actors.SelectMany(a => Ids.Select(id => (a, id))), (kit, input) => kit.Manager.ResendAsync(input.a, input.id));

    [Property(MaxTest = Cases)]
    public Property Revoke() => Check(Actors.SelectMany(a => Ids.Select(id => (a, id))), (kit, input) => kit.Manager.RevokeAsync(input.a, input.id));

    [Property(MaxTest = Cases)]
    public Property ChangeRoles() => Check(
        Actors.SelectMany(a => Roles.SelectMany(r => Gen.Elements(true, false).Select(o => (a, r, o)))),
        (kit, input) => kit.Manager.ChangeRolesAsync(input.a, kit.PendingId, input.r, input.o));

    [Property(MaxTest = Cases)]
    public Property List() => Check(
        Actors.SelectMany(a => MaybeNull.SelectMany(account => Paging.SelectMany(offset => Paging.SelectMany(limit =>
            Gen.Elements<InvitationStatus?>(null, InvitationStatus.Pending, (InvitationStatus)42).SelectMany(status => MaybeNull.SelectMany(token =>
                MaybeNull.SelectMany(search => MaybeNull.Select(inviter =>
                    (a, new InvitationQuery(account!, status, offset, limit, ContinuationToken: token is null ? null : "i1." + token, EmailPrefix: search, InvitedBy: inviter)))))))))),
        (kit, input) => kit.Manager.ListAsync(input.a, input.Item2));

    [Property(MaxTest = Cases)]
    public Property Get() => Check(Actors.SelectMany(a => Ids.Select(id => (a, id))), (kit, input) => kit.Manager.GetAsync(input.a, input.id));

    [Property(MaxTest = Cases)]
    public Property SeatUsage() => Check(Actors.SelectMany(a => MaybeNull.Select(account => (a, account))), (kit, input) => kit.Manager.GetSeatUsageAsync(input.a, input.account!));

    [Property(MaxTest = Cases)]
    public Property ListMembers() => Check(
        Actors.SelectMany(a => MaybeNull.SelectMany(account => Paging.SelectMany(offset => Paging.Select(limit => (a, account, offset, limit))))),
        (kit, input) => kit.Manager.ListMembersAsync(input.a, new MemberQuery(input.account!, input.offset, input.limit)));

    [Property(MaxTest = Cases)]
    public Property RemoveMember() => Check(
        Actors.SelectMany(a => MaybeNull.SelectMany(account => MaybeNull.Select(user => (a, account, user)))),
        (kit, input) => kit.Manager.RemoveMemberAsync(input.a, input.account!, input.user!));

    [Property(MaxTest = Cases)]
    public Property Leave() => Check(
        Actors.SelectMany(a => MaybeNull.Select(account => (a, account))),
        (kit, input) => kit.Manager.LeaveAsync(input.a, input.account!));

    [Property(MaxTest = Cases)]
    public Property ReleasePendingUser() => Check(MaybeNull, (kit, email) => kit.Manager.ReleasePendingUserAsync(email!));

    [Property(MaxTest = Cases)]
    public Property ClaimInvitations() => Check(
        MaybeNull.SelectMany(user => MaybeNull.SelectMany(email => Gen.Elements(true, false).Select(verified => (user, email, verified)))),
        (kit, input) => kit.Manager.ClaimInvitationsAsync(new SignedInIdentity(input.user!, input.email, "p", input.verified)));

    [Property(MaxTest = Cases)]
    public Property AddFoundingOwner() => Check(
        MaybeNull.SelectMany(account => MaybeNull.Select(user => (account, user))),
        (kit, input) => kit.Manager.AddFoundingOwnerAsync(input.account!, input.user!));

    private static readonly Gen<IReadOnlyList<EmailDomain>> Domains = Gen.Frequency(
        (8, MaybeNull.SelectMany(d => Gen.Elements(EmailDomainKind.Allowed, EmailDomainKind.Verified, (EmailDomainKind)7)
            .Select(k => Gen.Frequency((1, Gen.Constant<EmailDomain>(null!)), (20, Gen.Constant(new EmailDomain(d!, k)))))).SelectMany(g => g).ArrayOf().Select(a => (IReadOnlyList<EmailDomain>)a)),
        (1, Gen.Choose(101, 2_000).Select(n => (IReadOnlyList<EmailDomain>)Enumerable.Range(0, n).Select(i => new EmailDomain($"d{i}.example", EmailDomainKind.Allowed)).ToArray())),
        (1, Gen.Constant((IReadOnlyList<EmailDomain>)null!)));

    [Property(MaxTest = Cases)]
    public Property SetEmailDomains() => Check(
        Actors.SelectMany(a => Mostly("acme").SelectMany(account => Domains.Select(domains => (a, account, domains)))),
        (kit, input) => kit.Manager.SetEmailDomainsAsync(input.a, input.account!, input.domains));

    [Property(MaxTest = Cases)]
    public Property GetEmailDomains() => Check(
        Actors.SelectMany(a => MaybeNull.Select(account => (a, account))),
        (kit, input) => kit.Manager.GetEmailDomainsAsync(input.a, input.account!),
        writes: false);

    [Property(MaxTest = Cases)]
    public Property Join() => Check(
        MaybeNull.SelectMany(user => MaybeNull.SelectMany(email => Mostly("acme").SelectMany(account => Mostly("cloud").Select(product => (user, email, account, product))))),
        (kit, input) => kit.Manager.JoinAsync(new SignedInIdentity(input.user!, input.email, "p", EmailVerified: true), input.account!, input.product!));

    [Property(MaxTest = Cases)]
    public Property ListJoinableAccounts() => Check(
        MaybeNull.SelectMany(user => MaybeNull.SelectMany(email => Gen.Elements(true, false).Select(verified => (user, email, verified)))),
        (kit, input) => kit.Manager.ListJoinableAccountsAsync(new SignedInIdentity(input.user!, input.email, "p", input.verified)),
        writes: false);

    [Property(MaxTest = Cases)]
    public Property ListReceivedInvitations() => Check(
        MaybeNull.SelectMany(user => MaybeNull.SelectMany(email => Gen.Elements(true, false).Select(verified => (user, email, verified)))),
        (kit, input) => kit.Manager.ListReceivedInvitationsAsync(new SignedInIdentity(input.user!, input.email, "p", input.verified)),
        writes: false);

    [Property(MaxTest = Cases)]
    public Property AcceptReceivedInvitation() => Check(
        Ids.SelectMany(id => MaybeNull.SelectMany(user => MaybeNull.Select(email => (id, user, email)))),
        (kit, input) => kit.Manager.AcceptReceivedInvitationAsync(input.id, new SignedInIdentity(input.user!, input.email, "p", EmailVerified: true)));

    [Property(MaxTest = Cases)]
    public Property RejectReceivedInvitation() => Check(
        Ids.SelectMany(id => MaybeNull.SelectMany(user => MaybeNull.Select(email => (id, user, email)))),
        (kit, input) => kit.Manager.RejectReceivedInvitationAsync(input.id, new SignedInIdentity(input.user!, input.email, "p", EmailVerified: true)));

    /// <summary>
    /// Runs the entry point on one kit per property (an account with a member and a pending invitation): each case
    /// either succeeds, returns typed errors with a message and remedies and leaves the state as it was, or throws
    /// <see cref="ArgumentNullException"/> for a null argument it documents, also changing nothing. An entry point that
    /// never <paramref name="writes"/> (a dry run, a read) leaves the state as it was even when it succeeds.
    /// </summary>
    private Property Check<TInput, TResult>(Gen<TInput> inputs, Func<HostileKit, TInput, Task<InvitationResult<TResult>>> call, bool writes = true) =>
        Prop.ForAll(inputs.ToArbitrary(), input => PropertyRunner.Run(async () =>
        {
            var kit = _kit.Value;
            var before = kit.Snapshot();
            InvitationResult<TResult> result;
            try
            {
                result = await call(kit, input);
            }
            catch (ArgumentNullException)
            {
                return kit.Snapshot() == before;
            }

            return result.Succeeded
                ? writes || kit.Snapshot() == before
                : result.Errors.All(e => e.Message.Length > 0 && e.Remedies.Count > 0) && kit.Snapshot() == before;
        }));

    public void Dispose() => _kit.Dispose();

    /// <summary>A test kit seeded with a member and a pending invitation, and a fingerprint of everything stored.</summary>
    private sealed class HostileKit(TestKit kit, Guid pendingId) : IAsyncDisposable
    {
        public IInvitationManager Manager => kit.Manager;

        public Guid PendingId => pendingId;

        public static async Task<HostileKit> CreateAsync()
        {
            var catalog = new InMemoryRoleCatalog();
            catalog.Offer("cloud", "VIEWER", "EDITOR", WellKnownRoles.UserAdmin, "A", "R1");
            var kit = await TestKit.CreateAsync(o => (o.MaxOtpAttempts, o.AllowHostDelivery, o.AllowedReturnOrigins) = (100, true, ["https://app.example.com"]), userLimit: 1_000_000, services: s => s.AddSingleton<IRoleCatalog>(catalog));
            kit.Member("member@example.com", WellKnownRoles.UserAdmin);
            return new HostileKit(kit, await kit.InviteOneAsync("pending@example.com"));
        }

        public string Snapshot() => string.Join(
            "|",
            string.Join(",", kit.Store.Invitations.OrderBy(i => i.Id).Select(i => $"{i.Id}:{i.Revision}")),
            string.Join(",", kit.Store.Members.OrderBy(m => (m.AccountId, m.UserId)).Select(m => $"{m.AccountId}/{m.UserId}:{string.Join('+', m.Roles)}")),
            string.Join(",", kit.Users.Users.OrderBy(u => u.Id, StringComparer.Ordinal).Select(u => $"{u.Id}:{u.State}")),
            kit.Mailer.Sent.Count);

        public ValueTask DisposeAsync() => kit.DisposeAsync();
    }
}
