-- InvitationKit schema, version 14, for SQLite: each account's invitations counted by status, so a list page's total
-- reads a few counter rows instead of counting the account's invitations. invitationkit_invitation_counts holds, per
-- account, one row of status -1 with all its stored invitations and one row per terminal status (1 accepted, 2 rejected,
-- 3 revoked, 4 expired) with those stored in it; the invitations stored as pending are the first less the others.
-- Triggers keep the counts in the very transaction of each write, whoever writes.
-- Runs once (recorded in invitationkit_schema_history).
CREATE TABLE IF NOT EXISTS invitationkit_invitation_counts (
    account_id  TEXT    NOT NULL,
    status      INTEGER NOT NULL,
    invitations INTEGER NOT NULL,
    PRIMARY KEY (account_id, status)
) WITHOUT ROWID;

CREATE TRIGGER IF NOT EXISTS invitationkit_counts_invitation_inserted AFTER INSERT ON invitationkit_invitations
FOR EACH ROW
BEGIN
    INSERT INTO invitationkit_invitation_counts (account_id, status, invitations) VALUES (NEW.account_id, -1, 1)
    ON CONFLICT (account_id, status) DO UPDATE SET invitations = invitations + 1;
    INSERT INTO invitationkit_invitation_counts (account_id, status, invitations) SELECT NEW.account_id, NEW.status, 1 WHERE NEW.status <> 0
    ON CONFLICT (account_id, status) DO UPDATE SET invitations = invitations + 1;
END;

-- Only a change of status fires it: a delivery, resend or code attempt does not.
CREATE TRIGGER IF NOT EXISTS invitationkit_counts_invitation_status AFTER UPDATE OF status ON invitationkit_invitations
FOR EACH ROW WHEN OLD.status <> NEW.status
BEGIN
    UPDATE invitationkit_invitation_counts SET invitations = invitations - 1 WHERE account_id = OLD.account_id AND status = OLD.status AND OLD.status <> 0;
    INSERT INTO invitationkit_invitation_counts (account_id, status, invitations) SELECT NEW.account_id, NEW.status, 1 WHERE NEW.status <> 0
    ON CONFLICT (account_id, status) DO UPDATE SET invitations = invitations + 1;
END;

CREATE TRIGGER IF NOT EXISTS invitationkit_counts_invitation_deleted AFTER DELETE ON invitationkit_invitations
FOR EACH ROW
BEGIN
    UPDATE invitationkit_invitation_counts SET invitations = invitations - 1
    WHERE account_id = OLD.account_id AND (status = -1 OR (status = OLD.status AND OLD.status <> 0));
END;

-- The counts of the invitations that exist already.
INSERT INTO invitationkit_invitation_counts (account_id, status, invitations)
SELECT account_id, -1, COUNT(*) FROM invitationkit_invitations WHERE 1 GROUP BY account_id
UNION ALL SELECT account_id, status, COUNT(*) FROM invitationkit_invitations WHERE status <> 0 GROUP BY account_id, status
ON CONFLICT (account_id, status) DO UPDATE SET invitations = excluded.invitations;
