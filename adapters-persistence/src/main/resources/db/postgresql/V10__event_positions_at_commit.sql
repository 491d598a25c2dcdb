-- visitorauth schema, version 10, PostgreSQL only (JdbcPersistence.migrate adds this location on
-- PostgreSQL; H2 keeps the append of V6 as it is): an event's position is given at commit.
--
-- V6 gave an append its position when it was written, under the workspace's head row lock, held
-- from there to the end of the transaction: every event-writing transaction of a workspace waited
-- for the one before it to finish its later statements and its commit's round trip. Measured on
-- session starts (docs/performance.md, issue 12) that lock queue was where a start spent most of
-- its time. Now an append inserts its event with a provisional negative position (unique, from
-- workspace_event_provisional), and a deferred constraint trigger gives it the workspace's next
-- position while the transaction commits: the head row is locked from there to the end of the
-- commit, inside the server, with no round trip to the client in between.
--
-- What V6 promised still holds: positions are per workspace, gap-free, and in commit order (the
-- next position is taken under the head row's lock, which is released when the commit ends), and
-- a rolled-back transaction neither takes a position nor leaves a row. A reader sees only
-- committed events, which all have their final, positive positions. The trigger also sends the
-- pg_notify that the append used to send as a statement of its own (delivered at commit, and once
-- per workspace and transaction, as before).
CREATE SEQUENCE workspace_event_provisional;

CREATE FUNCTION visitorauth_position_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    next_position BIGINT;
BEGIN
    INSERT INTO workspace_event_heads AS h (workspace_id, last_position) VALUES (NEW.workspace_id, 1)
        ON CONFLICT (workspace_id) DO UPDATE SET last_position = h.last_position + 1
        RETURNING h.last_position INTO next_position;
    UPDATE workspace_events SET position = next_position
        WHERE workspace_id = NEW.workspace_id AND position = NEW.position;
    PERFORM pg_notify('visitorauth_events', NEW.workspace_id);
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER tg_workspace_events_position AFTER INSERT ON workspace_events
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (NEW.position < 0)
    EXECUTE FUNCTION visitorauth_position_event();
