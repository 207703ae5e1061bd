using InvitationKit.Ports;

namespace InvitationKit.Mail;

/// <summary>The failure of a notice none of whose recipients can be mailed.</summary>
internal static class NoticeRecipients
{
    /// <summary>Gives the notice up: no recipient has a contact (unknown, no confirmed address, locked out).</summary>
    public static PermanentDeliveryException NoneLeft(InvitationNotice notice) =>
        new($"None of the {notice.RecipientUserIds.Count} recipients of the notice about invitation {notice.InvitationId} has a contact to mail (IUserContactDirectory found none: unknown, no confirmed address, or locked out); the notice is given up.");
}
