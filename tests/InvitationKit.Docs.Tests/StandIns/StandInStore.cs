using InvitationKit.Ports;
using NodaTime;

namespace InvitationKit.Docs.Tests.StandIns;

/// <summary>
/// The reader's own store in the docs' snippets (<c>MyStore</c> derives from it), so a snippet that builds one compiles.
/// Snippets are compiled, never run: every member throws.
/// </summary>
public class StandInStore : IInvitationStore, IMemberStore, IOtpBudgetStore, IInvitationOutbox, IInvitationMaintenanceStore, IAsyncDisposable
{
    public Task<BatchInsertResult> InsertBatchAsync(InvitationBatch batch, CancellationToken cancellationToken) => throw Unused();

    public Task<IdempotentInvite?> FindIdempotentInviteAsync(string accountId, string idempotencyKey, CancellationToken cancellationToken) => throw Unused();

    public Task DeleteNewAsync(IReadOnlyCollection<Guid> invitationIds, CancellationToken cancellationToken) => throw Unused();

    public Task<Invitation?> FindByIdAsync(Guid invitationId, CancellationToken cancellationToken) => throw Unused();

    public Task<Invitation?> FindBySecretHashAsync(SecretHash secretHash, CancellationToken cancellationToken) => throw Unused();

    public Task<IReadOnlyList<Invitation>> FindPendingByEmailAsync(string emailKey, string? accountId, CancellationToken cancellationToken) => throw Unused();

    public Task<Invitation?> TryUpdateAsync(Invitation changed, CancellationToken cancellationToken) => throw Unused();

    public Task<Page<Invitation>> ListAsync(InvitationQuery query, NodaTime.Instant now, CancellationToken cancellationToken) => throw Unused();

    public Task<AcceptanceResult> AcceptAsync(Acceptance acceptance, CancellationToken cancellationToken) => throw Unused();

    public Task<Member?> FindMemberAsync(string accountId, string userId, CancellationToken cancellationToken) => throw Unused();

    public Task<int> CountOccupiedSeatsAsync(string accountId, Instant now, CancellationToken cancellationToken) => throw Unused();

    public Task<bool> TryAddFoundingOwnerAsync(Member owner, CancellationToken cancellationToken) => throw Unused();

    public Task<MemberImportResult> ImportMembersAsync(MemberImportBatch batch, CancellationToken cancellationToken) => throw Unused();

    public Task<MemberRemovalStatus> RemoveMemberAsync(string accountId, string userId, CancellationToken cancellationToken) => throw Unused();

    public Task<Page<Member>> ListMembersAsync(string accountId, int offset, int limit, CancellationToken cancellationToken) => throw Unused();

    public Task<OtpAttemptReservation> TryReserveOtpAttemptAsync(string emailKey, SecretHash attempt, OtpFailureBudget budget, Instant now, CancellationToken cancellationToken) => throw Unused();

    public Task<int> DeleteLapsedOtpFailuresAsync(OtpFailureBudget budget, Instant windowStartedBefore, CancellationToken cancellationToken) => throw Unused();

    public Task ReleaseOtpAttemptAsync(string emailKey, SecretHash attempt, CancellationToken cancellationToken) => throw Unused();

    public Task<IReadOnlyList<Invitation>> FindDueForDeliveryAsync(Instant now, int limit, CancellationToken cancellationToken) => throw Unused();

    public Task<IReadOnlyList<Invitation>> FindDueNoticesAsync(Instant now, int limit, CancellationToken cancellationToken) => throw Unused();

    public Task<IReadOnlyList<Invitation>> FindDueForReminderAsync(Instant now, Duration lead, int limit, CancellationToken cancellationToken) => throw Unused();

    public Task<IReadOnlyList<Invitation>> ClaimForDeliveryAsync(IReadOnlyList<Invitation> leases, CancellationToken cancellationToken) => throw Unused();

    public Task<int> RecordDeliveriesAsync(IReadOnlyList<DeliveryRecord> records, CancellationToken cancellationToken) => throw Unused();

    public Task<IReadOnlyList<Invitation>> FindOverdueAsync(Instant now, int limit, CancellationToken cancellationToken) => throw Unused();

    public Task<IReadOnlyList<Invitation>> FindPendingUserReleasesAsync(int limit, CancellationToken cancellationToken) => throw Unused();

    public Task<int> EraseFinishedAsync(Instant resolvedBefore, int limit, CancellationToken cancellationToken) => throw Unused();

    public Task<int> DeleteIdempotencyKeysAsync(Instant recordedBefore, CancellationToken cancellationToken) => throw Unused();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    internal static NotSupportedException Unused() => new("A stand-in for the reader's store: the docs' snippets are compiled, not run.");
}
