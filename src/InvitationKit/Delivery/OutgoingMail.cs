using InvitationKit.Ports;

using InvitationKit.Secrets;

namespace InvitationKit.Delivery;

/// <summary>One mail to hand over: the invitation as stored with the secrets' hashes, and the plaintexts that only the mail carries.</summary>
internal sealed record OutgoingMail(Invitation Invitation, IssuedSecrets Secrets, AccountInfo Account, ProductInfo Product, bool IsResend, bool IsReminder = false);
