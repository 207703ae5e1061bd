-- InvitationKit schema, version 12, for PostgreSQL: each account's email domain policy. A row per domain, as an
-- address's key has it (IDN as ASCII, lowercase): kind 0 allows invitations to the domain, kind 1 also makes the account
-- joinable by the domain's verified users, found through a partial index of the verified rows. Runs once (recorded in
-- invitationkit_schema_history).
CREATE TABLE IF NOT EXISTS invitationkit_email_domains (
    account_id varchar(256) NOT NULL,
    domain     varchar(253) NOT NULL,
    kind       integer      NOT NULL,
    PRIMARY KEY (account_id, domain)
);
CREATE INDEX IF NOT EXISTS ix_invitationkit_email_domains_verified ON invitationkit_email_domains (domain) WHERE kind = 1;
