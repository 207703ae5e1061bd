-- InvitationKit schema, version 2, for SQLite: key ids beside hashes (key rotation), when secrets were issued (OTP
-- lifetime, resend cooldown), activation claims, and the per-address OTP failure budget. No display names or
-- per-invitation attempt counters are kept any more. Runs once (recorded in invitationkit_schema_history).
ALTER TABLE invitationkit_invitations ADD COLUMN key_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE invitationkit_invitations ADD COLUMN issued_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE invitationkit_invitations ADD COLUMN activation_claimed_at INTEGER NULL;
UPDATE invitationkit_invitations SET issued_at = created_at;
ALTER TABLE invitationkit_invitations DROP COLUMN recipient_name;
ALTER TABLE invitationkit_invitations DROP COLUMN failed_otp_attempts;

CREATE TABLE IF NOT EXISTS invitationkit_otp_failures (
    email_key    TEXT    NOT NULL PRIMARY KEY,
    window_start INTEGER NOT NULL,
    in_window    INTEGER NOT NULL,
    total        INTEGER NOT NULL
);
