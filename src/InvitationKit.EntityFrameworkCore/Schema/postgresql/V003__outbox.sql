-- InvitationKit schema, version 3, for PostgreSQL: the outbox. Each invitation row carries its own delivery schedule
-- (attempts of the current send, and when the next one is due: a retry, or the end of a send's lease), so a batch and
-- its mail commit in one transaction and the dispatcher finds what is due through a partial index. Pending invitations
-- that an earlier version stored but never mailed (delivery 0 = NotSent) become due at once. Idempotent.
ALTER TABLE invitationkit_invitations ADD COLUMN IF NOT EXISTS delivery_attempts integer NOT NULL DEFAULT 1;
ALTER TABLE invitationkit_invitations ADD COLUMN IF NOT EXISTS next_delivery_at bigint NULL;
UPDATE invitationkit_invitations SET next_delivery_at = created_at WHERE status = 0 AND delivery = 0 AND next_delivery_at IS NULL;
CREATE INDEX IF NOT EXISTS ix_invitationkit_invitations_outbox
    ON invitationkit_invitations (next_delivery_at) WHERE status = 0 AND next_delivery_at IS NOT NULL;
-- Seat counting reads a range of this partial index (an account's pending invitations by expiry), not the account's rows.
CREATE INDEX IF NOT EXISTS ix_invitationkit_invitations_pending_seats
    ON invitationkit_invitations (account_id, expires_at) WHERE status = 0;
