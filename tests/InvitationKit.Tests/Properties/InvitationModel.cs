using InvitationKit.Ports;

namespace InvitationKit.Tests.Properties;

/// <summary>
/// A plain reference model of one account's invitations: lists and sets, no ports, no hashing, no concurrency. The
/// model-based test runs the same commands here and on the real manager and compares every outcome.
/// </summary>
internal sealed partial class InvitationModel(int userLimit, int maxBatch, int maxOtpAttempts, int maxOtpFailures, int maxSends)
{
    public static readonly Duration Lifetime = Duration.FromDays(7);
    public static readonly Duration OtpLifetime = Duration.FromHours(24);
    public static readonly Duration OtpWindow = Duration.FromHours(24);

    private readonly List<Entry> _all = [];
    private readonly Dictionary<string, Entry> _latest = [];
    private readonly Dictionary<string, (Instant WindowStart, int InWindow, int Total)> _otpFailures = [];
    private readonly Dictionary<string, string> _lastAttempt = [];

    public Instant Now { get; set; } = Instant.FromUtc(2026, 1, 1, 0, 0);

    public HashSet<string> Registered { get; } = [];

    public HashSet<string> Members { get; } = [];

    /// <summary>Whether the host disabled the account (rule 19): every operation on it is refused, alike.</summary>
    public bool Disabled { get; set; }

    private static readonly Outcome AccountDisabled = Outcome.Fail(InvitationErrorCode.AccountDisabled);

    // Which invitation made each membership: repeating its accept is the same success (a retry after a lost reply).
    private readonly Dictionary<string, Entry> _memberVia = [];

    /// <summary>Members plus the founding owner (not an address of the pool).</summary>
    public int OccupiedSeats => Members.Count + 1 + _all.Count(e => Effective(e) == InvitationStatus.Pending);

    public int PendingFor(string address) => _all.Count(e => e.Address == address && Effective(e) == InvitationStatus.Pending);

    /// <summary>When the address's pending invitation expires (rule 25: its own lifetime); null when it has none.</summary>
    public Instant? PendingExpiry(string address) => PendingEntry(address)?.ExpiresAt;

    public Outcome Invite(IReadOnlyList<string> addresses, PendingInvitationChoice choice = PendingInvitationChoice.Refuse, Duration? lifetime = null, bool hostDelivered = false, RequestedOptions? options = null)
    {
        var (outcome, _) = Check(addresses, choice, options);
        if (!outcome.Succeeded)
        {
            return outcome;
        }

        foreach (var address in addresses)
        {
            if (choice != PendingInvitationChoice.Refuse && PendingEntry(address) is { } pending)
            {
                // Rule 5: the same invitation, resent (its own lifetime and options) or replaced (the request's, rule 25).
                pending.Lifetime = choice == PendingInvitationChoice.Replace ? lifetime : pending.Lifetime;
                pending.Options = choice == PendingInvitationChoice.Replace ? Stored(options) : pending.Options;
                Reissue(pending);
                continue;
            }

            var entry = new Entry(address, Registered.Contains(address) ? InvitationKind.ExistingUser : InvitationKind.NewUser, Now, Now + (lifetime ?? Lifetime)) { Lifetime = lifetime, HostDelivered = hostDelivered, Options = Stored(options) };
            _all.Add(entry);
            _latest[address] = entry;
        }

        return Outcome.Ok;
    }

    /// <summary>
    /// The dry run: what an invite of the addresses would answer now, and the seats it would take (null when the batch
    /// size refuses it before anything is counted); changes nothing.
    /// </summary>
    public (Outcome Outcome, int? Requested) Check(IReadOnlyList<string> addresses, PendingInvitationChoice choice = PendingInvitationChoice.Refuse, RequestedOptions? options = null)
    {
        if (addresses.Count == 0)
        {
            return (Outcome.Fail(InvitationErrorCode.BatchEmpty), null);
        }

        if (addresses.Count > maxBatch)
        {
            return (Outcome.Fail(InvitationErrorCode.BatchTooLarge), null);
        }

        if (OptionErrors(options) is { Length: > 0 } badOptions)
        {
            return (Outcome.Fail(badOptions), null); // rule 25: every bad option at once, before anything is looked up
        }

        if (Disabled)
        {
            return (AccountDisabled, null); // after the batch's size, as the invite checks it before anything is looked up
        }

        var errors = new List<InvitationErrorCode>();
        var seen = new HashSet<string>();
        var seats = 0; // only recipients that would take a seat count against the limit
        foreach (var address in addresses)
        {
            if (!seen.Add(address))
            {
                errors.Add(InvitationErrorCode.DuplicateRecipient);
                continue;
            }

            if (Domains.Count > 0 && !Domains.ContainsKey(DomainOf(address)))
            {
                errors.Add(InvitationErrorCode.EmailDomainNotAllowed);
                continue;
            }

            var member = Members.Contains(address);
            if (choice != PendingInvitationChoice.Refuse && PendingEntry(address) is { } pending)
            {
                // Rule 5: resent or replaced in its own seat, under the resend limits; a member stays AlreadyMember.
                errors.AddRange(member ? [InvitationErrorCode.AlreadyMember] : []);
                errors.AddRange(pending.Sends >= maxSends ? [InvitationErrorCode.ResendLimitReached] : []);
                continue;
            }

            if (member)
            {
                errors.Add(InvitationErrorCode.AlreadyMember);
            }

            var invited = PendingFor(address) > 0;
            if (invited)
            {
                errors.Add(InvitationErrorCode.AlreadyInvited);
            }

            seats += member || invited ? 0 : 1;
        }

        if (OccupiedSeats + seats > userLimit)
        {
            errors.Add(InvitationErrorCode.UserLimitExceeded);
        }

        return (errors.Count > 0 ? Outcome.Fail([.. errors]) : Outcome.Ok, seats);
    }

    public Outcome Accept(string address)
    {
        if (DisabledFor(address) is { } disabled)
        {
            return disabled;
        }

        if (LatestPending(address, out var entry) is { } failed)
        {
            return entry is { Status: InvitationStatus.Accepted } && _memberVia.GetValueOrDefault(address) == entry ? Outcome.Ok : failed;
        }

        // Bound to the invited user: a new user still pending activation activates with the code instead.
        if (entry.Kind == InvitationKind.NewUser)
        {
            return Outcome.Fail(InvitationErrorCode.NotTheInvitedUser);
        }

        if (!Members.Add(address))
        {
            return Outcome.Fail(InvitationErrorCode.AlreadyMember);
        }

        entry.Status = InvitationStatus.Accepted;
        _memberVia[address] = entry;
        return Outcome.Ok;
    }

    public Outcome Resolve(string address, InvitationStatus to)
    {
        if (DisabledFor(address) is { } disabled)
        {
            return disabled;
        }

        if (LatestPending(address, out var entry) is { } failed)
        {
            return entry?.Status == to ? Outcome.Ok : failed; // the model's one owner repeats its own revoke; a reject is the link holder's
        }

        entry.Status = to;
        return Outcome.Ok;
    }

    public Outcome Resend(string address)
    {
        if (DisabledFor(address) is { } disabled)
        {
            return disabled;
        }

        if (LatestPending(address, out var entry) is { } failed)
        {
            return failed;
        }

        if (entry.Sends >= maxSends)
        {
            return Outcome.Fail(InvitationErrorCode.ResendLimitReached);
        }

        Reissue(entry);
        return Outcome.Ok;
    }

    private void Reissue(Entry entry)
    {
        entry.ExpiresAt = Now + (entry.Lifetime ?? Lifetime);
        entry.IssuedAt = Now;
        entry.Sends++;
        entry.HostDelivered = false; // mailed now, link and all (rule 24)
        entry.Kind = Registered.Contains(entry.Address) ? InvitationKind.ExistingUser : InvitationKind.NewUser;
    }

    private Entry? PendingEntry(string address) => _all.FirstOrDefault(e => e.Address == address && Effective(e) == InvitationStatus.Pending);

    public Outcome RemoveMember(string address)
    {
        if (Disabled)
        {
            return AccountDisabled;
        }

        _memberVia.Remove(address);
        return Members.Remove(address) ? Outcome.Ok : Outcome.Fail(InvitationErrorCode.MemberNotFound);
    }

    /// <summary>The address's member leaves; null is the founding owner, who is the only owner and so may not.</summary>
    public Outcome Leave(string? address) =>
        address is not null && !Members.Contains(address) ? Outcome.Fail(InvitationErrorCode.MemberNotFound) // the membership first
        : Disabled ? AccountDisabled
        : address is null ? Outcome.Fail(InvitationErrorCode.LastOwner)
        : RemoveMember(address);

    /// <summary>The listing's outcome: the count, or the refusal of a disabled account.</summary>
    public Outcome Search(string prefix, InvitationStatus? status) =>
        Disabled ? AccountDisabled : new Outcome(true, Count(prefix, status).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>How many invitations a search by the start of the address (any case) and effective status lists.</summary>
    private int Count(string prefix, InvitationStatus? status) =>
        _all.Count(e => e.Address.StartsWith(prefix.ToLowerInvariant(), StringComparison.Ordinal) && (status is null || Effective(e) == status));

    public int ExpireOverdue()
    {
        var overdue = _all.Where(e => e.Status == InvitationStatus.Pending && Now >= e.ExpiresAt).ToList();
        overdue.ForEach(e => e.Status = InvitationStatus.Expired);
        return overdue.Count;
    }

    // An invitation the test holds a secret or id for, in a disabled account: refused before its state is looked at.
    private Outcome? DisabledFor(string address) => Disabled && _latest.ContainsKey(address) ? AccountDisabled : null;

    // The invitation whose secret the test holds for the address, if it is still pending; otherwise the failure.
    private Outcome? LatestPending(string address, out Entry entry)
    {
        if (!_latest.TryGetValue(address, out entry!))
        {
            return Outcome.Fail(InvitationErrorCode.InvitationNotFound);
        }

        return NotPending(entry) is { } error ? Outcome.Fail(error) : null;
    }

    private InvitationStatus Effective(Entry entry) =>
        entry.Status == InvitationStatus.Pending && Now >= entry.ExpiresAt ? InvitationStatus.Expired : entry.Status;

    private InvitationErrorCode? NotPending(Entry entry) => Effective(entry) switch
    {
        InvitationStatus.Pending => null,
        InvitationStatus.Expired => InvitationErrorCode.InvitationExpired,
        _ => InvitationErrorCode.InvitationNotPending,
    };
}
