-- InvitationKit schema, version 2, for PostgreSQL: key ids beside hashes (key rotation), when secrets were issued (OTP
-- lifetime, resend cooldown), activation claims, and the per-address OTP failure budget. No display names or
-- per-invitation attempt counters are kept any more. Idempotent: safe to run again.
ALTER TABLE invitationkit_invitations ADD COLUMN IF NOT EXISTS key_id integer NOT NULL DEFAULT 0;
ALTER TABLE invitationkit_invitations ADD COLUMN IF NOT EXISTS issued_at bigint NULL;
ALTER TABLE invitationkit_invitations ADD COLUMN IF NOT EXISTS activation_claimed_at bigint NULL;
UPDATE invitationkit_invitations SET issued_at = created_at WHERE issued_at IS NULL;
ALTER TABLE invitationkit_invitations ALTER COLUMN issued_at SET NOT NULL;
ALTER TABLE invitationkit_invitations DROP COLUMN IF EXISTS recipient_name;
ALTER TABLE invitationkit_invitations DROP COLUMN IF EXISTS failed_otp_attempts;

CREATE TABLE IF NOT EXISTS invitationkit_otp_failures (
    email_key    varchar(320) NOT NULL PRIMARY KEY,
    window_start bigint       NOT NULL,
    in_window    integer      NOT NULL,
    total        integer      NOT NULL
);
