namespace InvitationKit;

/// <summary>The errors of invitations delivered by the host (rule 24).</summary>
internal static partial class InvitationErrors
{
    public static InvitationError HostDeliveryDisabled() => new(
        InvitationErrorCode.HostDeliveryDisabled,
        "Invitation links cannot be handed out in this deployment.",
        [
            "Invite by email instead: the invitee receives the link by mail.",
            "Ask the system operator to enable host-delivered invitations (InvitationKitOptions.AllowHostDelivery).",
        ]);

    public static InvitationError HostDeliveryNotAllowed() => new(
        InvitationErrorCode.HostDeliveryNotAllowed,
        "Only an owner of the account or a system administrator can have invitation links handed out.",
        [
            "Invite by email instead: the invitee receives the link by mail.",
            "Ask an account owner to create the invitation and hand you the link.",
        ]);

    public static InvitationError HostDeliveryReissue() => new(
        InvitationErrorCode.InvalidInput,
        "A host-delivered invite only creates invitations: it cannot resend or replace a pending one.",
        [
            "Leave the pending-invitation choice at Refuse.",
            "Revoke the pending invitation first, or resend it by email.",
        ]);
}
