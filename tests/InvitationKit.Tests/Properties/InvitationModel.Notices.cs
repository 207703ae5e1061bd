namespace InvitationKit.Tests.Properties;

/// <summary>The model's notices to the inviter (rule 22): asking for a new invitation, and the dispatch that tells the owner.</summary>
internal sealed partial class InvitationModel
{
    /// <summary>Notices queued and not yet sent or given up.</summary>
    public int NoticesDue { get; private set; }

    /// <summary>Notices the notice mailer got.</summary>
    public int NoticesSent { get; private set; }

    /// <summary>How long before expiry the invitee is reminded (rule 23); null: never.</summary>
    public Duration? ReminderLead { get; init; }

    /// <summary>Reminder mails sent.</summary>
    public int Reminders { get; private set; }

    /// <summary>Invitations asked about (each at most once).</summary>
    public int Asked => _all.Count(e => e.Asked);

    /// <summary>
    /// Asks for a new invitation with the latest link of the address: always the same answer; a notice only for an
    /// expired or revoked invitation never asked about, of an enabled account.
    /// </summary>
    public Outcome RequestNewInvitation(string address)
    {
        if (_latest.TryGetValue(address, out var entry) && !Disabled && !entry.Asked
            && Effective(entry) is InvitationStatus.Expired or InvitationStatus.Revoked)
        {
            entry.Asked = true;
            NoticesDue++;
        }

        return Outcome.Ok;
    }

    /// <summary>
    /// A dispatch: arms the due reminders (rule 23: once per invitation, a re-issue of its mail, and a notice), then
    /// sends the due notices to the owner, or gives them up when the account is disabled.
    /// </summary>
    public void Dispatch()
    {
        if (ReminderLead is { } lead && !Disabled)
        {
            foreach (var entry in _all.Where(e => e.Status == InvitationStatus.Pending && !e.Reminded && !e.HostDelivered && Now < e.ExpiresAt && e.ExpiresAt <= Now + lead && e.IssuedAt + lead < e.ExpiresAt))
            {
                entry.Reminded = true;
                entry.IssuedAt = Now;
                Reminders++;
                NoticesDue++;
            }
        }

        NoticesSent += Disabled ? 0 : NoticesDue;
        NoticesDue = 0;
    }
}
