-- InvitationKit schema, version 17, for PostgreSQL: notices to inviters (rules 22 and 23) and reminders. The invitation
-- row carries its notice's outbox columns, as it carries its mail's: the notice is queued in the write that causes it
-- (a request for a new invitation, a reminder), claimed by compare-and-swap on the revision, and found due through a
-- partial index. new_invitation_requested_at and reminded_at make each at most once per invitation.
-- Runs once (recorded in invitationkit_schema_history).
ALTER TABLE invitationkit_invitations ADD COLUMN IF NOT EXISTS notice_kind integer NULL;
ALTER TABLE invitationkit_invitations ADD COLUMN IF NOT EXISTS notice_due_at bigint NULL;
ALTER TABLE invitationkit_invitations ADD COLUMN IF NOT EXISTS notice_attempts integer NOT NULL DEFAULT 0;
ALTER TABLE invitationkit_invitations ADD COLUMN IF NOT EXISTS new_invitation_requested_at bigint NULL;
ALTER TABLE invitationkit_invitations ADD COLUMN IF NOT EXISTS reminded_at bigint NULL;
CREATE INDEX IF NOT EXISTS ix_invitationkit_invitations_notices
    ON invitationkit_invitations (notice_due_at) WHERE notice_due_at IS NOT NULL;
