namespace InvitationKit.Tests.Properties;

/// <summary>The model's activation (rules 10, 11): the address's failure budget, and an invitation page's.</summary>
internal sealed partial class InvitationModel
{
    public Outcome Activate(string address, string code, bool rightCode, bool fromLink = false)
    {
        // From the invitation's page (its link's secret, the latest mail's), the code is counted against that
        // invitation's own budget; otherwise against the address's, and only while the address has a live new-user code.
        var linked = fromLink && _latest.TryGetValue(address, out var latest) && latest is { Kind: InvitationKind.NewUser, Status: InvitationStatus.Pending } ? latest : null;
        var budget = linked is null ? address : $"link {_all.IndexOf(linked)}";
        if (linked is null && !_all.Any(e => e.Address == address && e.Kind == InvitationKind.NewUser && Effective(e) == InvitationStatus.Pending))
        {
            return Outcome.Fail(InvitationErrorCode.OtpInvalid); // nothing a guess could match: nothing counted
        }

        if (!TryReserve(budget, code))
        {
            // Only the link's holders are told of a lockout; at the address, it is answered as a wrong code.
            return Outcome.Fail(linked is null ? InvitationErrorCode.OtpInvalid : InvitationErrorCode.OtpLockedOut);
        }

        var candidate = linked ?? _latest.GetValueOrDefault(address);
        var match = rightCode && candidate is { Kind: InvitationKind.NewUser } && Effective(candidate) == InvitationStatus.Pending && Now < candidate.IssuedAt + OtpLifetime
            ? candidate
            : null;
        if (match is null)
        {
            return Outcome.Fail(InvitationErrorCode.OtpInvalid);
        }

        var (windowStart, inWindow, total) = _otpFailures[budget];
        _otpFailures[budget] = (windowStart, Math.Max(0, inWindow - 1), Math.Max(0, total - 1));
        _lastAttempt.Remove(budget);
        if (Disabled)
        {
            return AccountDisabled; // the right code, returned to the budget: it costs nothing and activates nothing
        }

        Registered.Add(address);
        if (!Members.Add(address))
        {
            return Outcome.Fail(InvitationErrorCode.AlreadyMember);
        }

        match.Status = InvitationStatus.Accepted;
        _memberVia[address] = match;
        _all.Where(e => e.Address == address && e.Status == InvitationStatus.Pending).ToList().ForEach(e => e.Kind = InvitationKind.ExistingUser);
        return Outcome.Ok;
    }

    /// <summary>
    /// The failure budget (rule 11): reserved before the comparison, returned when the code is right. The last reserved
    /// attempt (the code), still counted in its window, is granted again without being counted.
    /// </summary>
    private bool TryReserve(string budget, string code)
    {
        var (windowStart, inWindow, total) = _otpFailures.GetValueOrDefault(budget, (Now, 0, 0));
        if (_otpFailures.ContainsKey(budget) && _lastAttempt.GetValueOrDefault(budget) == code && Now < windowStart + OtpWindow)
        {
            return true;
        }

        if (Now >= windowStart + OtpWindow)
        {
            (windowStart, inWindow) = (Now, 0);
        }

        if (total >= maxOtpFailures || inWindow >= maxOtpAttempts)
        {
            return false;
        }

        _otpFailures[budget] = (windowStart, inWindow + 1, total + 1);
        _lastAttempt[budget] = code;
        return true;
    }
}
