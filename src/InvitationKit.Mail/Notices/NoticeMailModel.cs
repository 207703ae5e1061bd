using InvitationKit.Ports;

namespace InvitationKit.Mail;

/// <summary>What one recipient's notice mail says, besides the notice itself: resolved per recipient by the composer.</summary>
/// <param name="Notice">The notice.</param>
/// <param name="Product">The product's name (its id when the catalog does not know it).</param>
/// <param name="RecipientName">The recipient's display name, or null.</param>
/// <param name="Inviter">The inviter's name (or address), or null when the inviter is not known.</param>
/// <param name="ToInviter">Whether the recipient is the inviter ("your invitation").</param>
internal sealed record NoticeMailModel(InvitationNotice Notice, string Product, string? RecipientName, string? Inviter, bool ToInviter);
