namespace InvitationKit;

/// <summary>
/// The stable machine codes of every expected failure. Values never change between versions; hosts map them to UI text.
/// </summary>
public enum InvitationErrorCode
{
    /// <summary>An invite carried no recipients (rule 1).</summary>
    BatchEmpty = 1,

    /// <summary>An invite carried more than <see cref="InvitationKitOptions.MaxBatchSize"/> recipients (rule 1).</summary>
    BatchTooLarge = 2,

    /// <summary>The same mailbox appears twice in one batch, after normalization (rule 1).</summary>
    DuplicateRecipient = 3,

    /// <summary>A recipient address is malformed or hostile (control characters, display-name form, too long, ...).</summary>
    InvalidEmail = 4,

    /// <summary>The invite would take the account past its user limit (rule 2).</summary>
    UserLimitExceeded = 5,

    /// <summary>The account accepts only registered users and the address has none (rule 3).</summary>
    OnlyRegisteredUsersAllowed = 6,

    /// <summary>Existing-user mode, but no registered user has the address (rule 4).</summary>
    UserNotRegistered = 7,

    /// <summary>New-user mode, but a user with the address already exists (rule 4).</summary>
    UserAlreadyExists = 8,

    /// <summary>The address belongs to a member of the account (rule 5).</summary>
    AlreadyMember = 9,

    /// <summary>The address already has a pending invitation to the account (rule 5).</summary>
    AlreadyInvited = 10,

    /// <summary>The actor may not manage invitations or members of the account (rule 6).</summary>
    PermissionDenied = 11,

    /// <summary>Only an owner or a system admin may grant or withdraw owner capability (rule 6).</summary>
    OwnerGrantNotAllowed = 12,

    /// <summary>The account id is unknown to the account directory.</summary>
    AccountNotFound = 13,

    /// <summary>The product id is unknown to the product catalog.</summary>
    ProductNotFound = 14,

    /// <summary>The product supports only the account a user owns; nobody can be invited into it.</summary>
    ProductIsSingleAccount = 15,

    /// <summary>No invitation matches the secret or id (never says which part was wrong) (rule 9).</summary>
    InvitationNotFound = 16,

    /// <summary>The invitation's validity has passed; a new one must be sent (rules 7, 9, 12).</summary>
    InvitationExpired = 17,

    /// <summary>The invitation was already accepted, rejected or revoked (rule 9).</summary>
    InvitationNotPending = 18,

    /// <summary>The identity provider did not disclose the user's email (rule 9).</summary>
    EmailNotDisclosed = 19,

    /// <summary>The signed-in email differs from the invited one (rule 9).</summary>
    EmailMismatch = 20,

    /// <summary>
    /// The address and one-time password match no valid invitation: a wrong or expired code, or an address with no
    /// invitation — deliberately indistinguishable (rule 11).
    /// </summary>
    OtpInvalid = 21,

    /// <summary>The address's failure budget for one-time passwords is spent; <see cref="InvitationError.RetryAfter"/> says for how long (rule 11).</summary>
    OtpLockedOut = 22,

    /// <summary>The user is not a member of the account (rule 17).</summary>
    MemberNotFound = 23,

    /// <summary>Removing the member would leave the account without an owner (rule 17).</summary>
    LastOwner = 24,

    /// <summary>A role name is empty, too long, or holds control characters.</summary>
    InvalidRole = 25,

    /// <summary>An id or other argument is empty, too long, or holds control characters; the message names it.</summary>
    InvalidInput = 26,

    /// <summary>The user directory refused the new user's password; the message carries its reason (rule 10).</summary>
    PasswordRejected = 27,

    /// <summary>The invitation kept changing under concurrent updates; reload and try again.</summary>
    ConcurrencyConflict = 28,

    /// <summary>The account already has members, so it cannot be given a founding owner.</summary>
    AccountAlreadyHasMembers = 29,

    /// <summary>A rate limit refused the call; <see cref="InvitationError.RetryAfter"/> says when to try again.</summary>
    RateLimited = 30,

    /// <summary>The invitation was (re)sent <see cref="InvitationKitOptions.MaxSends"/> times already (rule 12).</summary>
    ResendLimitReached = 31,

    /// <summary>The role grant policy does not let the actor grant this role (by default: roles the actor does not hold) (rule 6).</summary>
    RoleGrantNotAllowed = 32,

    /// <summary>The identity provider has not verified the signed-in email (rule 9).</summary>
    EmailNotVerified = 33,

    /// <summary>The invitation is bound to another user than the one signed in (rule 9).</summary>
    NotTheInvitedUser = 34,

    /// <summary>The address belongs to a user who can already sign in (or was disabled): no password is set; sign in and accept (rule 10).</summary>
    UserAlreadyActivated = 35,

    /// <summary>The invitee's activation holds the invitation right now; try again shortly.</summary>
    ActivationInProgress = 36,

    /// <summary>An account cannot have members without an owner: the import must include at least one owner.</summary>
    OwnerRequired = 37,

    /// <summary>The idempotency key was used for another invite request in this account; a key names one request.</summary>
    IdempotencyKeyReused = 38,

    /// <summary>The signed-in user is disabled by the host (banned, locked out): they cannot accept an invitation (rule 9).</summary>
    UserDisabled = 39,

    /// <summary>
    /// The role is not one the account offers for the product (its <see cref="Ports.IRoleCatalog"/>); the remedies list
    /// the offered roles.
    /// </summary>
    UnknownRole = 40,

    /// <summary>
    /// The host disabled the account (<see cref="Ports.AccountInfo.IsDisabled"/>): no operation on it or its invitations
    /// is possible until the host enables it again (rule 19).
    /// </summary>
    AccountDisabled = 41,

    /// <summary>
    /// The address's domain is not one of the account's email domains (its allow-list); the remedies list the allowed
    /// domains (rule 20).
    /// </summary>
    EmailDomainNotAllowed = 42,

    /// <summary>
    /// The account cannot be joined with the signed-in address: it has not verified the address's domain, or the account
    /// does not exist (one answer for both) (rule 20).
    /// </summary>
    NotJoinable = 43,

    /// <summary>
    /// The requested invitation lifetime is outside the deployment's bounds (<see cref="InvitationKitOptions.MinInvitationLifetime"/>,
    /// <see cref="InvitationKitOptions.MaxInvitationLifetime"/>) (rule 25).
    /// </summary>
    LifetimeOutOfBounds = 44,

    /// <summary>
    /// The invitation metadata has too many entries, a malformed key, or a value too long or with control characters
    /// (rule 25).
    /// </summary>
    InvalidMetadata = 45,

    /// <summary>
    /// The return URL is not an absolute http(s) URL of an origin the deployment allows
    /// (<see cref="InvitationKitOptions.AllowedReturnOrigins"/>) (rule 25).
    /// </summary>
    ReturnUrlNotAllowed = 46,

    /// <summary>
    /// The language is not a well-formed BCP 47 tag, or not one the deployment supports
    /// (<see cref="InvitationKitOptions.SupportedLanguages"/>) (rule 25).
    /// </summary>
    LanguageNotSupported = 47,

    /// <summary>
    /// Invitations delivered by the host are off in this deployment (<see cref="InvitationKitOptions.AllowHostDelivery"/>,
    /// rule 24): invite by mail instead.
    /// </summary>
    HostDeliveryDisabled = 48,

    /// <summary>Only an account's owners and system admins may have invitation links handed to them (rule 24).</summary>
    HostDeliveryNotAllowed = 49,

    /// <summary>
    /// Asking for a new invitation is off: the deployment registered no <see cref="Ports.IInvitationNoticeMailer"/> to tell
    /// the inviter (rule 22). The same answer for every link.
    /// </summary>
    NewInvitationRequestsOff = 50,
}
