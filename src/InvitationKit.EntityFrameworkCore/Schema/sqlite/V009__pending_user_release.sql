-- InvitationKit schema, version 9, for SQLite: invited users never block sign-up. A new-user invitation that ends
-- unaccepted (rejected, revoked, expired) is marked in the same write, until the kit has deleted the address's user
-- pending activation (unless another live invitation names the address); the expiry sweep finds the marked rows through
-- a partial index, so a release the process did not live to make is made later. Invitations that ended before this
-- version are marked too: the next sweeps release the users they left behind. Runs once (recorded in
-- invitationkit_schema_history).
ALTER TABLE invitationkit_invitations ADD COLUMN pending_user_release_due INTEGER NOT NULL DEFAULT 0;
UPDATE invitationkit_invitations SET pending_user_release_due = 1 WHERE kind = 1 AND status IN (2, 3, 4);
CREATE INDEX IF NOT EXISTS ix_invitationkit_invitations_user_release
    ON invitationkit_invitations (resolved_at, id) WHERE pending_user_release_due;
