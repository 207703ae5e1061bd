namespace InvitationKit;

/// <summary>What a notice to an invitation's inviter, or its account's managers, is about (<see cref="Ports.InvitationNotice"/>).</summary>
public enum InvitationNoticeKind
{
    /// <summary>The invitee opened an expired or revoked invitation's link and asked for a new invitation (rule 22).</summary>
    NewInvitationRequested = 0,

    /// <summary>The invitation expires soon and the invitee has just been reminded (rule 23).</summary>
    ReminderToInviter = 1,
}
