-- InvitationKit schema, version 6, for PostgreSQL: an account's seats as a counter on its lock row, so counting them
-- never reads the account's members or invitations. stored_seats = members + invitations stored as pending (live or
-- overdue); the seats occupied now are stored_seats less the overdue ones still stored as pending, a range of the
-- partial index ix_invitationkit_invitations_pending_seats that the sweep keeps short.
-- Triggers keep the counter in the very transaction of each write, whoever writes; a change to the counter locks the
-- account's row, as an invite does. An acceptance turns a pending seat into a member's (its membership carries the
-- invitation id), so it leaves the counter, and the lock row, alone: accepts never wait for invites.
-- The triggers are created before the counters are computed: they lock both tables until this script commits.
-- Runs once (recorded in invitationkit_schema_history).
ALTER TABLE invitationkit_account_locks ADD COLUMN IF NOT EXISTS stored_seats bigint NOT NULL DEFAULT 0;

-- A batch's invitations are counted once per statement, not once per row.
CREATE OR REPLACE FUNCTION invitationkit_seats_of_inserted_invitations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO invitationkit_account_locks AS l (account_id, version, stored_seats)
    SELECT account_id, 1, COUNT(*) FROM inserted WHERE status = 0 GROUP BY account_id ORDER BY account_id
    ON CONFLICT (account_id) DO UPDATE SET stored_seats = l.stored_seats + EXCLUDED.stored_seats;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION invitationkit_seat_taken() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO invitationkit_account_locks AS l (account_id, version, stored_seats) VALUES (NEW.account_id, 1, 1)
    ON CONFLICT (account_id) DO UPDATE SET stored_seats = l.stored_seats + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION invitationkit_seat_freed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE invitationkit_account_locks SET stored_seats = stored_seats - 1 WHERE account_id = OLD.account_id;
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS invitationkit_seats_invitations_inserted ON invitationkit_invitations;
CREATE TRIGGER invitationkit_seats_invitations_inserted AFTER INSERT ON invitationkit_invitations
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION invitationkit_seats_of_inserted_invitations();

-- Rejected, revoked or expired (1 = accepted keeps its seat, as the member's).
DROP TRIGGER IF EXISTS invitationkit_seats_invitation_resolved ON invitationkit_invitations;
CREATE TRIGGER invitationkit_seats_invitation_resolved AFTER UPDATE OF status ON invitationkit_invitations
    FOR EACH ROW WHEN (OLD.status = 0 AND NEW.status NOT IN (0, 1)) EXECUTE FUNCTION invitationkit_seat_freed();

DROP TRIGGER IF EXISTS invitationkit_seats_invitation_deleted ON invitationkit_invitations;
CREATE TRIGGER invitationkit_seats_invitation_deleted AFTER DELETE ON invitationkit_invitations
    FOR EACH ROW WHEN (OLD.status = 0) EXECUTE FUNCTION invitationkit_seat_freed();

-- Founding owners and imported members; an accepted invitation's member already holds its seat.
DROP TRIGGER IF EXISTS invitationkit_seats_member_inserted ON invitationkit_members;
CREATE TRIGGER invitationkit_seats_member_inserted AFTER INSERT ON invitationkit_members
    FOR EACH ROW WHEN (NEW.invitation_id IS NULL) EXECUTE FUNCTION invitationkit_seat_taken();

DROP TRIGGER IF EXISTS invitationkit_seats_member_deleted ON invitationkit_members;
CREATE TRIGGER invitationkit_seats_member_deleted AFTER DELETE ON invitationkit_members
    FOR EACH ROW EXECUTE FUNCTION invitationkit_seat_freed();

-- The counters of the accounts that exist already.
INSERT INTO invitationkit_account_locks (account_id, version, stored_seats)
SELECT account_id, 1, 0 FROM invitationkit_members
UNION SELECT account_id, 1, 0 FROM invitationkit_invitations WHERE status = 0
ON CONFLICT (account_id) DO NOTHING;

UPDATE invitationkit_account_locks l SET stored_seats =
    (SELECT COUNT(*) FROM invitationkit_members m WHERE m.account_id = l.account_id)
    + (SELECT COUNT(*) FROM invitationkit_invitations i WHERE i.account_id = l.account_id AND i.status = 0);
