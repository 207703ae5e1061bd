-- InvitationKit schema, version 5, for PostgreSQL: invites recorded under their idempotency key, in the batch's own
-- transaction, so a retried invite returns its first outcome. Keys are deleted by the expiry sweep after an invitation
-- lifetime. Runs once (recorded in invitationkit_schema_history).
CREATE TABLE IF NOT EXISTS invitationkit_idempotent_invites (
    account_id          varchar(256) NOT NULL,
    idempotency_key     varchar(256) NOT NULL,
    request_fingerprint varchar(64)  NOT NULL,
    invitation_ids      text         NOT NULL,
    first_invitation_id uuid         NOT NULL,
    recorded_at         bigint       NOT NULL,
    PRIMARY KEY (account_id, idempotency_key)
);
CREATE INDEX IF NOT EXISTS ix_invitationkit_idempotent_invites_first ON invitationkit_idempotent_invites (first_invitation_id);
CREATE INDEX IF NOT EXISTS ix_invitationkit_idempotent_invites_recorded ON invitationkit_idempotent_invites (recorded_at);
