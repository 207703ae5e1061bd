-- InvitationKit schema, version 10, for SQLite: searching an account's invitations. By the start of the address: a range
-- of (account_id, email_key), whose BINARY collation orders UTF-8 text by code point, as the kit compares keys. By
-- inviter: a range of (account_id, invited_by, created_at, id), already newest first. Runs once (recorded in
-- invitationkit_schema_history).
CREATE INDEX IF NOT EXISTS ix_invitationkit_invitations_account_email
    ON invitationkit_invitations (account_id, email_key);
CREATE INDEX IF NOT EXISTS ix_invitationkit_invitations_account_inviter
    ON invitationkit_invitations (account_id, invited_by, created_at, id);
