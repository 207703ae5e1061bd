namespace InvitationKit;

/// <summary>The errors of an account's email domain policy and of joining through a verified domain.</summary>
internal static partial class InvitationErrors
{
    public static InvitationError EmailDomainNotAllowed(string recipient, IReadOnlyList<string> allowed) => new(
        InvitationErrorCode.EmailDomainNotAllowed,
        "This account invites only addresses of its own email domains.",
        [
            $"Invite an address of one of the account's domains: {string.Join(", ", allowed.Take(20))}{(allowed.Count > 20 ? ", …" : "")}.",
            "Ask an owner of the account to add the domain to the account's email domains.",
        ],
        recipient);

    public static InvitationError InvalidEmailDomain(string? domain) => new(
        InvitationErrorCode.InvalidInput,
        $"The email domain '{Internal.Identifier.Excerpt(domain, 40)}' is not valid: it must be a host name such as example.com.",
        ["Give the part of the address after the '@', without the '@', such as example.com or bücher.example."]);

    public static InvitationError TooManyEmailDomains(int count, int max) => new(
        InvitationErrorCode.InvalidInput,
        $"An account can have at most {max} email domains; {count} were given.",
        [$"Give at most {max} domains."]);

    public static InvitationError DuplicateEmailDomain(string domain) => new(
        InvitationErrorCode.InvalidInput,
        $"The email domain '{Internal.Identifier.Excerpt(domain, 40)}' appears more than once.",
        ["List each domain once (a domain typed in another case or script is the same domain)."]);

    public static InvitationError VerifiedDomainNotAllowed(string domain) => new(
        InvitationErrorCode.PermissionDenied,
        $"Only a system administrator can mark the email domain '{Internal.Identifier.Excerpt(domain, 40)}' verified.",
        [
            "Add the domain as allowed instead.",
            "Ask the system administrator to verify that the account owns the domain and mark it verified.",
        ]);

    public static InvitationError NotJoinable() => new(
        InvitationErrorCode.NotJoinable,
        "You cannot join this account with your signed-in email address.",
        [
            "Ask an owner of the account for an invitation.",
            "Sign in with an address of a domain the account verified.",
        ]);
}
