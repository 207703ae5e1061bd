namespace InvitationKit.Tests.Properties;

/// <summary>
/// A plain reference model of one account's invitations: lists and sets, no ports, no hashing, no concurrency. The
/// model-based test runs the same commands here and on the real manager and compares every outcome.
/// </summary>
internal sealed class InvitationModel(int userLimit, int maxBatch, int maxOtpAttempts)
{
    public static readonly Duration Lifetime = Duration.FromDays(7);

    private readonly List<Entry> _all = [];
    private readonly Dictionary<string, Entry> _latest = [];

    public Instant Now { get; set; } = Instant.FromUtc(2026, 1, 1, 0, 0);

    public HashSet<string> Registered { get; } = [];

    public HashSet<string> Members { get; } = [];

    /// <summary>Members plus the founding owner (not an address of the pool).</summary>
    public int OccupiedSeats => Members.Count + 1 + _all.Count(e => Effective(e) == InvitationStatus.Pending);

    public int PendingFor(string address) => _all.Count(e => e.Address == address && Effective(e) == InvitationStatus.Pending);

    public Outcome Invite(IReadOnlyList<string> addresses)
    {
        if (addresses.Count == 0)
        {
            return Outcome.Fail(InvitationErrorCode.BatchEmpty);
        }

        if (addresses.Count > maxBatch)
        {
            return Outcome.Fail(InvitationErrorCode.BatchTooLarge);
        }

        var errors = new List<InvitationErrorCode>();
        var seen = new HashSet<string>();
        foreach (var address in addresses)
        {
            if (!seen.Add(address))
            {
                errors.Add(InvitationErrorCode.DuplicateRecipient);
                continue;
            }

            if (Members.Contains(address))
            {
                errors.Add(InvitationErrorCode.AlreadyMember);
            }

            if (PendingFor(address) > 0)
            {
                errors.Add(InvitationErrorCode.AlreadyInvited);
            }
        }

        if (OccupiedSeats + addresses.Count > userLimit)
        {
            errors.Add(InvitationErrorCode.UserLimitExceeded);
        }

        if (errors.Count > 0)
        {
            return Outcome.Fail([.. errors]);
        }

        foreach (var address in addresses)
        {
            var entry = new Entry(address, Registered.Contains(address) ? InvitationKind.ExistingUser : InvitationKind.NewUser, Now + Lifetime);
            _all.Add(entry);
            _latest[address] = entry;
        }

        return Outcome.Ok;
    }

    public Outcome Accept(string address)
    {
        if (LatestPending(address, out var entry) is { } failed)
        {
            return failed;
        }

        if (!Members.Add(address))
        {
            return Outcome.Fail(InvitationErrorCode.AlreadyMember);
        }

        entry.Status = InvitationStatus.Accepted;
        return Outcome.Ok;
    }

    public Outcome Activate(string address, bool rightCode)
    {
        var candidates = _all.Where(e => e.Address == address && e.Status == InvitationStatus.Pending && e.Kind == InvitationKind.NewUser).ToList();
        if (candidates.Count == 0)
        {
            return Outcome.Fail(InvitationErrorCode.InvitationNotFound);
        }

        var live = candidates.Where(e => Now < e.ExpiresAt).ToList();
        if (live.Count == 0)
        {
            return Outcome.Fail(InvitationErrorCode.InvitationExpired);
        }

        var unlocked = live.Where(e => e.FailedAttempts < maxOtpAttempts).ToList();
        if (unlocked.Count == 0)
        {
            return Outcome.Fail(InvitationErrorCode.OtpLockedOut);
        }

        var match = rightCode && _latest.TryGetValue(address, out var latest) && unlocked.Contains(latest) ? latest : null;
        if (match is null)
        {
            unlocked.ForEach(e => e.FailedAttempts++);
            return Outcome.Fail(unlocked.Any(e => e.FailedAttempts >= maxOtpAttempts) ? InvitationErrorCode.OtpLockedOut : InvitationErrorCode.OtpInvalid);
        }

        Registered.Add(address);
        if (!Members.Add(address))
        {
            return Outcome.Fail(InvitationErrorCode.AlreadyMember);
        }

        match.Status = InvitationStatus.Accepted;
        return Outcome.Ok;
    }

    public Outcome Resolve(string address, InvitationStatus to)
    {
        if (LatestPending(address, out var entry) is { } failed)
        {
            return failed;
        }

        entry.Status = to;
        return Outcome.Ok;
    }

    public Outcome Resend(string address)
    {
        if (LatestPending(address, out var entry) is { } failed)
        {
            return failed;
        }

        entry.ExpiresAt = Now + Lifetime;
        entry.FailedAttempts = 0;
        return Outcome.Ok;
    }

    public Outcome RemoveMember(string address) =>
        Members.Remove(address) ? Outcome.Ok : Outcome.Fail(InvitationErrorCode.MemberNotFound);

    public int ExpireOverdue()
    {
        var overdue = _all.Where(e => e.Status == InvitationStatus.Pending && Now >= e.ExpiresAt).ToList();
        overdue.ForEach(e => e.Status = InvitationStatus.Expired);
        return overdue.Count;
    }

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

    private sealed class Entry(string address, InvitationKind kind, Instant expiresAt)
    {
        public string Address { get; } = address;

        public InvitationKind Kind { get; } = kind;

        public Instant ExpiresAt { get; set; } = expiresAt;

        public InvitationStatus Status { get; set; } = InvitationStatus.Pending;

        public int FailedAttempts { get; set; }
    }
}

/// <summary>An outcome as the model-based test compares it: success, or the sorted error codes.</summary>
internal sealed record Outcome(bool Succeeded, string Codes)
{
    public static readonly Outcome Ok = new(true, string.Empty);

    public static Outcome Fail(params InvitationErrorCode[] codes) => new(false, string.Join(",", codes.Order()));

    public static Outcome Of<T>(InvitationResult<T> result) =>
        result.Succeeded ? Ok : Fail([.. result.Errors.Select(e => e.Code)]);
}
