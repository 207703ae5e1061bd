-- InvitationKit schema, version 8, for PostgreSQL: each address's OTP failure budget remembers its last reserved
-- attempt, the keyed hash (HMAC-SHA-256) of the address and the presented code, which reveals nothing about the code.
-- A retry of that attempt after a lost reply is not counted again, and its release returns it once. Existing rows
-- start with none. Runs once (recorded in invitationkit_schema_history).
ALTER TABLE invitationkit_otp_failures ADD COLUMN IF NOT EXISTS last_attempt bytea NULL;
