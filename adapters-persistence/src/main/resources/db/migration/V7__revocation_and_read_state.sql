-- visitorauth schema, version 7: revocation and read state (spec sections 10 and 14), and agent names.

-- "Sign out everywhere": the user's visitor tokens issued before this time (microseconds) are
-- refused with token_revoked. NULL: never revoked. Erasure deletes it with the users row.
ALTER TABLE users ADD COLUMN token_cutoff_at BIGINT;

-- Read state per conversation (a conversation has one owner, so it is the owner's on every
-- device). unreadCount = agent_message_count - read_agent_count: two counters on the row, so a
-- conversation list reads no messages for it. The marker is the message read up to, at
-- (read_at, read_seq) in the messages' order; read_agent_count counts the agent messages at or
-- before it.
ALTER TABLE conversations ADD COLUMN agent_message_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN read_message_id VARCHAR(64);
ALTER TABLE conversations ADD COLUMN read_at BIGINT;
ALTER TABLE conversations ADD COLUMN read_seq BIGINT;
ALTER TABLE conversations ADD COLUMN read_agent_count INTEGER NOT NULL DEFAULT 0;

UPDATE conversations SET agent_message_count = (SELECT COUNT(*) FROM messages m
    WHERE m.workspace_id = conversations.workspace_id AND m.conversation_id = conversations.conversation_id
      AND m.author = 'agent');

-- The name an agent signed a reply with: at most 80 code points (twice that for H2's UTF-16 count).
ALTER TABLE messages ADD COLUMN agent_name VARCHAR(160);
