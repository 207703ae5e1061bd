using NodaTime;

namespace InvitationKit;

/// <summary>
/// Deployment-wide settings. Mutable while the host configures them; validated at start-up (and when the manager is first
/// resolved), reporting every problem at once.
/// </summary>
public sealed class InvitationKitOptions
{
    /// <summary>The shortest <see cref="SecretKey"/> accepted, in bytes.</summary>
    public const int MinSecretKeyLength = 32;

    /// <summary>The most recipients one invite may carry (rule 1).</summary>
    /// <value>Defaults to 20; 1..1000.</value>
    public int MaxBatchSize { get; set; } = InvitationKitDefaults.MaxBatchSize;

    /// <summary>The user limit of accounts whose directory entry sets none (rule 2).</summary>
    /// <value>Defaults to 250; at least 1.</value>
    public int DefaultUserLimit { get; set; } = InvitationKitDefaults.DefaultUserLimit;

    /// <summary>How long an invitation stays valid (rule 7).</summary>
    /// <value>Defaults to 7 days; between 1 minute and 365 days.</value>
    public Duration InvitationLifetime { get; set; } = InvitationKitDefaults.InvitationLifetime;

    /// <summary>The shortest lifetime an invite may choose for its invitations (<see cref="InviteRequest.Lifetime"/>, rule 25).</summary>
    /// <value>Defaults to 1 hour; between 1 minute and <see cref="MaxInvitationLifetime"/>.</value>
    public Duration MinInvitationLifetime { get; set; } = InvitationKitDefaults.MinInvitationLifetime;

    /// <summary>
    /// The longest lifetime an invite may choose for its invitations (<see cref="InviteRequest.Lifetime"/>, rule 25).
    /// <see cref="InvitationLifetime"/>, the default, is not bound by it.
    /// </summary>
    /// <value>Defaults to 30 days; between <see cref="MinInvitationLifetime"/> and 365 days.</value>
    public Duration MaxInvitationLifetime { get; set; } = InvitationKitDefaults.MaxInvitationLifetime;

    /// <summary>The most metadata entries an invitation may carry (<see cref="InviteRequest.Metadata"/>, rule 25); 0 refuses any.</summary>
    /// <value>Defaults to 16; 0..100.</value>
    public int MaxMetadataEntries { get; set; } = InvitationKitDefaults.MaxMetadataEntries;

    /// <summary>The longest metadata key, in characters (ASCII letters, digits, <c>_ - . :</c>).</summary>
    /// <value>Defaults to 64; 1..256.</value>
    public int MaxMetadataKeyLength { get; set; } = InvitationKitDefaults.MaxMetadataKeyLength;

    /// <summary>The longest metadata value, in UTF-16 characters (text without control characters).</summary>
    /// <value>Defaults to 512; 1..4096.</value>
    public int MaxMetadataValueLength { get; set; } = InvitationKitDefaults.MaxMetadataValueLength;

    /// <summary>
    /// The origins an invite's return URL may lead to (<see cref="InviteRequest.ReturnUrl"/>, rule 25), each an absolute
    /// <c>http</c> or <c>https</c> URL with no path, such as <c>https://app.example.com</c> or <c>http://localhost:5000</c>;
    /// an internationalized host may be given in Unicode or as punycode.
    /// </summary>
    /// <value>Defaults to none: every return URL is refused.</value>
    public IList<string> AllowedReturnOrigins { get; set; } = [];

    /// <summary>
    /// The languages an invite may choose (<see cref="InviteRequest.Language"/>, rule 25), as BCP 47 tags such as <c>en</c>
    /// and <c>ru</c>; compared ignoring case and stored as listed.
    /// </summary>
    /// <value>Defaults to none: any well-formed BCP 47 tag (the mail falls back to its default for a language it lacks).</value>
    public IList<string> SupportedLanguages { get; set; } = [];

    /// <summary>
    /// How long a finished invitation (accepted, rejected, revoked, expired) keeps its personal data: after this period
    /// from its resolution the expiry sweep erases its address, the invitee's user id and the host's metadata and return
    /// URL, and keeps the rest (account, product, roles, inviter, status, times) for counts and audit. Null keeps them for ever.
    /// </summary>
    /// <value>Defaults to 365 days; null, or at least <see cref="InvitationLifetime"/> (an idempotent replay may still show a batch's addresses).</value>
    public Duration? FinishedInvitationRetention { get; set; } = InvitationKitDefaults.FinishedInvitationRetention;

    /// <summary>Whether only registered users may be invited, unless the account overrides it (rule 3).</summary>
    /// <value>Defaults to <see langword="false"/>.</value>
    public bool OnlyRegisteredUsers { get; set; } = InvitationKitDefaults.OnlyRegisteredUsers;

    /// <summary>The shape of new users' one-time passwords (rule 11).</summary>
    /// <value>Defaults to <see cref="OtpFormat.Digits"/>.</value>
    public OtpFormat OtpFormat { get; set; } = InvitationKitDefaults.OtpFormat;

    /// <summary>Digits or characters of an OTP; random bytes for <see cref="OtpFormat.UrlSafeToken"/>.</summary>
    /// <value>Defaults to 6; digits and alphanumerics 6..32, tokens 16..64 bytes.</value>
    public int OtpLength { get; set; } = InvitationKitDefaults.OtpLength;

    /// <summary>
    /// How long a one-time password stays valid after it was issued or resent, never longer than the invitation
    /// (NIST SP 800-63B asks for short-lived out-of-band secrets).
    /// </summary>
    /// <value>Defaults to 24 hours; between 1 minute and 365 days (a code never outlives its invitation).</value>
    public Duration OtpLifetime { get; set; } = InvitationKitDefaults.OtpLifetime;

    /// <summary>
    /// How long a new user's activation holds its invitation while the user directory enables the user: revokes, resends,
    /// role changes, expiry and the dispatcher keep off it meanwhile (<c>ActivationInProgress</c>). A claim whose process
    /// died lapses after this; a directory slower than this risks a revoke between enabling and accepting.
    /// </summary>
    /// <value>Defaults to 2 minutes; between 10 seconds and 1 hour.</value>
    public Duration ActivationClaimTimeout { get; set; } = InvitationKitDefaults.ActivationClaimTimeout;

    /// <summary>
    /// Wrong one-time passwords one address may enter within <see cref="OtpFailureWindow"/>, across every tenant and
    /// every resend; then activation of that address is refused until the window ends (rule 11).
    /// </summary>
    /// <value>Defaults to 10; 1..100.</value>
    public int MaxOtpAttempts { get; set; } = InvitationKitDefaults.MaxOtpAttempts;

    /// <summary>The window <see cref="MaxOtpAttempts"/> counts in.</summary>
    /// <value>Defaults to 24 hours; between 1 minute and 30 days.</value>
    public Duration OtpFailureWindow { get; set; } = InvitationKitDefaults.OtpFailureWindow;

    /// <summary>
    /// Wrong one-time passwords one address may ever enter. Once spent the address can no longer be activated with a
    /// code (the person registers through the host and accepts by signing in), which caps an attacker's total guesses.
    /// </summary>
    /// <value>Defaults to 50; 1..10 000.</value>
    public int MaxOtpFailuresPerAddress { get; set; } = InvitationKitDefaults.MaxOtpFailuresPerAddress;

    /// <summary>
    /// How long before an invitation expires its invitee is reminded, once (rule 23): the dispatcher re-issues the link
    /// (fresh secret and code, like a resend: the link of the earlier mail stops working) in an "expires soon" mail
    /// (<see cref="Ports.InvitationMessage.IsReminder"/>) and queues a notice to the inviter when a
    /// <see cref="Ports.IInvitationNoticeMailer"/> is registered. Only an invitation whose last mail was delivered before
    /// the reminder window opened is reminded. Null turns reminders off.
    /// </summary>
    /// <value>
    /// Defaults to null (off): a reminder replaces the link of the mail the invitee has, which a deployment should choose
    /// knowingly. Null, or from 1 hour to less than <see cref="InvitationLifetime"/> (e.g. 48 hours with the default 7 days).
    /// </value>
    public Duration? ReminderLead { get; set; }

    /// <summary>How often an invitation may be sent in all: the first mail plus resends (rule 12).</summary>
    /// <value>Defaults to 5; 1..100.</value>
    public int MaxSends { get; set; } = InvitationKitDefaults.MaxSends;

    /// <summary>How long after a (re)send the invitation can be resent again (rule 12).</summary>
    /// <value>Defaults to 1 minute; between zero and 1 day.</value>
    public Duration ResendCooldown { get; set; } = InvitationKitDefaults.ResendCooldown;

    /// <summary>
    /// Whether to keep every non-member's registration state to the kit, so nothing those who manage invitations see tells
    /// a registered address from a new one: existing-user and new-user modes behave as auto; every <see cref="InvitationView"/>
    /// says <see cref="InvitationKind.Undisclosed"/>; and an account limited to registered users (rule 3) refuses no
    /// address but invites one with no registered user for whoever registers with it — no user is created and no code
    /// mailed, and the person accepts by signing in once registered.
    /// </summary>
    /// <value>Defaults to <see langword="false"/> (the explicit modes report <c>UserNotRegistered</c>/<c>UserAlreadyExists</c>,
    /// views show the kind, and a registered-only account refuses unregistered addresses with <c>OnlyRegisteredUsersAllowed</c>).</value>
    public bool HideRegistrationState { get; set; } = InvitationKitDefaults.HideRegistrationState;

    /// <summary>
    /// Whether owners and system admins may create invitations whose link is handed to them once, to deliver it themselves
    /// (chat, SMS, a QR code) instead of by mail (<see cref="IInvitationManager.InviteForHostDeliveryAsync"/>, rule 24). It is
    /// a deliberate exception to "the secret reaches only the mailer": turn it on only where the host's callers are trusted
    /// with links (see docs/security.md). A new user's code is still mailed, never handed over.
    /// </summary>
    /// <value>Defaults to <see langword="false"/>: <c>HostDeliveryDisabled</c>.</value>
    public bool AllowHostDelivery { get; set; } = InvitationKitDefaults.AllowHostDelivery;

    /// <summary>The in-process throttles in front of invites, resends and activations.</summary>
    /// <value>Defaults as documented on each rule.</value>
    public InvitationRateLimitOptions RateLimits { get; set; } = new();

    /// <summary>How invitation mail is retried, and how long a send in flight holds its invitation.</summary>
    /// <value>Defaults as documented on each property.</value>
    public InvitationDeliveryOptions Delivery { get; set; } = new();

    /// <summary>
    /// The roles of a member who joins an account through its verified email domain
    /// (<see cref="IInvitationManager.JoinAsync"/>). They are never owner.
    /// </summary>
    /// <value>Defaults to none: a plain member. Each must be a well-formed role name.</value>
    public IList<string> VerifiedDomainJoinRoles { get; set; } = [];

    /// <summary>The largest page <c>ListAsync</c> returns.</summary>
    /// <value>Defaults to 100; 1..10000.</value>
    public int MaxPageSize { get; set; } = InvitationKitDefaults.MaxPageSize;

    /// <summary>
    /// The current key of the keyed hash (HMAC-SHA-256) under which new secrets are stored. Required: at least 32 random
    /// bytes, kept out of source control (e.g. from a secret store, base64 in configuration). To rotate, move the old key
    /// to <see cref="PreviousSecretKeys"/> and set a new one: outstanding links and codes keep working.
    /// </summary>
    /// <value>No default; must be set.</value>
    public byte[]? SecretKey { get; set; }

    /// <summary>
    /// Earlier keys that still verify secrets issued under them. Drop one once every invitation it hashed has been
    /// resolved or expired (at most <see cref="InvitationLifetime"/> after the rotation).
    /// </summary>
    /// <value>Defaults to none.</value>
    public IList<byte[]> PreviousSecretKeys { get; set; } = [];
}
