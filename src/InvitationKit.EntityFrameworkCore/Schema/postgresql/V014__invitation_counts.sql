-- InvitationKit schema, version 14, for PostgreSQL: each account's invitations counted by status, so a list page's total
-- reads a few counter rows instead of counting the account's invitations (at a million rows the COUNT was the page's
-- cost). invitationkit_invitation_counts holds, per account, one row of status -1 with all its stored invitations and
-- one row per terminal status (1 accepted, 2 rejected, 3 revoked, 4 expired) with those stored in it; the invitations
-- stored as pending are the first less the others. Invites add to the -1 row and status changes to a terminal row, so an
-- accept never waits for an invite on a counter row (two accepts of one account wait for each other's commit on theirs).
-- Triggers keep the counts in the very transaction of each write, whoever writes; they are created before the counts
-- are computed and lock the invitations until this script commits, so writes made meanwhile are counted once.
-- Runs once (recorded in invitationkit_schema_history).
CREATE TABLE IF NOT EXISTS invitationkit_invitation_counts (
    account_id  varchar(256) NOT NULL,
    status      integer      NOT NULL,
    invitations bigint       NOT NULL,
    PRIMARY KEY (account_id, status)
);

-- A batch's invitations are counted once per statement and account, not once per row.
CREATE OR REPLACE FUNCTION invitationkit_counts_of_inserted_invitations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO invitationkit_invitation_counts AS c (account_id, status, invitations)
    SELECT account_id, -1, COUNT(*) FROM inserted GROUP BY account_id
    UNION ALL SELECT account_id, status, COUNT(*) FROM inserted WHERE status <> 0 GROUP BY account_id, status
    ORDER BY 1, 2
    ON CONFLICT (account_id, status) DO UPDATE SET invitations = c.invitations + EXCLUDED.invitations;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION invitationkit_count_status_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status <> 0 THEN
        UPDATE invitationkit_invitation_counts SET invitations = invitations - 1 WHERE account_id = OLD.account_id AND status = OLD.status;
    END IF;
    IF NEW.status <> 0 THEN
        INSERT INTO invitationkit_invitation_counts AS c (account_id, status, invitations) VALUES (NEW.account_id, NEW.status, 1)
        ON CONFLICT (account_id, status) DO UPDATE SET invitations = c.invitations + 1;
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION invitationkit_counts_of_deleted_invitations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE invitationkit_invitation_counts c SET invitations = c.invitations - gone.invitations
    FROM (SELECT account_id, -1 AS status, COUNT(*) AS invitations FROM deleted GROUP BY account_id
          UNION ALL SELECT account_id, status, COUNT(*) FROM deleted WHERE status <> 0 GROUP BY account_id, status) gone
    WHERE c.account_id = gone.account_id AND c.status = gone.status;
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS invitationkit_counts_invitations_inserted ON invitationkit_invitations;
CREATE TRIGGER invitationkit_counts_invitations_inserted AFTER INSERT ON invitationkit_invitations
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION invitationkit_counts_of_inserted_invitations();

-- Only a change of status fires it: a delivery, resend or code attempt does not.
DROP TRIGGER IF EXISTS invitationkit_counts_invitation_status ON invitationkit_invitations;
CREATE TRIGGER invitationkit_counts_invitation_status AFTER UPDATE OF status ON invitationkit_invitations
    FOR EACH ROW WHEN (OLD.status <> NEW.status) EXECUTE FUNCTION invitationkit_count_status_changed();

DROP TRIGGER IF EXISTS invitationkit_counts_invitations_deleted ON invitationkit_invitations;
CREATE TRIGGER invitationkit_counts_invitations_deleted AFTER DELETE ON invitationkit_invitations
    REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION invitationkit_counts_of_deleted_invitations();

-- The counts of the invitations that exist already.
INSERT INTO invitationkit_invitation_counts AS c (account_id, status, invitations)
SELECT account_id, -1, COUNT(*) FROM invitationkit_invitations GROUP BY account_id
UNION ALL SELECT account_id, status, COUNT(*) FROM invitationkit_invitations WHERE status <> 0 GROUP BY account_id, status
ON CONFLICT (account_id, status) DO UPDATE SET invitations = EXCLUDED.invitations;
