-- A widget's keyring revision, raised by every saved change to its secrets, public keys or JWKS URL.
-- Nodes cache keyrings; a start-up checks the revision it verified with against this column inside its
-- transaction, so a rotation answered by one node is never undone by another node's cached copy.
ALTER TABLE widgets ADD COLUMN keyring_revision BIGINT DEFAULT 0 NOT NULL;
