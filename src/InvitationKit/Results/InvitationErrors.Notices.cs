namespace InvitationKit;

/// <summary>The errors of notices to inviters: asking for a new invitation (rule 22).</summary>
internal static partial class InvitationErrors
{
    public static InvitationError NewInvitationRequestsOff() => new(
        InvitationErrorCode.NewInvitationRequestsOff,
        "This site cannot pass a request for a new invitation on.",
        [
            "Ask the person who invited you for a new invitation directly.",
            "Deployments: register an IInvitationNoticeMailer service to enable it (InvitationKit.Mail: UseSmtpNoticeMailer()).",
        ]);
}
