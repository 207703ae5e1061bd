using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace InvitationKit.Ports;

/// <summary>
/// The store's role interfaces, as one set: what the kit resolves per scope, what the conformance kit tests, and what
/// <c>InvitationKitStores.Create</c> of the EF Core package returns. Usually one class implements every role
/// (<see cref="Of{TStore}"/>); <see cref="IOtpBudgetStore"/> may be another.
/// </summary>
/// <threadsafety>This type is immutable; the stores it holds are as thread-safe as their implementations.</threadsafety>
public sealed class InvitationStoreSet
{
    /// <summary>A set of role implementations.</summary>
    /// <param name="invitations">Invitations and idempotency keys.</param>
    /// <param name="members">Memberships and seats; the same implementation as <paramref name="invitations"/>.</param>
    /// <param name="otpBudget">The one-time-password failure budget; may be backed separately.</param>
    /// <param name="outbox">The mail outbox; the same implementation as <paramref name="invitations"/>.</param>
    /// <param name="maintenance">The expiry sweep's reads and purges; the same implementation as <paramref name="invitations"/>.</param>
    public InvitationStoreSet(IInvitationStore invitations, IMemberStore members, IOtpBudgetStore otpBudget, IInvitationOutbox outbox, IInvitationMaintenanceStore maintenance)
        : this(invitations, members, otpBudget, outbox, maintenance, NullLogger.Instance)
    {
    }

    /// <summary>The set DI builds, whose two-call combined operations log a release that failed.</summary>
    internal InvitationStoreSet(IInvitationStore invitations, IMemberStore members, IOtpBudgetStore otpBudget, IInvitationOutbox outbox, IInvitationMaintenanceStore maintenance, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(invitations);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(otpBudget);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(maintenance);
        Invitations = invitations;
        Members = members;
        OtpBudget = otpBudget;
        Outbox = outbox;
        Maintenance = maintenance;
        Combined = invitations is ICombinedStoreOperations combined && ReferenceEquals(invitations, members) && ReferenceEquals(invitations, otpBudget)
            ? combined
            : new SeparateStoreCalls(invitations, members, otpBudget, logger);
    }

    /// <summary>Invitations and idempotency keys.</summary>
    public IInvitationStore Invitations { get; }

    /// <summary>Memberships, active accounts and seats.</summary>
    public IMemberStore Members { get; }

    /// <summary>The one-time-password failure budget.</summary>
    public IOtpBudgetStore OtpBudget { get; }

    /// <summary>The mail outbox.</summary>
    public IInvitationOutbox Outbox { get; }

    /// <summary>The expiry sweep's reads and purges.</summary>
    public IInvitationMaintenanceStore Maintenance { get; }

    /// <summary>
    /// The combined operations: the store's own when one object backs invitations, members and the OTP budget and
    /// implements <see cref="ICombinedStoreOperations"/>; otherwise the kit's, which make two calls each.
    /// </summary>
    public ICombinedStoreOperations Combined { get; }

    /// <summary>The set of one class that implements every role.</summary>
    /// <typeparam name="TStore">The store's type.</typeparam>
    /// <param name="store">The store.</param>
    /// <returns>The set.</returns>
    public static InvitationStoreSet Of<TStore>(TStore store)
        where TStore : class, IInvitationStore, IMemberStore, IOtpBudgetStore, IInvitationOutbox, IInvitationMaintenanceStore =>
        new(store, store, store, store, store);
}
