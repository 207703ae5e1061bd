namespace InvitationKit;

/// <summary>The errors of the account's own state, as the host's account directory reports it.</summary>
internal static partial class InvitationErrors
{
    public static InvitationError AccountDisabled() => new(
        InvitationErrorCode.AccountDisabled,
        "This account is disabled, so its invitations and members cannot be managed, mailed or accepted.",
        ["Ask the account's owner or the application's support to have the account enabled again, then try again.", "Invitations to it stay as they are meanwhile: they expire as usual and accept again once it is enabled."]);
}
