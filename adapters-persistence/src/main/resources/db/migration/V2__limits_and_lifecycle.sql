-- visitorauth schema, version 2: request limits and the data-lifecycle job (spec section 8).

-- Request-limit counters in fixed windows, per limit (new_visitors, conversations, messages) and
-- key. key_hash = SHA-256 (hex) of the key the service chose (widget and client address, owner of
-- conversations, session): addresses are not kept in clear. Not keyed by workspace: one small row
-- per active key, deleted by the lifecycle job once its window ended.
CREATE TABLE rate_limits (
    limit_name    VARCHAR(32) NOT NULL,
    key_hash      VARCHAR(64) NOT NULL,
    window_start  BIGINT      NOT NULL,
    hits          INTEGER     NOT NULL,
    CONSTRAINT pk_rate_limits PRIMARY KEY (limit_name, key_hash)
);
CREATE INDEX ix_rate_limits_window ON rate_limits (limit_name, window_start);

-- What the lifecycle job looks for, across workspaces.
CREATE INDEX ix_sessions_expiry ON sessions (expires_at);
CREATE INDEX ix_consumed_token_ids_expiry_all ON consumed_token_ids (expires_at);
CREATE INDEX ix_visitors_last_seen ON visitors (last_seen_at);
CREATE INDEX ix_auth_failures_at ON auth_failures (at);
