-- InvitationKit schema, version 11, for PostgreSQL: retention. The expiry sweep erases the personal data of invitations
-- finished longer ago than FinishedInvitationRetention (their email and email_key become empty); it finds them, oldest
-- first, in a partial index of the rows not erased yet, so erased rows cost nothing. Runs once (recorded in
-- invitationkit_schema_history).
CREATE INDEX IF NOT EXISTS ix_invitationkit_invitations_retention
    ON invitationkit_invitations (resolved_at) WHERE email_key <> '';
