-- InvitationKit schema, version 9, for PostgreSQL: invited users never block sign-up. A new-user invitation that ends
-- unaccepted (rejected, revoked, expired) is marked in the same write, until the kit has deleted the address's user
-- pending activation (unless another live invitation names the address); the expiry sweep finds the marked rows through
-- a partial index, so a release the process did not live to make is made later. Invitations that ended before this
-- version are marked too: the next sweeps release the users they left behind. Runs once (recorded in
-- invitationkit_schema_history).
ALTER TABLE invitationkit_invitations ADD COLUMN IF NOT EXISTS pending_user_release_due boolean NOT NULL DEFAULT FALSE;
UPDATE invitationkit_invitations SET pending_user_release_due = TRUE WHERE kind = 1 AND status IN (2, 3, 4);
CREATE INDEX IF NOT EXISTS ix_invitationkit_invitations_user_release
    ON invitationkit_invitations (resolved_at, id) WHERE pending_user_release_due;
