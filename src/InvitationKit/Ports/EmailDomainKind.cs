namespace InvitationKit.Ports;

/// <summary>What an account's email domain allows.</summary>
public enum EmailDomainKind
{
    /// <summary>Invitations may go to addresses of the domain; once an account has any domain, other domains are refused.</summary>
    Allowed = 0,

    /// <summary>
    /// Allowed, and the account claims the domain as its own: a signed-in user with a verified address of it sees the account
    /// as joinable and may join it. Only a system administrator may add one.
    /// </summary>
    Verified = 1,
}
