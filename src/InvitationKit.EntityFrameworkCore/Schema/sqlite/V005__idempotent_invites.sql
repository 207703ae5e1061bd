-- InvitationKit schema, version 5, for SQLite: invites recorded under their idempotency key, in the batch's own
-- transaction, so a retried invite returns its first outcome. Keys are deleted by the expiry sweep after an invitation
-- lifetime. Runs once (recorded in invitationkit_schema_history).
CREATE TABLE IF NOT EXISTS invitationkit_idempotent_invites (
    account_id          TEXT    NOT NULL,
    idempotency_key     TEXT    NOT NULL,
    request_fingerprint TEXT    NOT NULL,
    invitation_ids      TEXT    NOT NULL,
    first_invitation_id TEXT    NOT NULL,
    recorded_at         INTEGER NOT NULL,
    PRIMARY KEY (account_id, idempotency_key)
);
CREATE INDEX IF NOT EXISTS ix_invitationkit_idempotent_invites_first ON invitationkit_idempotent_invites (first_invitation_id);
CREATE INDEX IF NOT EXISTS ix_invitationkit_idempotent_invites_recorded ON invitationkit_idempotent_invites (recorded_at);
