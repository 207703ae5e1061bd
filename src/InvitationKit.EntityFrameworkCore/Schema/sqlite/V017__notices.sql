-- InvitationKit schema, version 17, for SQLite: notices to inviters (rules 22 and 23) and reminders. The invitation row
-- carries its notice's outbox columns, as it carries its mail's: the notice is queued in the write that causes it (a
-- request for a new invitation, a reminder), claimed by compare-and-swap on the revision, and found due through a
-- partial index. new_invitation_requested_at and reminded_at make each at most once per invitation.
-- Runs once (recorded in invitationkit_schema_history).
ALTER TABLE invitationkit_invitations ADD COLUMN notice_kind INTEGER NULL;
ALTER TABLE invitationkit_invitations ADD COLUMN notice_due_at INTEGER NULL;
ALTER TABLE invitationkit_invitations ADD COLUMN notice_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE invitationkit_invitations ADD COLUMN new_invitation_requested_at INTEGER NULL;
ALTER TABLE invitationkit_invitations ADD COLUMN reminded_at INTEGER NULL;
CREATE INDEX IF NOT EXISTS ix_invitationkit_invitations_notices
    ON invitationkit_invitations (notice_due_at) WHERE notice_due_at IS NOT NULL;
