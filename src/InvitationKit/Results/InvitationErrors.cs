namespace InvitationKit;

/// <summary>Builds every <see cref="InvitationError"/> with its message and remedies, in one class (role names in InvitationErrors.Roles.cs).</summary>
internal static partial class InvitationErrors
{
    public static InvitationError BatchEmpty() => new(
        InvitationErrorCode.BatchEmpty,
        "The invitation has no recipients.",
        ["Enter at least one email address."]);

    public static InvitationError BatchTooLarge(int count, int max) => new(
        InvitationErrorCode.BatchTooLarge,
        $"You can invite no more than {max} users at a time; this invitation has {count}.",
        [$"Split the recipients into batches of at most {max}."]) { MaxBatchSize = max };

    public static InvitationError DuplicateRecipient(string recipient) => new(
        InvitationErrorCode.DuplicateRecipient,
        "This address appears more than once in the invitation.",
        ["Remove the repeated address."],
        recipient);

    public static InvitationError InvalidEmail(string rawRecipient, EmailAddressError error) => new(
        InvitationErrorCode.InvalidEmail,
        $"This is not an acceptable email address: {EmailAddress.Describe(error)}",
        ["Check the address for typos; enter a bare address such as name@example.com, without a display name."],
        Internal.Identifier.Excerpt(rawRecipient));

    public static InvitationError UserLimitExceeded(SeatLimitDetails seats) => new(
        InvitationErrorCode.UserLimitExceeded,
        $"The user limit for the account has been exceeded: {seats.Occupied} of {seats.Limit} seats are taken and {seats.Requested} were requested.",
        [
            "Revoke sent invitations that are no longer needed.",
            "Remove inactive users from the account.",
            "For a self-hosted installation: ask the system administrator to increase the user limit.",
        ])
    {
        SeatLimit = seats,
    };

    public static InvitationError OnlyRegisteredUsersAllowed(string recipient) => new(
        InvitationErrorCode.OnlyRegisteredUsersAllowed,
        "You can only invite registered users to this account.",
        [
            "Ask the person to register first, and then send the invitation again.",
            "For a self-hosted installation: ask the system administrator to allow sending invitations to new users.",
        ],
        recipient);

    public static InvitationError UserNotRegistered(string recipient) => new(
        InvitationErrorCode.UserNotRegistered,
        "No registered user has this address.",
        ["Use the new-user invitation instead.", "Ask the person to register first, and then send the invitation again."],
        recipient);

    public static InvitationError UserAlreadyExists(string recipient) => new(
        InvitationErrorCode.UserAlreadyExists,
        "A user with this address already exists.",
        ["Use the existing-user invitation instead."],
        recipient);

    public static InvitationError AlreadyMember(string? recipient) => new(
        InvitationErrorCode.AlreadyMember,
        "This user is already a member of the account.",
        ["Nothing to do: the user already has access. Edit the member's roles instead if needed."],
        recipient);

    public static InvitationError AlreadyInvited(string recipient) => new(
        InvitationErrorCode.AlreadyInvited,
        "This address already has a pending invitation to the account.",
        ["Resend the pending invitation, or invite again choosing to resend or replace it (InviteRequest.WhenPending).", "Or revoke it and invite the address again."],
        recipient);

    public static InvitationError PermissionDenied() => new(
        InvitationErrorCode.PermissionDenied,
        "You do not have permission to manage invitations or members of this account.",
        [
            "Ask an account owner or a system administrator for the USER_ADMIN role.",
            "Check that you are signed in to the correct account.",
        ]);

    public static InvitationError OwnerGrantNotAllowed(string? recipient) => new(
        InvitationErrorCode.OwnerGrantNotAllowed,
        "Only account owners and system administrators can grant or withdraw owner capability.",
        ["Ask an owner or a system administrator to assign owner capability."],
        recipient);

    public static InvitationError AccountNotFound(string accountId) => new(
        InvitationErrorCode.AccountNotFound,
        $"No account has the id '{Internal.Identifier.Excerpt(accountId)}'.",
        ["Check the account id; reload the account list and select the account again."]);

    public static InvitationError ProductNotFound(string productId) => new(
        InvitationErrorCode.ProductNotFound,
        $"No product has the id '{Internal.Identifier.Excerpt(productId)}'.",
        ["Select one of the products the installation offers."]);

    public static InvitationError ProductIsSingleAccount(string productName) => new(
        InvitationErrorCode.ProductIsSingleAccount,
        $"{productName} does not support accounts with several users: its users work only in the account they own.",
        ["Invite the person into a product that supports multiple users."]);

    public static InvitationError InvitationNotFound() => new(
        InvitationErrorCode.InvitationNotFound,
        "The invitation was not found, or the code is not valid.",
        ["Open the link from the most recent invitation email.", "Ask the account owner to send the invitation again."]);

    public static InvitationError InvitationExpired() => new(
        InvitationErrorCode.InvitationExpired,
        "The invitation has expired.",
        ["Ask the account owner or a user administrator to send a new invitation."]);

    public static InvitationError InvitationNotPending(InvitationStatus status) => new(
        InvitationErrorCode.InvitationNotPending,
        $"The invitation is no longer pending: it was {status.ToString().ToLowerInvariant()}.",
        status == InvitationStatus.Accepted
            ? ["Nothing to do: the invitation was already accepted. Sign in to use the account."]
            : ["Ask the account owner or a user administrator to send a new invitation."])
    {
        Status = status,
    };

    public static InvitationError EmailNotDisclosed(string provider) => new(
        InvitationErrorCode.EmailNotDisclosed,
        $"Additional actions are required to accept the invitation: {Internal.Identifier.Excerpt(provider, 40)} did not disclose your email address.",
        [
            "Follow the link from the email and register using your email and password, not a third-party service.",
            "Make your email available for reading in OAuth on the third-party service and follow the link from the email again "
                + "(on GitHub: Settings → Public profile → Public email, select the invited address).",
        ]);

    public static InvitationError EmailMismatch(string provider) => new(
        InvitationErrorCode.EmailMismatch,
        "Additional actions are required to accept the invitation: the email you signed in with does not match the email in the invitation.",
        IsLocal(provider)
            ? [
                "Sign in with the account whose email address received the invitation.",
                "If you have no account with that address, sign out, follow the link from the email and register with the invited address.",
            ]
            : [
                $"Follow the link from the email and register using your email and password, instead of signing in with {Internal.Identifier.Excerpt(provider, 40)}.",
                "Sign in with the account whose email address received the invitation.",
            ]);

    // One refusal for an unknown address, an expired invitation or code, and a wrong code: nothing tells them apart.
    public static InvitationError OtpInvalid() => new(
        InvitationErrorCode.OtpInvalid,
        "The email address and one-time password do not match a valid invitation.",
        [
            "Check the address and copy the code from the most recent invitation email.",
            "Open the invitation link in that email and enter the code on the invitation's page.",
            "Codes expire: if yours is older than a day, ask the account owner or a user administrator to resend the invitation.",
            "If the code still fails, register through the application's sign-up page, then sign in and open the invitation link.",
        ]);

    public static InvitationError OtpLockedOut(NodaTime.Duration? retryAfter) => new(
        InvitationErrorCode.OtpLockedOut,
        retryAfter is { } wait
            ? $"Too many wrong one-time passwords were entered for this invitation. Try again in {Describe(wait)}."
            : "Too many wrong one-time passwords were entered for this invitation; it can no longer be activated with a code.",
        retryAfter is null
            ? ["Register through the application's sign-up page, then sign in and open the invitation link.", "Contact the application's support."]
            : ["Wait, then enter the code from the most recent invitation email.", "Contact the application's support if you did not make these attempts."])
    {
        RetryAfter = retryAfter,
    };

    public static InvitationError RateLimited(string operation, NodaTime.Duration? retryAfter) => new(
        InvitationErrorCode.RateLimited,
        $"Too many {operation} requests; try again {(retryAfter is { } wait ? "in " + Describe(wait) : "later")}.",
        ["Wait and try again.", "For large imports, send fewer invitations per minute."])
    {
        RetryAfter = retryAfter,
    };

    // The caller manages the invitation's account, so naming its address tells them nothing they may not see.
    public static InvitationError ResendTooSoon(string email, NodaTime.Instant allowedAt, NodaTime.Duration wait) => new(
        InvitationErrorCode.RateLimited,
        $"The invitation to {Internal.Identifier.Excerpt(email)} was sent recently; it may be resent in {Describe(wait)}, "
            + $"at {NodaTime.Text.InstantPattern.General.Format(allowedAt)}.",
        ["Wait, then resend the invitation.", "Check the mailbox's spam folder with the person before sending again."],
        email)
    {
        RetryAfter = wait,
    };

    public static InvitationError ResendLimitReached(int maxSends, string? recipient = null) => new(
        InvitationErrorCode.ResendLimitReached,
        $"The invitation has been sent {maxSends} times, the most allowed.",
        ["Revoke the invitation and invite the address again.", "Check the address with the person before sending again."],
        recipient);

    public static InvitationError EmailNotVerified(string provider) => IsLocal(provider)
        ? new(
            InvitationErrorCode.EmailNotVerified,
            "Additional actions are required to accept the invitation: your email address is not confirmed yet.",
            [
                "Confirm your email address with the link the application sent when you registered, then follow the link from the invitation email again.",
                "If the confirmation email did not arrive, ask the application to send it again.",
            ])
        : new(
            InvitationErrorCode.EmailNotVerified,
            $"Additional actions are required to accept the invitation: {Internal.Identifier.Excerpt(provider, 40)} has not verified your email address.",
            [
                "Verify your email address with the identity provider, then follow the link from the email again.",
                $"Follow the link from the email and register using your email and password, instead of signing in with {Internal.Identifier.Excerpt(provider, 40)}.",
            ]);

    public static InvitationError NotTheInvitedUser() => new(
        InvitationErrorCode.NotTheInvitedUser,
        "This invitation was sent to another user account.",
        [
            "Sign in with the user account that received the invitation.",
            "If you are new here, activate your account with the one-time password from the invitation email.",
        ]);

    public static InvitationError UserDisabled() => new(
        InvitationErrorCode.UserDisabled,
        "Your user account is disabled, so it cannot accept invitations.",
        ["Contact the application's support to have your account enabled again, then open the link from the invitation email."]);

    public static InvitationError UserAlreadyActivated() => new(
        InvitationErrorCode.UserAlreadyActivated,
        "An account with this address is already active, so no password is set here.",
        ["Sign in with your existing password, then open the link from the invitation email to accept it.", "Use the password reset of the application if you forgot the password."]);

    public static InvitationError ActivationInProgress(string? recipient = null) => new(
        InvitationErrorCode.ActivationInProgress,
        "The invitee is activating this invitation right now.",
        ["Reload the invitation in a few minutes and try again."],
        recipient);

    public static InvitationError MemberNotFound() => new(
        InvitationErrorCode.MemberNotFound,
        "The user is not a member of this account.",
        ["Reload the member list."]);

    public static InvitationError LastOwner(bool leaving = false) => leaving
        ? new(
            InvitationErrorCode.LastOwner,
            "You are the account's last owner and cannot leave it.",
            ["Grant owner capability to another member first, then leave."])
        : new(
            InvitationErrorCode.LastOwner,
            "This member is the account's last owner and cannot be removed.",
            ["Grant owner capability to another member first."]);

    public static InvitationError InvalidInput(string name, string? value) => new(
        InvitationErrorCode.InvalidInput,
        $"The {name} '{Internal.Identifier.Excerpt(value, 40)}' is not valid: it must be 1–{Internal.Identifier.MaxLength} characters without control characters.",
        [$"Pass the {name} exactly as the application issued it."]);

    public static InvitationError InvalidAddressSearch(string value) => new(
        InvitationErrorCode.InvalidInput,
        $"The address search '{Internal.Identifier.Excerpt(value, 40)}' is not valid: it must be 1–{EmailAddress.MaxLength} characters without white space or control characters.",
        ["Search with the start of an address, such as 'bob', 'bob@ex' or 'bob@example.com'."]);

    public static InvitationError PasswordRejected(string? reason) => new(
        InvitationErrorCode.PasswordRejected,
        $"The password was not accepted: {reason ?? "it does not meet the password rules."}",
        ["Choose a password that meets the password rules and try again; the code stays valid."]) { Reason = reason };

    private static bool IsLocal(string provider) => string.Equals(provider, SignedInIdentity.LocalProvider, StringComparison.OrdinalIgnoreCase);

    private static string Describe(NodaTime.Duration wait) =>
        wait < NodaTime.Duration.FromMinutes(1) ? $"{Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} second(s)"
        : wait < NodaTime.Duration.FromHours(2) ? $"{(int)Math.Ceiling(wait.TotalMinutes)} minute(s)"
        : $"{(int)Math.Ceiling(wait.TotalHours)} hour(s)";

    public static InvitationError ConcurrencyConflict() => new(
        InvitationErrorCode.ConcurrencyConflict,
        "The invitation was changed by someone else at the same time.",
        ["Reload the invitation and try again."]);

    public static InvitationError AccountAlreadyHasMembers() => new(
        InvitationErrorCode.AccountAlreadyHasMembers,
        "The account already has members, so a founding owner cannot be added.",
        ["Invite the user with owner capability instead."]);

    public static InvitationError OwnerRequired() => new(
        InvitationErrorCode.OwnerRequired,
        "The account has no owner and none of the imported members is one.",
        ["Mark at least one imported member as owner (IsOwner = true)."]);

    public static InvitationError IdempotencyKeyReused() => new(
        InvitationErrorCode.IdempotencyKeyReused,
        "The idempotency key was already used for a different invite request in this account.",
        ["Repeat the original request unchanged to get its outcome.", "Use a new idempotency key for a new request."]);

    public static InvitationError DuplicateMember(string userId) => new(
        InvitationErrorCode.InvalidInput,
        $"The user id '{Internal.Identifier.Excerpt(userId, 40)}' appears more than once in the import.",
        ["List each user once."]);

    public static InvitationError JoinedInTheFuture(string userId) => new(
        InvitationErrorCode.InvalidInput,
        $"The member '{Internal.Identifier.Excerpt(userId, 40)}' has a join time in the future.",
        ["Give the time they joined in your records, or leave it null for now."]);
}
