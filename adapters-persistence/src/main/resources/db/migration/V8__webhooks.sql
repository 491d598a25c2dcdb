-- visitorauth schema, version 8: webhooks (spec sections 11 and 14). The event log (V6) is the
-- outbox: each endpoint remembers the last event position of its workspace it was given
-- (event_position); the worker reads the log past it and queues one delivery per subscribed
-- event, in the transaction that moves the position, under the endpoint's row lock.

-- event_types: the subscribed wire names, comma-separated. sealed_secret: the whsec_ secret sealed
-- like widget secrets (nonce || AES-256-GCM ciphertext and tag, bound to the endpoint id).
-- failing_since: the first failed attempt since the last success (NULL: not failing).
-- disabled_at and disabled_reason: set together when it failed for 3 days; a PATCH clears them.
CREATE TABLE webhook_endpoints (
    workspace_id     VARCHAR(64)   NOT NULL,
    endpoint_id      VARCHAR(64)   NOT NULL,
    url              VARCHAR(2048) NOT NULL,
    event_types      VARCHAR(1024) NOT NULL,
    sealed_secret    BYTEA         NOT NULL,
    created_at       BIGINT        NOT NULL,
    event_position   BIGINT        NOT NULL,
    failing_since    BIGINT,
    disabled_at      BIGINT,
    disabled_reason  VARCHAR(500),
    CONSTRAINT pk_webhook_endpoints PRIMARY KEY (workspace_id, endpoint_id),
    CONSTRAINT fk_webhook_endpoints_workspace FOREIGN KEY (workspace_id) REFERENCES workspaces (workspace_id),
    CONSTRAINT ck_webhook_endpoints_disabled CHECK ((disabled_at IS NULL AND disabled_reason IS NULL)
        OR (disabled_at IS NOT NULL AND disabled_reason IS NOT NULL))
);

-- One event sent to one endpoint, with a copy of the body every attempt sends (the event log keeps
-- events 24 hours only). status: pending | delivered | failed. A pending delivery is due at
-- next_attempt_at; a worker claims it by setting claim_token and claim_until, and records its
-- attempt only while the claim is its own; a claim past claim_until (a node that died) is taken
-- again. At most one delivery per event and endpoint.
CREATE TABLE webhook_deliveries (
    workspace_id     VARCHAR(64)    NOT NULL,
    endpoint_id      VARCHAR(64)    NOT NULL,
    delivery_id      VARCHAR(64)    NOT NULL,
    event_position   BIGINT         NOT NULL,
    event_type       VARCHAR(64)    NOT NULL,
    body             VARCHAR(70000) NOT NULL,
    queued_at        BIGINT         NOT NULL,
    status           VARCHAR(16)    NOT NULL,
    attempts         INTEGER        NOT NULL,
    next_attempt_at  BIGINT,
    last_attempt_at  BIGINT,
    response_status  INTEGER,
    duration_ms      BIGINT,
    claim_token      VARCHAR(64),
    claim_until      BIGINT,
    CONSTRAINT pk_webhook_deliveries PRIMARY KEY (workspace_id, endpoint_id, delivery_id),
    CONSTRAINT uq_webhook_deliveries_event UNIQUE (workspace_id, endpoint_id, event_position),
    CONSTRAINT fk_webhook_deliveries_endpoint FOREIGN KEY (workspace_id, endpoint_id)
        REFERENCES webhook_endpoints (workspace_id, endpoint_id) ON DELETE CASCADE,
    CONSTRAINT ck_webhook_deliveries_status CHECK (
        (status = 'pending' AND next_attempt_at IS NOT NULL)
        OR (status IN ('delivered', 'failed') AND next_attempt_at IS NULL))
);

-- The workers' "what is due" and the delivery log's newest-first pages.
CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX ix_webhook_deliveries_log ON webhook_deliveries (workspace_id, endpoint_id, queued_at, delivery_id);
-- The week-old finished deliveries the worker deletes.
CREATE INDEX ix_webhook_deliveries_queued_at ON webhook_deliveries (queued_at);
