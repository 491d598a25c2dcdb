-- visitorauth schema, version 9: coverage counters, the failure-spike alert, API key rotation and
-- the workspace-wide lists (spec sections 11 and 14).

-- Start-ups per widget and hour (microseconds of the hour's start, UTC), origin bucket (a listed
-- origin, 'other' or 'none'), outcome and code ('' when the outcome has none). Each start-up adds
-- one in its own transaction (a refused one in a small transaction of its own); never computed
-- from sessions. Kept 720 hours by the lifecycle job.
CREATE TABLE startup_counters (
    workspace_id  VARCHAR(64)   NOT NULL,
    widget_id     VARCHAR(64)   NOT NULL,
    hour_start    BIGINT        NOT NULL,
    origin        VARCHAR(2048) NOT NULL,
    outcome       VARCHAR(16)   NOT NULL,
    code          VARCHAR(32)   NOT NULL,
    starts        BIGINT        NOT NULL,
    CONSTRAINT pk_startup_counters PRIMARY KEY (workspace_id, widget_id, hour_start, origin, outcome, code),
    CONSTRAINT ck_startup_counters_outcome CHECK (outcome IN ('authenticated', 'anonymous', 'observed_invalid', 'refused'))
);
CREATE INDEX ix_startup_counters_hour ON startup_counters (hour_start);

-- When a widget last raised widget.auth_failures_spiked: at most once an hour, across nodes.
CREATE TABLE failure_spike_alerts (
    workspace_id   VARCHAR(64) NOT NULL,
    widget_id      VARCHAR(64) NOT NULL,
    last_alert_at  BIGINT      NOT NULL,
    CONSTRAINT pk_failure_spike_alerts PRIMARY KEY (workspace_id, widget_id)
);

-- API key rotation: the key a rotation replaced, valid until previous_key_valid_until
-- (microseconds); both NULL when there is none. One previous key: the next rotation overwrites it.
ALTER TABLE workspaces ADD COLUMN previous_api_key_hash VARCHAR(64);
ALTER TABLE workspaces ADD COLUMN previous_key_valid_until BIGINT;

-- The widget list, newest first: a range scan from the cursor.
CREATE INDEX ix_widgets_recent ON widgets (workspace_id, created_at DESC, widget_id DESC);

-- The agent inbox, newest activity first, across owners or by owner kind: a range scan from the
-- cursor (ix_conversations_owner_recent has owner_id before the time, so it cannot serve these).
CREATE INDEX ix_conversations_recent ON conversations (workspace_id, last_message_at DESC, conversation_id DESC);
CREATE INDEX ix_conversations_kind_recent
    ON conversations (workspace_id, owner_kind, last_message_at DESC, conversation_id DESC);
