using InvitationKit.Ports;
using NodaTime;
using Xunit;

namespace InvitationKit.Testing.Conformance;

/// <summary>
/// The contract every store must keep in each of its roles (<see cref="IInvitationStore"/>, <see cref="IMemberStore"/>,
/// <see cref="IOtpBudgetStore"/>, <see cref="IInvitationOutbox"/>, <see cref="IInvitationMaintenanceStore"/>, and the
/// combined operations, its own <see cref="ICombinedStoreOperations"/> or the kit's), as tests, one partial file per
/// role. A store author subclasses it, fills the hooks —
/// an empty database per test, and independent store instances over it — and gets the whole suite: round-trips of every
/// field, unknown ids, compare-and-swap, batch atomicity, seat counting, one pending invitation per address, acceptance,
/// owners, listing, cancellation, account isolation, the one-time-password failure budget, and races between several
/// store instances.
/// </summary>
/// <remarks>
/// xunit creates one instance per test: <see cref="CreateEmptyDatabaseAsync"/> runs before each test and
/// <see cref="DropDatabaseAsync"/> after it. Mark the subclass with <see cref="StoreAvailabilityAttribute"/> when its
/// database may be absent, so the suite is reported as skipped rather than failed or — worse — passed.
/// </remarks>
public abstract partial class InvitationStoreConformanceTests : IAsyncLifetime
{
    /// <summary>Workers used by the race tests; each opens its own store instance.</summary>
    protected const int Workers = 8;

    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 1, 12, 0);
    private readonly List<StoreHandle> _handles = [];
    private InvitationStoreSet? _stores;

    /// <summary>The store instance most tests use (the first one opened), in every role.</summary>
    protected InvitationStoreSet Stores => _stores ?? throw new InvalidOperationException("The store is opened in InitializeAsync.");

    /// <summary>The <see cref="IInvitationStore"/> role of <see cref="Stores"/>.</summary>
    protected IInvitationStore Invitations => Stores.Invitations;

    /// <summary>The <see cref="IMemberStore"/> role of <see cref="Stores"/>.</summary>
    protected IMemberStore Members => Stores.Members;

    /// <summary>The <see cref="IOtpBudgetStore"/> role of <see cref="Stores"/>.</summary>
    protected IOtpBudgetStore OtpBudget => Stores.OtpBudget;

    /// <summary>The <see cref="IInvitationOutbox"/> role of <see cref="Stores"/>.</summary>
    protected IInvitationOutbox Outbox => Stores.Outbox;

    /// <summary>The <see cref="IInvitationMaintenanceStore"/> role of <see cref="Stores"/>.</summary>
    protected IInvitationMaintenanceStore Maintenance => Stores.Maintenance;

    /// <summary>
    /// The combined operations of <see cref="Stores"/>: the store's own <see cref="ICombinedStoreOperations"/>, or the kit's
    /// two-call ones when it has none; either way they must answer as the separate calls do.
    /// </summary>
    protected ICombinedStoreOperations Combined => Stores.Combined;

    /// <summary>Creates an empty database (or scope of one) for the current test.</summary>
    /// <returns>A task that completes when the database is ready.</returns>
    protected abstract Task CreateEmptyDatabaseAsync();

    /// <summary>
    /// Opens a store over the current test's database. Every call must return an independent instance — its own context,
    /// connection or process-local state — as separate application instances would have, so races in the suite are real.
    /// </summary>
    /// <returns>The store and what to dispose with it.</returns>
    protected abstract Task<StoreHandle> OpenStoreAsync();

    /// <summary>Removes the current test's database; by default nothing is done.</summary>
    /// <returns>A task that completes when the database is gone.</returns>
    protected virtual Task DropDatabaseAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        await CreateEmptyDatabaseAsync().ConfigureAwait(false);
        _stores = (await OpenAsync().ConfigureAwait(false)).Stores;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        foreach (var handle in _handles)
        {
            await handle.DisposeAsync().ConfigureAwait(false);
        }

        await DropDatabaseAsync().ConfigureAwait(false);
    }

    // ---- cancellation ----------------------------------------------------------------------------

    /// <summary>A cancelled token throws and writes nothing.</summary>
    [StoreFact]
    public async Task A_cancelled_token_throws_and_writes_nothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync().ConfigureAwait(false);
        var invitation = NewInvitation("acme", "a@example.com");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Invitations.InsertBatchAsync(new InvitationBatch("acme", 10, T0, [invitation]), cancelled.Token)).ConfigureAwait(false);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Invitations.FindByIdAsync(invitation.Id, cancelled.Token)).ConfigureAwait(false);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Members.TryAddFoundingOwnerAsync(new Member("acme", "o", [], true, T0, null), cancelled.Token)).ConfigureAwait(false);
        Assert.Null(await Invitations.FindByIdAsync(invitation.Id, default).ConfigureAwait(false));
        Assert.Null(await Members.FindMemberAsync("acme", "o", default).ConfigureAwait(false));
    }

    // ---- helpers -----------------------------------------------------------------------------------

    /// <summary>A pending invitation at revision 1 with a unique secret hash, created at a fixed instant.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="email">The address (used as its own key).</param>
    /// <returns>The invitation.</returns>
    protected static Invitation NewInvitation(string accountId, string email) => new()
    {
        Id = Guid.NewGuid(),
        AccountId = accountId,
        ProductId = "cloud",
        Email = email,
        EmailKey = email,
        Kind = InvitationKind.ExistingUser,
        UserId = "user-of-" + email,
        Roles = ["VIEWER"],
        GrantsOwner = false,
        InvitedBy = "owner",
        CreatedAt = T0,
        ExpiresAt = T0 + Duration.FromDays(7),
        IssuedAt = T0,
        KeyId = 42,
        Status = InvitationStatus.Pending,
        SecretHash = Hash(Random.Shared.NextInt64()),
        Delivery = DeliveryState.NotSent,
        Revision = 1,
    };

    private static SecretHash Hash(long seed)
    {
        var bytes = new byte[SecretHash.Size];
        new Random(unchecked((int)seed ^ (int)(seed >> 32))).NextBytes(bytes);
        BitConverter.TryWriteBytes(bytes, seed);
        return new SecretHash(bytes);
    }

    private static Invitation Accepted(Invitation invitation) =>
        invitation with { Status = InvitationStatus.Accepted, ResolvedAt = T0, ResolvedBy = "u" };

    private static Task<AcceptanceResult> AcceptAsync(InvitationStoreSet store, Invitation invitation, Member member, bool activate = false) =>
        store.Members.AcceptAsync(new Acceptance(Accepted(invitation), member, activate), default);

    private async Task InsertAsync(string accountId, int limit, params Invitation[] invitations)
    {
        var result = await Invitations.InsertBatchAsync(new InvitationBatch(accountId, limit, T0, invitations), default).ConfigureAwait(false);
        Assert.Equal(BatchInsertStatus.Inserted, result.Status);
    }

    private async Task<Invitation> InsertOneAsync(string accountId, string email)
    {
        var invitation = NewInvitation(accountId, email);
        await InsertAsync(accountId, 1000, invitation).ConfigureAwait(false);
        return invitation;
    }

    private async Task<StoreHandle> OpenAsync()
    {
        var handle = await OpenStoreAsync().ConfigureAwait(false);
        _handles.Add(handle);
        return handle;
    }

    private async Task<InvitationStoreSet[]> OpenManyAsync()
    {
        var stores = new InvitationStoreSet[Workers];
        for (var i = 0; i < Workers; i++)
        {
            stores[i] = (await OpenAsync().ConfigureAwait(false)).Stores;
        }

        return stores;
    }

    private static async Task<T[]> RaceAsync<T>(InvitationStoreSet[] stores, Func<InvitationStoreSet, int, IEnumerable<Task<T>>> work)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var workers = stores.Select((store, worker) => Task.Run(async () =>
        {
            await start.Task.ConfigureAwait(false);
            var results = new List<T>();
            foreach (var task in work(store, worker))
            {
                results.Add(await task.ConfigureAwait(false));
            }

            return results;
        })).ToArray();
        start.SetResult();
        return (await Task.WhenAll(workers).ConfigureAwait(false)).SelectMany(r => r).ToArray();
    }

    private static void AssertSame(Invitation expected, Invitation? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Roles, actual.Roles);
        Assert.Equal(expected.Metadata.OrderBy(e => e.Key, StringComparer.Ordinal), actual.Metadata.OrderBy(e => e.Key, StringComparer.Ordinal));
        Assert.Equal(expected, actual with { Roles = expected.Roles, Metadata = expected.Metadata });
    }

    private static void AssertSameMember(Member expected, Member? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Roles, actual.Roles);
        Assert.Equal(expected.Metadata.OrderBy(e => e.Key, StringComparer.Ordinal), actual.Metadata.OrderBy(e => e.Key, StringComparer.Ordinal));
        Assert.Equal(expected, actual with { Roles = expected.Roles, Metadata = expected.Metadata });
    }

    /// <summary>No metadata, as a store reads it back.</summary>
    private static readonly IReadOnlyDictionary<string, string> InvitationMetadataEmpty = new Dictionary<string, string>();

    /// <summary>Metadata as hosts write it: quotes, escapes, markup, non-ASCII and supplementary characters, an empty value.</summary>
    private static Dictionary<string, string> SomeMetadata() => new(StringComparer.Ordinal)
    {
        ["crm.contact-id"] = "C-0042",
        ["quoted"] = "\"a\" 'b' \\ <i>&amp;</i> { } [ ]",
        ["team"] = "Платформа 日本 🚀",
        ["empty"] = string.Empty,
        ["Z:9_-."] = new string('x', 512),
    };
}
