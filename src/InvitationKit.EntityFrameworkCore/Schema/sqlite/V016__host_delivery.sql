-- InvitationKit schema, version 16, for SQLite: invitations delivered by the host. A host-delivered invitation's link
-- was handed once to the owner or admin who made it, to deliver themselves; the kit never mails that link (a new user's
-- mail carries only the code, and a retry issues a fresh code and keeps the link's hash). Every earlier row was mailed.
-- Runs once (recorded in invitationkit_schema_history).
ALTER TABLE invitationkit_invitations ADD COLUMN host_delivered INTEGER NOT NULL DEFAULT 0;
