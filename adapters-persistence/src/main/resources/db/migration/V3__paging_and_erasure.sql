-- visitorauth schema, version 3: keyset paging and erasure (spec sections 8 and 14).
--
-- A message is at most 10,000 code points; H2 counts UTF-16 chars, so the column holds twice
-- that (V1's comment: text columns are twice the domain limit).
ALTER TABLE messages ALTER COLUMN body SET DATA TYPE VARCHAR(20000);

-- Keyset pages of an owner's conversations, newest activity first (ties by id), and in creation
-- order for exports.
CREATE INDEX ix_conversations_owner_recent
    ON conversations (workspace_id, owner_kind, owner_id, last_message_at DESC, conversation_id DESC);
CREATE INDEX ix_conversations_owner_created
    ON conversations (workspace_id, owner_kind, owner_id, created_at, conversation_id);

-- Keyset pages of a user's visitors, most recently seen first (ties by id); creation order is
-- served by ix_visitors_user.
CREATE INDEX ix_visitors_user_recent ON visitors (workspace_id, user_id, last_seen_at DESC, visitor_id DESC);
