-- visitorauth schema, version 6: the workspace event log (spec sections 10 and 11), the one source of
-- the widget streams, the admin stream, gRPC WatchWorkspace and webhooks. Kept 24 hours.
--
-- Positions are per workspace, gap-free and in commit order: an append takes the next position from
-- the workspace's row in workspace_event_heads, whose row lock it holds until its transaction ends,
-- so the appends of one workspace commit one after the other in position order and a reader that
-- has seen position p never meets a later commit below p (docs/decisions.md, "Event log").
-- A rolled-back append gives its position back with the rollback.
CREATE TABLE workspace_event_heads (
    workspace_id   VARCHAR(64) NOT NULL,
    last_position  BIGINT      NOT NULL,
    CONSTRAINT pk_workspace_event_heads PRIMARY KEY (workspace_id)
);

-- audience_kind says which widget sessions see the event: every session of a user
-- (audience_id = user id), of a visitor (visitor id), one session (its token hash), or none
-- ('workspace': admin stream, WatchWorkspace and webhooks only). data is the event's JSON object.
-- The primary key serves "this workspace after position p"; the occurred_at index the retention.
CREATE TABLE workspace_events (
    workspace_id   VARCHAR(64)   NOT NULL,
    position       BIGINT        NOT NULL,
    event_type     VARCHAR(64)   NOT NULL,
    occurred_at    BIGINT        NOT NULL,
    audience_kind  VARCHAR(16)   NOT NULL,
    audience_id    VARCHAR(64),
    data           VARCHAR(65536) NOT NULL,
    CONSTRAINT pk_workspace_events PRIMARY KEY (workspace_id, position),
    CONSTRAINT ck_workspace_events_audience CHECK (
        (audience_kind = 'workspace' AND audience_id IS NULL)
        OR (audience_kind IN ('user', 'visitor', 'session') AND audience_id IS NOT NULL))
);

CREATE INDEX ix_workspace_events_occurred_at ON workspace_events (occurred_at);
