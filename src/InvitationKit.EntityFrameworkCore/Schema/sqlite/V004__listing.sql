-- InvitationKit schema, version 4: list pages that cost O(page). An account's invitations are listed newest first, ties
-- broken by id; both indexes hold that order, so a page (by offset, or after a continuation token) reads a range of an
-- index instead of sorting the account's rows: all of them, or those of one stored status.
-- Runs once (recorded in invitationkit_schema_history).
DROP INDEX IF EXISTS ix_invitationkit_invitations_account_listing;
CREATE INDEX IF NOT EXISTS ix_invitationkit_invitations_account_listing
    ON invitationkit_invitations (account_id, status, created_at, id);
CREATE INDEX IF NOT EXISTS ix_invitationkit_invitations_account_recent
    ON invitationkit_invitations (account_id, created_at, id);
