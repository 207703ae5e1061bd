using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using InvitationKit.Limits;
using InvitationKit.Permissions;
using InvitationKit.Ports;
using InvitationKit.Secrets;
using InvitationKit.Testing;
using Microsoft.Extensions.Options;

namespace InvitationKit.Benchmarks;

/// <summary>
/// Whole operations on the in-memory ports (the mailer only records): a 20-recipient invite, an accept and a new-user
/// activation, for accounts of 10, 1 000 and 100 000 members. Each iteration starts from a fresh store holding the
/// members and, for accept and activate, 1 024 invitations waiting. The BCL baseline is the crypto a naive
/// implementation of one invite must do: 20 × (32 random bytes + a one-shot HMAC).
/// </summary>
[MemoryDiagnoser]
[InvocationCount(Operations)]
public class InvitationFlowBenchmarks
{
    private const int Operations = 1024;
    private const string Password = "correct horse battery staple";
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly SecretHasher Hasher = new(new SecretKeyRing(Key));
    private static readonly Actor Owner = Actor.User("owner");
    private static int s_generation;

    private IInvitationManager _manager = null!;
    private RecordingMailer _mailer = null!;
    private InMemoryUserDirectory _users = null!;
    private InviteRequest[] _batches = [];
    private InvitationMessage[] _mails = [];
    private int _next;

    [Params(10, 1_000, 100_000)]
    public int Members { get; set; }

    [IterationSetup(Target = nameof(BclCryptoOfAnInvite))]
    public void SetupBaseline() => _next = 0;

    [IterationSetup(Target = nameof(Invite20))]
    public void SetupInvite()
    {
        Reset();
        var generation = Interlocked.Increment(ref s_generation);
        _batches = Enumerable.Range(0, Operations)
            .Select(b => new InviteRequest("acme", "cloud", Enumerable.Range(0, 20).Select(i => new InviteRecipient($"g{generation}b{b}r{i}@example.com", "VIEWER")).ToArray()))
            .ToArray();
    }

    [IterationSetup(Target = nameof(Accept))]
    public void SetupAccept() => Prepare(existingUsers: true);

    [IterationSetup(Target = nameof(Activate))]
    public void SetupActivate() => Prepare(existingUsers: false);

    [Benchmark(Baseline = true, Description = "BCL: 20 × (GetBytes(32) + HMACSHA256.HashData)")]
    public int BclCryptoOfAnInvite()
    {
        Span<byte> secret = stackalloc byte[32];
        Span<byte> mac = stackalloc byte[32];
        var sum = 0;
        for (var i = 0; i < 20; i++)
        {
            RandomNumberGenerator.Fill(secret);
            HMACSHA256.HashData(Key, secret, mac);
            sum += mac[0];
        }

        return sum;
    }

    [Benchmark(Description = "Kit: invite 20 new users")]
    public async Task<bool> Invite20() => (await _manager.InviteAsync(Owner, _batches[_next++])).Succeeded;

    [Benchmark(Description = "Kit: accept (existing user)")]
    public async Task<bool> Accept()
    {
        var mail = _mails[_next++];
        return (await _manager.AcceptAsync(mail.Secret, new SignedInIdentity("u-" + mail.Recipient.Key, mail.Recipient.Value, "password", EmailVerified: true))).Succeeded;
    }

    [Benchmark(Description = "Kit: activate (new user, OTP + password)")]
    public async Task<bool> Activate()
    {
        var mail = _mails[_next++];
        return (await _manager.ActivateAsync(new ActivationRequest(mail.Recipient.Value, mail.OneTimePassword!, Password))).Succeeded;
    }

    private void Reset()
    {
        var clock = new NodaTime.Testing.FakeClock(NodaTime.Instant.FromUtc(2026, 1, 1, 0, 0));
        var store = new InMemoryInvitationStore();
        var now = clock.GetCurrentInstant();
        store.SeedMember(new Member("acme", "owner", [], true, now, null));
        for (var i = 1; i < Members; i++)
        {
            store.SeedMember(new Member("acme", $"member-{i}", ["VIEWER"], false, now, null));
        }

        var accounts = new InMemoryAccountDirectory();
        accounts.Add(new AccountInfo("acme", "Acme", UserLimit: int.MaxValue));
        _users = new InMemoryUserDirectory();
        _mailer = new RecordingMailer();
        var options = Options.Create(new InvitationKitOptions { SecretKey = Key, RateLimits = InvitationRateLimitOptions.Unlimited() });
        var secrets = new InvitationKit.Secrets.SecretIssuer(Hasher, options);
        var limiter = new InProcessInvitationRateLimiter(options, clock);
        var sender = new InvitationKit.Delivery.InvitationSender(store, store, _mailer, new NullInvitationEventSink(), limiter, secrets, Hasher, clock, options);
        _manager = new InvitationManager(
            InvitationStoreSet.Of(store), _users, accounts, sender, secrets, new SharedProductCatalog(), new NullActiveAccountObserver(), new NullInvitationEventSink(),
            new HeldRolesGrantPolicy(), new AnyRoleCatalog(), limiter, clock, options, Hasher);
        _next = 0;
    }

    private void Prepare(bool existingUsers)
    {
        Reset();
        var generation = Interlocked.Increment(ref s_generation);
        var recipients = Enumerable.Range(0, Operations).Select(i => $"g{generation}p{i}@example.com").ToArray();
        if (existingUsers)
        {
            foreach (var email in recipients)
            {
                _users.AddUser(email, id: "u-" + email);
            }
        }

        foreach (var chunk in recipients.Chunk(20))
        {
            var result = _manager.InviteAsync(Owner, new InviteRequest("acme", "cloud", chunk.Select(e => new InviteRecipient(e, "VIEWER")).ToArray())).GetAwaiter().GetResult();
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(result.ToString());
            }
        }

        _mails = [.. _mailer.Messages];
    }

    /// <summary>Records messages in a list; the mailer's own cost is not what is measured.</summary>
    private sealed class RecordingMailer : IInvitationMailer
    {
        public List<InvitationMessage> Messages { get; } = new(Operations);

        public Task SendAsync(InvitationMessage message, CancellationToken cancellationToken)
        {
            Messages.Add(message);
            return Task.CompletedTask;
        }
    }
}
