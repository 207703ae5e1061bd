namespace InvitationKit.EntityFrameworkCore.Model;

/// <summary>
/// InvitationKit's table names, as the shipped schema scripts create them: the one place the model
/// (<c>ApplyInvitationKitModel</c>) and the store's SQL take them from. Plain lowercase identifiers, written into SQL
/// unquoted.
/// </summary>
internal static class Tables
{
    /// <summary>What every table name starts with.</summary>
    public const string Prefix = "invitationkit_";

    /// <summary>The invitations.</summary>
    public const string Invitations = "invitationkit_invitations";

    /// <summary>The memberships of accounts.</summary>
    public const string Members = "invitationkit_members";

    /// <summary>Each user's active account per product.</summary>
    public const string ActiveAccounts = "invitationkit_active_accounts";

    /// <summary>One row per account: the lock a seat-changing write takes, and the account's seat counter.</summary>
    public const string AccountLocks = "invitationkit_account_locks";

    /// <summary>Each account's invitations counted by status, kept by the schema's triggers (not in the model: raw SQL only).</summary>
    public const string InvitationCounts = "invitationkit_invitation_counts";

    /// <summary>The one-time-password failure budget of each address.</summary>
    public const string OtpFailures = "invitationkit_otp_failures";

    /// <summary>Invites recorded under their idempotency key.</summary>
    public const string IdempotentInvites = "invitationkit_idempotent_invites";

    /// <summary>The throttles' current windows, when they are shared through the database (not in the model: raw SQL only).</summary>
    public const string RateLimits = "invitationkit_rate_limits";

    /// <summary>Each account's email domain policy.</summary>
    public const string EmailDomains = "invitationkit_email_domains";

    /// <summary>The schema versions applied (kept by <c>InvitationKitSchema</c>; not in the model).</summary>
    public const string SchemaHistory = "invitationkit_schema_history";
}
