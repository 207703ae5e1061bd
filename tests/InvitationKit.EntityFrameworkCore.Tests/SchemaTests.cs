using Microsoft.EntityFrameworkCore;

namespace InvitationKit.EntityFrameworkCore.Tests;

/// <summary>The shipped scripts create a working database, are idempotent, and match the EF model.</summary>
public sealed class SchemaTests
{
    [Fact]
    public Task The_scripts_create_a_working_sqlite_database() => CreatesWorkingDatabase(InvitationKitDatabase.Sqlite);

    [PostgresFact]
    public Task The_scripts_create_a_working_postgresql_database() => CreatesWorkingDatabase(InvitationKitDatabase.PostgreSql);

    [Fact]
    public Task A_version_1_sqlite_database_holding_data_upgrades_to_the_latest_version() => UpgradesFromVersion1(InvitationKitDatabase.Sqlite);

    [PostgresFact]
    public Task A_version_1_postgresql_database_holding_data_upgrades_to_the_latest_version() => UpgradesFromVersion1(InvitationKitDatabase.PostgreSql);

    /// <summary>
    /// Version 7: PostgreSQL adds members inserted by one statement to the seat counter once per statement (per row, one
    /// statement of n members cost more than n times one), and an accepted invitation's member still adds nothing.
    /// </summary>
    [PostgresFact]
    public async Task Postgresql_counts_the_seats_of_members_inserted_together_once_per_statement()
    {
        await using var database = await TestDatabase.CreateAsync(InvitationKitDatabase.PostgreSql);
        Assert.Equal(0, await database.ScalarAsync("SELECT COUNT(*) AS \"Value\" FROM pg_trigger WHERE tgname = 'invitationkit_seats_member_inserted'"));
        Assert.Equal(0, await database.ScalarAsync("SELECT (tgtype & 1)::bigint AS \"Value\" FROM pg_trigger WHERE tgname = 'invitationkit_seats_members_inserted'")); // 0: for each statement
        await using (var context = database.NewContext())
        {
            await context.Database.ExecuteSqlRawAsync(
                "INSERT INTO invitationkit_members (account_id, user_id, roles, is_owner, joined_at, invitation_id) "
                + "SELECT CASE WHEN n % 3 = 0 THEN 'globex' ELSE 'acme' END, 'u' || n, '[]', n = 1, 0, CASE WHEN n % 5 = 0 THEN gen_random_uuid() END "
                + "FROM generate_series(1, 3000) AS n");
        }

        // 3 000 members: 1 000 in globex, 2 000 in acme; 600 of them joined through an invitation (n divisible by 5).
        Assert.Equal(2000 - 400, await database.ScalarAsync("SELECT stored_seats AS \"Value\" FROM invitationkit_account_locks WHERE account_id = 'acme'"));
        Assert.Equal(1000 - 200, await database.ScalarAsync("SELECT stored_seats AS \"Value\" FROM invitationkit_account_locks WHERE account_id = 'globex'"));
    }

    [Theory]
    [InlineData(InvitationKitDatabase.Sqlite)]
    [InlineData(InvitationKitDatabase.PostgreSql)]
    public void Scripts_are_shipped_for_every_database(InvitationKitDatabase database)
    {
        var scripts = InvitationKitSchema.GetScripts(database);
        Assert.Equal(1, scripts[0].Version);
        foreach (var table in new[] { "invitationkit_invitations", "invitationkit_members", "invitationkit_active_accounts", "invitationkit_account_locks" })
        {
            Assert.Contains($"CREATE TABLE IF NOT EXISTS {table}", scripts[0].Sql, StringComparison.Ordinal);
        }

        Assert.Contains("ux_invitationkit_invitations_one_pending", scripts[0].Sql, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Microsoft.EntityFrameworkCore.SqlServer")]
    [InlineData("Microsoft.EntityFrameworkCore.InMemory")]
    [InlineData(null)]
    public void Unsupported_providers_are_refused_with_a_clear_message(string? provider)
    {
        var error = Assert.Throws<NotSupportedException>(() => Stores.DatabaseDialect.For(provider));
        Assert.Contains("supports SQLite and PostgreSQL", error.Message, StringComparison.Ordinal);
        Assert.Contains("conformance kit", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The shipped versions: PostgreSQL's version 7 changes a trigger SQLite does not have (SQLite's run per row); version
    /// 8 (both) adds the OTP budget's last reserved attempt; version 9 (both) marks ended new-user invitations whose pending
    /// user awaits release; version 14 (both) counts each account's invitations by status; version 15 (both) adds the
    /// options per invitation; version 16 (both) marks invitations delivered by the host; version 17 (both) keeps the
    /// notice outbox and reminders.
    /// </summary>
    private static int[] Versions(InvitationKitDatabase kind) => kind == InvitationKitDatabase.Sqlite ? [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17] : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17];

    private static async Task UpgradesFromVersion1(InvitationKitDatabase kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, applySchema: false);
        var id = Guid.NewGuid();
        var unsent = Guid.NewGuid();
        var rejected = Guid.NewGuid();
        var created = Instant.FromUtc(2026, 1, 1, 0, 0);
        await using (var context = database.NewContext())
        {
            // Exactly what a version-1 installation holds: its script, its history row, and a pending invitation.
            await context.Database.ExecuteSqlRawAsync(InvitationKitSchema.GetScripts(kind)[0].Sql);
            await context.Database.ExecuteSqlRawAsync("CREATE TABLE invitationkit_schema_history (version integer NOT NULL PRIMARY KEY, applied_at bigint NOT NULL)");
            await context.Database.ExecuteSqlRawAsync("INSERT INTO invitationkit_schema_history (version, applied_at) VALUES (1, 0)");
            await context.Database.ExecuteSqlRawAsync(
                "INSERT INTO invitationkit_invitations (id, account_id, product_id, email, email_key, recipient_name, kind, user_id, roles, grants_owner, invited_by, "
                + "created_at, expires_at, status, secret_hash, otp_hash, failed_otp_attempts, delivery, send_count, resolved_at, resolved_by, revision) "
                + "VALUES ({0}, 'acme', 'cloud', 'a@example.com', 'a@example.com', 'Ann', 1, NULL, '[\"VIEWER\"]', {1}, 'owner', {2}, {3}, 0, {4}, {5}, 2, 1, 1, NULL, NULL, 3)",
                [id, false, created.ToUnixTimeTicks(), (created + Duration.FromDays(7)).ToUnixTimeTicks(), new byte[32], new byte[32]]);

            // A pending invitation an old version stored but never mailed (delivery 0): version 3 makes it due at once.
            await context.Database.ExecuteSqlRawAsync(
                "INSERT INTO invitationkit_invitations (id, account_id, product_id, email, email_key, recipient_name, kind, user_id, roles, grants_owner, invited_by, "
                + "created_at, expires_at, status, secret_hash, otp_hash, failed_otp_attempts, delivery, send_count, resolved_at, resolved_by, revision) "
                + "VALUES ({0}, 'acme', 'cloud', 'b@example.com', 'b@example.com', NULL, 0, 'u-b', '[]', {1}, 'owner', {2}, {3}, 0, {4}, NULL, 0, 0, 1, NULL, NULL, 1)",
                [unsent, false, created.ToUnixTimeTicks(), (created + Duration.FromDays(7)).ToUnixTimeTicks(), Enumerable.Repeat((byte)1, 32).ToArray()]);

            // A revoked invitation and two members, one of them from an accepted invitation: version 6 counts their seats.
            await context.Database.ExecuteSqlRawAsync(
                "INSERT INTO invitationkit_invitations (id, account_id, product_id, email, email_key, recipient_name, kind, user_id, roles, grants_owner, invited_by, "
                + "created_at, expires_at, status, secret_hash, otp_hash, failed_otp_attempts, delivery, send_count, resolved_at, resolved_by, revision) "
                + "VALUES ({0}, 'acme', 'cloud', 'c@example.com', 'c@example.com', NULL, 0, 'u-c', '[]', {1}, 'owner', {2}, {3}, 3, {4}, NULL, 0, 1, 1, {2}, 'owner', 2)",
                [Guid.NewGuid(), false, created.ToUnixTimeTicks(), (created + Duration.FromDays(7)).ToUnixTimeTicks(), Enumerable.Repeat((byte)2, 32).ToArray()]);
            // A rejected new-user invitation: version 9 marks it, so the next sweep releases the pending user it left behind.
            await context.Database.ExecuteSqlRawAsync(
                "INSERT INTO invitationkit_invitations (id, account_id, product_id, email, email_key, recipient_name, kind, user_id, roles, grants_owner, invited_by, "
                + "created_at, expires_at, status, secret_hash, otp_hash, failed_otp_attempts, delivery, send_count, resolved_at, resolved_by, revision) "
                + "VALUES ({0}, 'acme', 'cloud', 'e@example.com', 'e@example.com', NULL, 1, NULL, '[]', {1}, 'owner', {2}, {3}, 2, {4}, {4}, 0, 1, 1, {2}, NULL, 2)",
                [rejected, false, created.ToUnixTimeTicks(), (created + Duration.FromDays(7)).ToUnixTimeTicks(), Enumerable.Repeat((byte)3, 32).ToArray()]);
            await context.Database.ExecuteSqlRawAsync(
                "INSERT INTO invitationkit_members (account_id, user_id, roles, is_owner, joined_at, invitation_id) VALUES ('acme', 'owner', '[]', {0}, 0, NULL), ('acme', 'u-d', '[]', {1}, 0, {2})",
                [true, false, kind == InvitationKitDatabase.Sqlite ? Guid.NewGuid().ToString("D").ToUpperInvariant() : Guid.NewGuid()]);
        }

        await using (var context = database.NewContext())
        {
            Assert.Equal(Versions(kind).Skip(1), await InvitationKitSchema.ApplyAsync(context));
        }

        await using var storeContext = database.NewContext();
        var upgraded = await database.NewStore(storeContext).FindByIdAsync(id, default);
        Assert.NotNull(upgraded);
        Assert.Equal((0, created, (Instant?)null, 3L), (upgraded.KeyId, upgraded.IssuedAt, upgraded.ActivationClaimedAt, upgraded.Revision));
        Assert.Equal(InvitationKind.NewUser, upgraded.Kind);
        Assert.Equal((DeliveryState.Sent, 1, (Instant?)null), (upgraded.Delivery, upgraded.DeliveryAttempts, upgraded.NextDeliveryAt));
        var due = Assert.Single(await database.NewStore(storeContext).FindDueForDeliveryAsync(created + Duration.FromMinutes(1), 10, default));
        Assert.Equal((unsent, (Instant?)created), (due.Id, due.NextDeliveryAt));
        Assert.Equal(rejected, Assert.Single(await database.NewStore(storeContext).FindPendingUserReleasesAsync(10, default)).Id);
        Assert.False(upgraded.PendingUserReleaseDue);
        // Version 17 queues no notice for what was stored before it, and leaves every invitation unasked and unreminded.
        Assert.Equal(((InvitationNoticeKind?)null, (Instant?)null, 0, (Instant?)null, (Instant?)null), (upgraded.NoticeKind, upgraded.NoticeDueAt, upgraded.NoticeAttempts, upgraded.NewInvitationRequestedAt, upgraded.RemindedAt));
        Assert.Empty(await database.NewStore(storeContext).FindDueNoticesAsync(created + Duration.FromDays(8), 10, default));

        // Two pending invitations and two members hold seats; once the invitations are overdue, only the members do.
        Assert.Equal(4, await database.NewStore(storeContext).CountOccupiedSeatsAsync("acme", created + Duration.FromMinutes(1), default));
        Assert.Equal(2, await database.NewStore(storeContext).CountOccupiedSeatsAsync("acme", created + Duration.FromDays(8), default));

        // Version 14 counts the invitations stored before it, by status: every list total is exact from the start.
        var (live, later) = (created + Duration.FromMinutes(1), created + Duration.FromDays(8));
        foreach (var (status, at, total) in new (InvitationStatus?, Instant, int)[]
        {
            (null, live, 4), (InvitationStatus.Pending, live, 2), (InvitationStatus.Expired, live, 0), (InvitationStatus.Revoked, live, 1),
            (InvitationStatus.Rejected, live, 1), (InvitationStatus.Accepted, live, 0), (InvitationStatus.Pending, later, 0), (InvitationStatus.Expired, later, 2),
        })
        {
            Assert.Equal(total, (await database.NewStore(storeContext).ListAsync(new InvitationQuery("acme", status), at, default)).TotalCount);
        }
    }

    private static async Task CreatesWorkingDatabase(InvitationKitDatabase kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, applySchema: false);
        await using (var context = database.NewContext())
        {
            Assert.Equal(Versions(kind), await InvitationKitSchema.ApplyAsync(context));
            Assert.Empty(await InvitationKitSchema.ApplyAsync(context));
        }

        Assert.Equal(Versions(kind).Length, await database.ScalarAsync("SELECT COUNT(*) AS \"Value\" FROM invitationkit_schema_history"));

        // The model EF uses matches the tables the scripts made: a full round trip through the store works.
        await using var storeContext = database.NewContext();
        var store = database.NewStore(storeContext);
        var now = Instant.FromUtc(2026, 1, 1, 0, 0);
        var owner = new Member("acme", "owner", ["X"], true, now, null);
        Assert.True(await store.TryAddFoundingOwnerAsync(owner, default));
        Assert.Equal(owner.UserId, (await store.FindMemberAsync("acme", "owner", default))?.UserId);
        Assert.Equal(1, await store.CountOccupiedSeatsAsync("acme", now, default));
    }
}
