-- InvitationKit schema, version 15, for PostgreSQL: options per invitation (rule 25). Each invitation keeps its own
-- lifetime (ticks; NULL: the deployment's InvitationLifetime, as for every invitation made before this version), the
-- host's metadata (a JSON object of strings; NULL: none), a return URL and a language (NULL: none); a membership keeps
-- the metadata of the invitation that created it. Nothing existing changes, and adding nullable columns rewrites no
-- row. Runs once (recorded in invitationkit_schema_history).
ALTER TABLE invitationkit_invitations ADD COLUMN IF NOT EXISTS lifetime bigint NULL;
ALTER TABLE invitationkit_invitations ADD COLUMN IF NOT EXISTS metadata text NULL;
ALTER TABLE invitationkit_invitations ADD COLUMN IF NOT EXISTS return_url varchar(2048) NULL;
ALTER TABLE invitationkit_invitations ADD COLUMN IF NOT EXISTS language varchar(35) NULL;
ALTER TABLE invitationkit_members ADD COLUMN IF NOT EXISTS metadata text NULL;
