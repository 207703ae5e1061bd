-- InvitationKit schema, version 13, for SQLite: throttles shared by every instance on the database
-- (UseEntityFrameworkCoreRateLimiter). One row per rule and partition in its current fixed window: the partition is a
-- keyed hash (HMAC-SHA-256), never the actor, address or client it counts, and rows whose window has ended are deleted,
-- so the table holds the partitions active in the last window only. Runs once (recorded in invitationkit_schema_history).
CREATE TABLE IF NOT EXISTS invitationkit_rate_limits (
    operation INTEGER NOT NULL,
    partition_hash BLOB NOT NULL,
    window_end INTEGER NOT NULL,
    used INTEGER NOT NULL,
    granted INTEGER NOT NULL,
    PRIMARY KEY (operation, partition_hash)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ix_invitationkit_rate_limits_window_end ON invitationkit_rate_limits (window_end);
