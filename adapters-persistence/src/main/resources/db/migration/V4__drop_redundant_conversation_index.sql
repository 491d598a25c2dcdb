-- ix_conversations_owner (V1) is a prefix of ix_conversations_owner_recent (V3): every query it served,
-- the newer one serves. Dropping it saves one index write on every new conversation and on every
-- message (which moves its conversation's last_message_at).
DROP INDEX ix_conversations_owner;
