-- InvitationKit schema, version 1, for PostgreSQL. Idempotent: safe to run again.
-- Instants are UTC ticks since the Unix epoch (100 ns units); statuses and kinds are the enum values.
CREATE TABLE IF NOT EXISTS invitationkit_invitations (
    id                  uuid         NOT NULL PRIMARY KEY,
    account_id          varchar(256) NOT NULL,
    product_id          varchar(256) NOT NULL,
    email               varchar(320) NOT NULL,
    email_key           varchar(320) NOT NULL,
    recipient_name      text         NULL,
    kind                integer      NOT NULL,
    user_id             varchar(256) NULL,
    roles               text         NOT NULL,
    grants_owner        boolean      NOT NULL,
    invited_by          varchar(256) NOT NULL,
    created_at          bigint       NOT NULL,
    expires_at          bigint       NOT NULL,
    status              integer      NOT NULL,
    secret_hash         bytea        NOT NULL,
    otp_hash            bytea        NULL,
    failed_otp_attempts integer      NOT NULL,
    delivery            integer      NOT NULL,
    send_count          integer      NOT NULL,
    resolved_at         bigint       NULL,
    resolved_by         varchar(256) NULL,
    revision            bigint       NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS ix_invitationkit_invitations_secret_hash ON invitationkit_invitations (secret_hash);
-- At most one invitation stored as pending per (account, mailbox); overdue ones are marked expired before a new insert.
CREATE UNIQUE INDEX IF NOT EXISTS ux_invitationkit_invitations_one_pending ON invitationkit_invitations (account_id, email_key) WHERE status = 0;
CREATE INDEX IF NOT EXISTS ix_invitationkit_invitations_email_status ON invitationkit_invitations (email_key, status);
CREATE INDEX IF NOT EXISTS ix_invitationkit_invitations_account_listing ON invitationkit_invitations (account_id, status, created_at);
CREATE INDEX IF NOT EXISTS ix_invitationkit_invitations_overdue ON invitationkit_invitations (status, expires_at);

CREATE TABLE IF NOT EXISTS invitationkit_members (
    account_id    varchar(256) NOT NULL,
    user_id       varchar(256) NOT NULL,
    roles         text         NOT NULL,
    is_owner      boolean      NOT NULL,
    joined_at     bigint       NOT NULL,
    invitation_id uuid         NULL,
    PRIMARY KEY (account_id, user_id)
);

CREATE TABLE IF NOT EXISTS invitationkit_active_accounts (
    user_id    varchar(256) NOT NULL,
    product_id varchar(256) NOT NULL,
    account_id varchar(256) NOT NULL,
    PRIMARY KEY (user_id, product_id)
);

CREATE TABLE IF NOT EXISTS invitationkit_account_locks (
    account_id varchar(256) NOT NULL PRIMARY KEY,
    version    bigint       NOT NULL
);
