-- InvitationKit schema, version 15, for SQLite: options per invitation (rule 25). Each invitation keeps its own lifetime
-- (ticks; NULL: the deployment's InvitationLifetime, as for every invitation made before this version), the host's
-- metadata (a JSON object of strings; NULL: none), a return URL and a language (NULL: none); a membership keeps the
-- metadata of the invitation that created it. Nothing existing changes. Runs once (recorded in invitationkit_schema_history).
ALTER TABLE invitationkit_invitations ADD COLUMN lifetime INTEGER NULL;
ALTER TABLE invitationkit_invitations ADD COLUMN metadata TEXT NULL;
ALTER TABLE invitationkit_invitations ADD COLUMN return_url TEXT NULL;
ALTER TABLE invitationkit_invitations ADD COLUMN language TEXT NULL;
ALTER TABLE invitationkit_members ADD COLUMN metadata TEXT NULL;
