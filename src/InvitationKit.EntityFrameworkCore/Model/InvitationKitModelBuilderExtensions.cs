using InvitationKit.EntityFrameworkCore.Model;

namespace Microsoft.EntityFrameworkCore;

/// <summary>Adds InvitationKit's tables to a host's own <see cref="DbContext"/>.</summary>
public static class InvitationKitModelBuilderExtensions
{
    /// <summary>
    /// Maps InvitationKit's tables (<c>invitationkit_*</c>) into the model. Call it from <c>OnModelCreating</c> of the
    /// context you pass to <c>UseEntityFrameworkCore&lt;TContext&gt;()</c>, and create the tables with
    /// <see cref="InvitationKit.EntityFrameworkCore.InvitationKitSchema.ApplyAsync"/>.
    /// </summary>
    /// <remarks>
    /// The tables are excluded from your EF Core migrations and from <c>EnsureCreated</c>: the kit's versioned scripts
    /// own them, with the seat counter's triggers and the partial indexes a migration cannot carry, so a new version of
    /// the kit never shows up as a change in your next migration.
    /// </remarks>
    /// <param name="modelBuilder">The model builder.</param>
    /// <returns>The model builder.</returns>
    public static ModelBuilder ApplyInvitationKitModel(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<InvitationEntity>(e =>
        {
            e.ToTable(Tables.Invitations, table => table.ExcludeFromMigrations());
            e.HasKey(i => i.Id);
            e.Property(i => i.Id).HasColumnName("id");
            e.Property(i => i.AccountId).HasColumnName("account_id").HasMaxLength(256);
            e.Property(i => i.ProductId).HasColumnName("product_id").HasMaxLength(256);
            e.Property(i => i.Email).HasColumnName("email").HasMaxLength(320);
            e.Property(i => i.EmailKey).HasColumnName("email_key").HasMaxLength(320);
            e.Property(i => i.Kind).HasColumnName("kind");
            e.Property(i => i.UserId).HasColumnName("user_id").HasMaxLength(256);
            e.Property(i => i.Roles).HasColumnName("roles");
            e.Property(i => i.GrantsOwner).HasColumnName("grants_owner");
            e.Property(i => i.InvitedBy).HasColumnName("invited_by").HasMaxLength(256);
            e.Property(i => i.CreatedAt).HasColumnName("created_at");
            e.Property(i => i.ExpiresAt).HasColumnName("expires_at");
            e.Property(i => i.Status).HasColumnName("status");
            e.Property(i => i.SecretHash).HasColumnName("secret_hash");
            e.Property(i => i.OtpHash).HasColumnName("otp_hash");
            e.Property(i => i.KeyId).HasColumnName("key_id");
            e.Property(i => i.IssuedAt).HasColumnName("issued_at");
            e.Property(i => i.ActivationClaimedAt).HasColumnName("activation_claimed_at");
            e.Property(i => i.Delivery).HasColumnName("delivery");
            e.Property(i => i.SendCount).HasColumnName("send_count");
            e.Property(i => i.DeliveryAttempts).HasColumnName("delivery_attempts");
            e.Property(i => i.NextDeliveryAt).HasColumnName("next_delivery_at");
            e.Property(i => i.ResolvedAt).HasColumnName("resolved_at");
            e.Property(i => i.ResolvedBy).HasColumnName("resolved_by").HasMaxLength(256);
            e.Property(i => i.PendingUserReleaseDue).HasColumnName("pending_user_release_due");
            e.Property(i => i.NoticeKind).HasColumnName("notice_kind");
            e.Property(i => i.NoticeDueAt).HasColumnName("notice_due_at");
            e.Property(i => i.NoticeAttempts).HasColumnName("notice_attempts");
            e.Property(i => i.NewInvitationRequestedAt).HasColumnName("new_invitation_requested_at");
            e.Property(i => i.RemindedAt).HasColumnName("reminded_at");
            e.Property(i => i.HostDelivered).HasColumnName("host_delivered");
            e.Property(i => i.Lifetime).HasColumnName("lifetime");
            e.Property(i => i.Metadata).HasColumnName("metadata");
            e.Property(i => i.ReturnUrl).HasColumnName("return_url").HasMaxLength(2048);
            e.Property(i => i.Language).HasColumnName("language").HasMaxLength(35);
            e.Property(i => i.Revision).HasColumnName("revision").IsConcurrencyToken();
            e.HasIndex(i => i.SecretHash).IsUnique().HasDatabaseName("ix_invitationkit_invitations_secret_hash");
            e.HasIndex(i => new { i.AccountId, i.EmailKey }).IsUnique().HasFilter("status = 0").HasDatabaseName("ux_invitationkit_invitations_one_pending");
            e.HasIndex(i => new { i.EmailKey, i.Status }).HasDatabaseName("ix_invitationkit_invitations_email_status");
            e.HasIndex(i => new { i.AccountId, i.Status, i.CreatedAt, i.Id }).HasDatabaseName("ix_invitationkit_invitations_account_listing");
            e.HasIndex(i => new { i.AccountId, i.CreatedAt, i.Id }).HasDatabaseName("ix_invitationkit_invitations_account_recent");
            e.HasIndex(i => new { i.Status, i.ExpiresAt }).HasDatabaseName("ix_invitationkit_invitations_overdue");
            e.HasIndex(i => i.NextDeliveryAt).HasFilter("status = 0 AND next_delivery_at IS NOT NULL").HasDatabaseName("ix_invitationkit_invitations_outbox");
            e.HasIndex(i => new { i.AccountId, i.ExpiresAt }).HasFilter("status = 0").HasDatabaseName("ix_invitationkit_invitations_pending_seats");
            e.HasIndex(i => new { i.ResolvedAt, i.Id }).HasFilter("pending_user_release_due").HasDatabaseName("ix_invitationkit_invitations_user_release");
            e.HasIndex(i => new { i.AccountId, i.EmailKey }).HasDatabaseName("ix_invitationkit_invitations_account_email"); // PostgreSQL's script builds it COLLATE "C"
            e.HasIndex(i => new { i.AccountId, i.InvitedBy, i.CreatedAt, i.Id }).HasDatabaseName("ix_invitationkit_invitations_account_inviter");
            e.HasIndex(i => i.ResolvedAt).HasFilter("email_key <> ''").HasDatabaseName("ix_invitationkit_invitations_retention");
            e.HasIndex(i => i.NoticeDueAt).HasFilter("notice_due_at IS NOT NULL").HasDatabaseName("ix_invitationkit_invitations_notices");
        });
        modelBuilder.Entity<MemberEntity>(e =>
        {
            e.ToTable(Tables.Members, table => table.ExcludeFromMigrations());
            e.HasKey(m => new { m.AccountId, m.UserId });
            e.Property(m => m.AccountId).HasColumnName("account_id").HasMaxLength(256);
            e.Property(m => m.UserId).HasColumnName("user_id").HasMaxLength(256);
            e.Property(m => m.Roles).HasColumnName("roles");
            e.Property(m => m.IsOwner).HasColumnName("is_owner");
            e.Property(m => m.JoinedAt).HasColumnName("joined_at");
            e.Property(m => m.InvitationId).HasColumnName("invitation_id");
            e.Property(m => m.Metadata).HasColumnName("metadata");
        });
        modelBuilder.Entity<ActiveAccountEntity>(e =>
        {
            e.ToTable(Tables.ActiveAccounts, table => table.ExcludeFromMigrations());
            e.HasKey(a => new { a.UserId, a.ProductId });
            e.Property(a => a.UserId).HasColumnName("user_id").HasMaxLength(256);
            e.Property(a => a.ProductId).HasColumnName("product_id").HasMaxLength(256);
            e.Property(a => a.AccountId).HasColumnName("account_id").HasMaxLength(256);
        });
        modelBuilder.Entity<AccountLockEntity>(e =>
        {
            e.ToTable(Tables.AccountLocks, table => table.ExcludeFromMigrations());
            e.HasKey(a => a.AccountId);
            e.Property(a => a.AccountId).HasColumnName("account_id").HasMaxLength(256);
            e.Property(a => a.Version).HasColumnName("version");
            e.Property(a => a.StoredSeats).HasColumnName("stored_seats");
        });
        modelBuilder.Entity<OtpFailureEntity>(e =>
        {
            e.ToTable(Tables.OtpFailures, table => table.ExcludeFromMigrations());
            e.HasKey(f => f.EmailKey);
            e.Property(f => f.EmailKey).HasColumnName("email_key").HasMaxLength(320);
            e.Property(f => f.WindowStart).HasColumnName("window_start");
            e.Property(f => f.InWindow).HasColumnName("in_window");
            e.Property(f => f.Total).HasColumnName("total");
            e.Property(f => f.LastAttempt).HasColumnName("last_attempt");
        });
        modelBuilder.Entity<IdempotentInviteEntity>(e =>
        {
            e.ToTable(Tables.IdempotentInvites, table => table.ExcludeFromMigrations());
            e.HasKey(k => new { k.AccountId, k.IdempotencyKey });
            e.Property(k => k.AccountId).HasColumnName("account_id").HasMaxLength(256);
            e.Property(k => k.IdempotencyKey).HasColumnName("idempotency_key").HasMaxLength(256);
            e.Property(k => k.RequestFingerprint).HasColumnName("request_fingerprint").HasMaxLength(64);
            e.Property(k => k.InvitationIds).HasColumnName("invitation_ids");
            e.Property(k => k.FirstInvitationId).HasColumnName("first_invitation_id");
            e.Property(k => k.RecordedAt).HasColumnName("recorded_at");
            e.HasIndex(k => k.FirstInvitationId).HasDatabaseName("ix_invitationkit_idempotent_invites_first");
            e.HasIndex(k => k.RecordedAt).HasDatabaseName("ix_invitationkit_idempotent_invites_recorded");
        });
        modelBuilder.Entity<EmailDomainEntity>(e =>
        {
            e.ToTable(Tables.EmailDomains, table => table.ExcludeFromMigrations());
            e.HasKey(d => new { d.AccountId, d.Domain });
            e.Property(d => d.AccountId).HasColumnName("account_id").HasMaxLength(256);
            e.Property(d => d.Domain).HasColumnName("domain").HasMaxLength(253);
            e.Property(d => d.Kind).HasColumnName("kind");
            e.HasIndex(d => d.Domain).HasFilter("kind = 1").HasDatabaseName("ix_invitationkit_email_domains_verified");
        });
        return modelBuilder;
    }
}
