-- InvitationKit schema, version 1, for SQLite. Idempotent: safe to run again.
-- Instants are UTC ticks since the Unix epoch (100 ns units); statuses and kinds are the enum values.
CREATE TABLE IF NOT EXISTS invitationkit_invitations (
    id                  TEXT    NOT NULL PRIMARY KEY,
    account_id          TEXT    NOT NULL,
    product_id          TEXT    NOT NULL,
    email               TEXT    NOT NULL,
    email_key           TEXT    NOT NULL,
    recipient_name      TEXT    NULL,
    kind                INTEGER NOT NULL,
    user_id             TEXT    NULL,
    roles               TEXT    NOT NULL,
    grants_owner        INTEGER NOT NULL,
    invited_by          TEXT    NOT NULL,
    created_at          INTEGER NOT NULL,
    expires_at          INTEGER NOT NULL,
    status              INTEGER NOT NULL,
    secret_hash         BLOB    NOT NULL,
    otp_hash            BLOB    NULL,
    failed_otp_attempts INTEGER NOT NULL,
    delivery            INTEGER NOT NULL,
    send_count          INTEGER NOT NULL,
    resolved_at         INTEGER NULL,
    resolved_by         TEXT    NULL,
    revision            INTEGER NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS ix_invitationkit_invitations_secret_hash ON invitationkit_invitations (secret_hash);
-- At most one invitation stored as pending per (account, mailbox); overdue ones are marked expired before a new insert.
CREATE UNIQUE INDEX IF NOT EXISTS ux_invitationkit_invitations_one_pending ON invitationkit_invitations (account_id, email_key) WHERE status = 0;
CREATE INDEX IF NOT EXISTS ix_invitationkit_invitations_email_status ON invitationkit_invitations (email_key, status);
CREATE INDEX IF NOT EXISTS ix_invitationkit_invitations_account_listing ON invitationkit_invitations (account_id, status, created_at);
CREATE INDEX IF NOT EXISTS ix_invitationkit_invitations_overdue ON invitationkit_invitations (status, expires_at);

CREATE TABLE IF NOT EXISTS invitationkit_members (
    account_id    TEXT    NOT NULL,
    user_id       TEXT    NOT NULL,
    roles         TEXT    NOT NULL,
    is_owner      INTEGER NOT NULL,
    joined_at     INTEGER NOT NULL,
    invitation_id TEXT    NULL,
    PRIMARY KEY (account_id, user_id)
);

CREATE TABLE IF NOT EXISTS invitationkit_active_accounts (
    user_id    TEXT NOT NULL,
    product_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    PRIMARY KEY (user_id, product_id)
);

CREATE TABLE IF NOT EXISTS invitationkit_account_locks (
    account_id TEXT    NOT NULL PRIMARY KEY,
    version    INTEGER NOT NULL
);
