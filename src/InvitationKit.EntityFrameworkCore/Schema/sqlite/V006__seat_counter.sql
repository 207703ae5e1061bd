-- InvitationKit schema, version 6, for SQLite: an account's seats as a counter on its lock row, so counting them never
-- reads the account's members or invitations. stored_seats = members + invitations stored as pending (live or overdue);
-- the seats occupied now are stored_seats less the overdue ones still stored as pending, a range of the partial index
-- ix_invitationkit_invitations_pending_seats that the sweep keeps short.
-- Triggers keep the counter in the very transaction of each write, whoever writes. An acceptance turns a pending seat
-- into a member's (its membership carries the invitation id), so it leaves the counter, and the lock row, alone.
-- Runs once (recorded in invitationkit_schema_history).
ALTER TABLE invitationkit_account_locks ADD COLUMN stored_seats INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER IF NOT EXISTS invitationkit_seats_invitation_inserted AFTER INSERT ON invitationkit_invitations
FOR EACH ROW WHEN NEW.status = 0
BEGIN
    INSERT INTO invitationkit_account_locks (account_id, version, stored_seats) VALUES (NEW.account_id, 1, 1)
    ON CONFLICT (account_id) DO UPDATE SET stored_seats = stored_seats + 1;
END;

-- Rejected, revoked or expired (1 = accepted keeps its seat, as the member's).
CREATE TRIGGER IF NOT EXISTS invitationkit_seats_invitation_resolved AFTER UPDATE OF status ON invitationkit_invitations
FOR EACH ROW WHEN OLD.status = 0 AND NEW.status NOT IN (0, 1)
BEGIN
    UPDATE invitationkit_account_locks SET stored_seats = stored_seats - 1 WHERE account_id = OLD.account_id;
END;

CREATE TRIGGER IF NOT EXISTS invitationkit_seats_invitation_deleted AFTER DELETE ON invitationkit_invitations
FOR EACH ROW WHEN OLD.status = 0
BEGIN
    UPDATE invitationkit_account_locks SET stored_seats = stored_seats - 1 WHERE account_id = OLD.account_id;
END;

-- Founding owners and imported members; an accepted invitation's member already holds its seat.
CREATE TRIGGER IF NOT EXISTS invitationkit_seats_member_inserted AFTER INSERT ON invitationkit_members
FOR EACH ROW WHEN NEW.invitation_id IS NULL
BEGIN
    INSERT INTO invitationkit_account_locks (account_id, version, stored_seats) VALUES (NEW.account_id, 1, 1)
    ON CONFLICT (account_id) DO UPDATE SET stored_seats = stored_seats + 1;
END;

CREATE TRIGGER IF NOT EXISTS invitationkit_seats_member_deleted AFTER DELETE ON invitationkit_members
FOR EACH ROW
BEGIN
    UPDATE invitationkit_account_locks SET stored_seats = stored_seats - 1 WHERE account_id = OLD.account_id;
END;

-- The counters of the accounts that exist already.
INSERT INTO invitationkit_account_locks (account_id, version, stored_seats)
SELECT account_id, 1, 0 FROM invitationkit_members WHERE 1
UNION SELECT account_id, 1, 0 FROM invitationkit_invitations WHERE status = 0
ON CONFLICT (account_id) DO NOTHING;

UPDATE invitationkit_account_locks SET stored_seats =
    (SELECT COUNT(*) FROM invitationkit_members m WHERE m.account_id = invitationkit_account_locks.account_id)
    + (SELECT COUNT(*) FROM invitationkit_invitations i WHERE i.account_id = invitationkit_account_locks.account_id AND i.status = 0);
