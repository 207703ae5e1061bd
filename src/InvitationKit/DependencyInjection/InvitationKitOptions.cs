using NodaTime;

namespace InvitationKit;

/// <summary>
/// Deployment-wide settings. Mutable while the host configures them; validated when the manager is first resolved,
/// reporting every problem at once.
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

    /// <summary>How long an invitation (and its OTP) stays valid (rule 7).</summary>
    /// <value>Defaults to 7 days; between 1 minute and 365 days.</value>
    public Duration InvitationLifetime { get; set; } = InvitationKitDefaults.InvitationLifetime;

    /// <summary>Whether only registered users may be invited, unless the account overrides it (rule 3).</summary>
    /// <value>Defaults to <see langword="false"/>.</value>
    public bool OnlyRegisteredUsers { get; set; } = InvitationKitDefaults.OnlyRegisteredUsers;

    /// <summary>The shape of new users' one-time passwords (rule 11).</summary>
    /// <value>Defaults to <see cref="OtpFormat.Digits"/>.</value>
    public OtpFormat OtpFormat { get; set; } = InvitationKitDefaults.OtpFormat;

    /// <summary>Digits or characters of an OTP; random bytes for <see cref="OtpFormat.UrlSafeToken"/>.</summary>
    /// <value>Defaults to 6; digits and alphanumerics 6..32, tokens 16..64 bytes.</value>
    public int OtpLength { get; set; } = InvitationKitDefaults.OtpLength;

    /// <summary>Wrong OTPs allowed before the code locks (rule 11).</summary>
    /// <value>Defaults to 5; 1..100.</value>
    public int MaxOtpAttempts { get; set; } = InvitationKitDefaults.MaxOtpAttempts;

    /// <summary>The largest page <c>ListAsync</c> returns.</summary>
    /// <value>Defaults to 100; 1..10000.</value>
    public int MaxPageSize { get; set; } = InvitationKitDefaults.MaxPageSize;

    /// <summary>
    /// The key of the keyed hash (HMAC-SHA-256) under which secrets are stored. Required: at least 32 random bytes,
    /// kept out of source control (e.g. from a secret store, base64 in configuration). Changing it invalidates every
    /// outstanding secret.
    /// </summary>
    /// <value>No default; must be set.</value>
    public byte[]? SecretKey { get; set; }
}
