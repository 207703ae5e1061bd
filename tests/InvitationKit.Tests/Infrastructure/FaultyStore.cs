using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.Tests.Infrastructure;

/// <summary>
/// An in-memory store, in every role, whose operations can be made to fail or to lose every compare-and-swap. It forwards
/// only the role interfaces, as a decorator written without <see cref="ICombinedStoreOperations"/> would: the kit then
/// makes the combined operations of two calls. Not sealed: a test store that adds the combined operations derives from it.
/// </summary>
internal class FaultyStore(InMemoryInvitationStore inner) : IInvitationStore, IMemberStore, IOtpBudgetStore, IInvitationOutbox, IInvitationMaintenanceStore
{
    /// <summary>Registers one faulty store over the in-memory one in every role, returning it through <paramref name="created"/>.</summary>
    public static void Register(IServiceCollection services, Action<FaultyStore> created)
    {
        services.AddSingleton(sp =>
        {
            var store = new FaultyStore(sp.GetRequiredService<InMemoryInvitationStore>());
            created(store);
            return store;
        });
        services.AddSingleton<IInvitationStore>(sp => sp.GetRequiredService<FaultyStore>());
        services.AddSingleton<IMemberStore>(sp => sp.GetRequiredService<FaultyStore>());
        services.AddSingleton<IOtpBudgetStore>(sp => sp.GetRequiredService<FaultyStore>());
        services.AddSingleton<IInvitationOutbox>(sp => sp.GetRequiredService<FaultyStore>());
        services.AddSingleton<IInvitationMaintenanceStore>(sp => sp.GetRequiredService<FaultyStore>());
    }

    public bool FailInsert { get; set; }

    public bool FailUpdates { get; set; }

    public bool AlwaysConflict { get; set; }

    public bool FailRecords { get; set; }

    public bool FailDeletes { get; set; }

    public bool FailPendingLookups { get; set; }

    public bool FailReleases { get; set; }

    /// <summary>The reservation happens, then its reply is lost (the caller gets an exception).</summary>
    public bool LoseReservationReplies { get; set; }

    /// <summary>Runs once, after the next overdue lookup: time that passes while a sweep runs.</summary>
    public Action? AfterOverdueLookup { get; set; }

    /// <summary>Runs before each batch insert: another caller's change that commits between an invite's check and its write.</summary>
    public Func<Task>? BeforeInsert { get; set; }

    public async Task<BatchInsertResult> InsertBatchAsync(InvitationBatch batch, CancellationToken cancellationToken)
    {
        if (BeforeInsert is { } meanwhile)
        {
            BeforeInsert = null;
            await meanwhile();
        }

        return FailInsert ? throw new IOException("Simulated database outage.") : await inner.InsertBatchAsync(batch, cancellationToken);
    }

    public Task<IdempotentInvite?> FindIdempotentInviteAsync(string accountId, string idempotencyKey, CancellationToken cancellationToken) =>
        inner.FindIdempotentInviteAsync(accountId, idempotencyKey, cancellationToken);

    public Task<int> DeleteIdempotencyKeysAsync(Instant recordedBefore, CancellationToken cancellationToken) => inner.DeleteIdempotencyKeysAsync(recordedBefore, cancellationToken);

    public Task<int> EraseFinishedAsync(Instant resolvedBefore, int limit, CancellationToken cancellationToken) => inner.EraseFinishedAsync(resolvedBefore, limit, cancellationToken);

    public Task DeleteNewAsync(IReadOnlyCollection<Guid> invitationIds, CancellationToken cancellationToken) =>
        FailDeletes ? throw new IOException("Simulated database outage.") : inner.DeleteNewAsync(invitationIds, cancellationToken);

    public Task<Invitation?> FindByIdAsync(Guid invitationId, CancellationToken cancellationToken) => inner.FindByIdAsync(invitationId, cancellationToken);

    public Task<Invitation?> FindBySecretHashAsync(SecretHash secretHash, CancellationToken cancellationToken) => inner.FindBySecretHashAsync(secretHash, cancellationToken);

    public Task<IReadOnlyList<Invitation>> FindPendingByEmailAsync(string emailKey, string? accountId, CancellationToken cancellationToken) =>
        FailPendingLookups && accountId is null ? throw new IOException("Simulated database outage.") : inner.FindPendingByEmailAsync(emailKey, accountId, cancellationToken);

    public Task<int> CountOccupiedSeatsAsync(string accountId, Instant now, CancellationToken cancellationToken) => inner.CountOccupiedSeatsAsync(accountId, now, cancellationToken);

    public Task<Invitation?> TryUpdateAsync(Invitation changed, CancellationToken cancellationToken) =>
        FailUpdates ? throw new IOException("Simulated database outage.")
        : AlwaysConflict ? Task.FromResult<Invitation?>(null)
        : inner.TryUpdateAsync(changed, cancellationToken);

    public Task<AcceptanceResult> AcceptAsync(Acceptance acceptance, CancellationToken cancellationToken) =>
        AlwaysConflict ? Task.FromResult(new AcceptanceResult(AcceptanceStatus.Conflict)) : inner.AcceptAsync(acceptance, cancellationToken);

    public Task<Member?> FindMemberAsync(string accountId, string userId, CancellationToken cancellationToken) => inner.FindMemberAsync(accountId, userId, cancellationToken);

    public Task<bool> TryAddFoundingOwnerAsync(Member owner, CancellationToken cancellationToken) => inner.TryAddFoundingOwnerAsync(owner, cancellationToken);

    public Task<IReadOnlyList<Invitation>> FindDueForDeliveryAsync(Instant now, int limit, CancellationToken cancellationToken) => inner.FindDueForDeliveryAsync(now, limit, cancellationToken);

    public Task<IReadOnlyList<Invitation>> FindDueNoticesAsync(Instant now, int limit, CancellationToken cancellationToken) => inner.FindDueNoticesAsync(now, limit, cancellationToken);

    public Task<IReadOnlyList<Invitation>> FindDueForReminderAsync(Instant now, Duration lead, int limit, CancellationToken cancellationToken) => inner.FindDueForReminderAsync(now, lead, limit, cancellationToken);

    public Task<IReadOnlyList<Invitation>> ClaimForDeliveryAsync(IReadOnlyList<Invitation> leases, CancellationToken cancellationToken) =>
        FailUpdates ? throw new IOException("Simulated database outage.")
        : AlwaysConflict ? Task.FromResult<IReadOnlyList<Invitation>>([])
        : inner.ClaimForDeliveryAsync(leases, cancellationToken);

    public Task<int> RecordDeliveriesAsync(IReadOnlyList<DeliveryRecord> records, CancellationToken cancellationToken) =>
        FailUpdates || FailRecords ? throw new IOException("Simulated database outage.") : inner.RecordDeliveriesAsync(records, cancellationToken);

    public Task<MemberImportResult> ImportMembersAsync(MemberImportBatch batch, CancellationToken cancellationToken) => inner.ImportMembersAsync(batch, cancellationToken);

    public Task<MemberRemovalStatus> RemoveMemberAsync(string accountId, string userId, CancellationToken cancellationToken) => inner.RemoveMemberAsync(accountId, userId, cancellationToken);

    public Task<Page<Member>> ListMembersAsync(string accountId, int offset, int limit, CancellationToken cancellationToken) => inner.ListMembersAsync(accountId, offset, limit, cancellationToken);

    public Task<Page<Invitation>> ListAsync(InvitationQuery query, Instant now, CancellationToken cancellationToken) => inner.ListAsync(query, now, cancellationToken);

    public async Task<IReadOnlyList<Invitation>> FindOverdueAsync(Instant now, int limit, CancellationToken cancellationToken)
    {
        var overdue = await inner.FindOverdueAsync(now, limit, cancellationToken);
        if (AfterOverdueLookup is { } meanwhile)
        {
            AfterOverdueLookup = null;
            meanwhile();
        }

        return overdue;
    }

    public Task<IReadOnlyList<Invitation>> FindPendingUserReleasesAsync(int limit, CancellationToken cancellationToken) => inner.FindPendingUserReleasesAsync(limit, cancellationToken);

    public Task<OtpAttemptReservation> TryReserveOtpAttemptAsync(string emailKey, SecretHash attempt, OtpFailureBudget budget, Instant now, CancellationToken cancellationToken) =>
        LoseReservationReplies ? LoseReplyAsync(inner.TryReserveOtpAttemptAsync(emailKey, attempt, budget, now, cancellationToken)) : inner.TryReserveOtpAttemptAsync(emailKey, attempt, budget, now, cancellationToken);

    private static async Task<T> LoseReplyAsync<T>(Task<T> call)
    {
        await call;
        throw new IOException("Simulated lost reply.");
    }

    public Task ReleaseOtpAttemptAsync(string emailKey, SecretHash attempt, CancellationToken cancellationToken) =>
        FailReleases ? throw new IOException("Simulated release failure.") : inner.ReleaseOtpAttemptAsync(emailKey, attempt, cancellationToken);

    public Task<int> DeleteLapsedOtpFailuresAsync(OtpFailureBudget budget, Instant windowStartedBefore, CancellationToken cancellationToken) =>
        inner.DeleteLapsedOtpFailuresAsync(budget, windowStartedBefore, cancellationToken);
}
