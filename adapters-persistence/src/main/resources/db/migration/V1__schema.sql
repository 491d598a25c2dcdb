-- visitorauth schema, version 1. Runs unchanged on PostgreSQL 15-17 and on H2 in MODE=PostgreSQL.
-- Text columns are twice the domain limit (which counts code points): H2 counts UTF-16 chars.
--
-- Conventions:
--  * Every table but widget_directory and failure_rate_limits starts its primary key with
--    workspace_id, so the schema can be distributed by workspace (Citus, YugabyteDB);
--    no statement touches two workspaces.
--  * Times are BIGINT microseconds since 1970-01-01T00:00:00Z (columns named *_at): exact on
--    both databases, no time-zone conversions. Instants are truncated to microseconds on write.
--  * Session tokens and API keys are stored only as SHA-256 hashes; widget secrets only sealed
--    with AES-256-GCM under the master key.

CREATE TABLE workspaces (
    workspace_id  VARCHAR(64)  NOT NULL,
    name          VARCHAR(200) NOT NULL,
    api_key_hash  VARCHAR(64)  NOT NULL,
    created_at    BIGINT       NOT NULL,
    CONSTRAINT pk_workspaces PRIMARY KEY (workspace_id)
);

-- The one lookup by public widget id alone (the widget's page knows only that id).
-- Small, replicated to every node when distributed (a reference table).
CREATE TABLE widget_directory (
    widget_id     VARCHAR(64) NOT NULL,
    workspace_id  VARCHAR(64) NOT NULL,
    CONSTRAINT pk_widget_directory PRIMARY KEY (widget_id)
);

CREATE TABLE widgets (
    workspace_id           VARCHAR(64)  NOT NULL,
    widget_id              VARCHAR(64)  NOT NULL,
    name                   VARCHAR(200) NOT NULL,
    auth_mode              VARCHAR(16)  NOT NULL,
    max_token_lifetime_ms  BIGINT       NOT NULL,
    clock_skew_ms          BIGINT       NOT NULL,
    require_jti            BOOLEAN      NOT NULL,
    -- normalised origins, one per line, in order
    allowed_origins        VARCHAR(300000) NOT NULL,
    created_at             BIGINT       NOT NULL,
    CONSTRAINT pk_widgets PRIMARY KEY (workspace_id, widget_id),
    CONSTRAINT fk_widgets_workspace FOREIGN KEY (workspace_id) REFERENCES workspaces (workspace_id),
    CONSTRAINT ck_widgets_mode CHECK (auth_mode IN ('optional', 'required', 'observe'))
);

-- A widget's keyring. sealed_secret = nonce (12 bytes) || AES-256-GCM ciphertext and tag,
-- associated data "widget-secret:" || widget_id || ":" || key_id.
CREATE TABLE widget_secrets (
    workspace_id   VARCHAR(64) NOT NULL,
    widget_id      VARCHAR(64) NOT NULL,
    key_id         VARCHAR(64) NOT NULL,
    key_order      INTEGER     NOT NULL,
    sealed_secret  BYTEA       NOT NULL,
    created_at     BIGINT      NOT NULL,
    retired_at     BIGINT,
    grace_until    BIGINT,
    CONSTRAINT pk_widget_secrets PRIMARY KEY (workspace_id, widget_id, key_id),
    CONSTRAINT fk_widget_secrets_widget FOREIGN KEY (workspace_id, widget_id)
        REFERENCES widgets (workspace_id, widget_id) ON DELETE CASCADE
);

CREATE TABLE users (
    workspace_id      VARCHAR(64)   NOT NULL,
    user_id           VARCHAR(64)   NOT NULL,
    external_id       VARCHAR(510)  NOT NULL,
    name              VARCHAR(510),
    email             VARCHAR(640),
    avatar            VARCHAR(4096),
    company_id        VARCHAR(510),
    company_name      VARCHAR(510),
    last_applied_iat  BIGINT,
    created_at        BIGINT        NOT NULL,
    updated_at        BIGINT        NOT NULL,
    CONSTRAINT pk_users PRIMARY KEY (workspace_id, user_id),
    CONSTRAINT uq_users_external_id UNIQUE (workspace_id, external_id)
);

CREATE TABLE user_custom_data (
    workspace_id  VARCHAR(64)   NOT NULL,
    user_id       VARCHAR(64)   NOT NULL,
    data_key      VARCHAR(64)   NOT NULL,
    data_value    VARCHAR(2048) NOT NULL,
    CONSTRAINT pk_user_custom_data PRIMARY KEY (workspace_id, user_id, data_key),
    CONSTRAINT fk_user_custom_data_user FOREIGN KEY (workspace_id, user_id)
        REFERENCES users (workspace_id, user_id) ON DELETE CASCADE
);

CREATE TABLE visitors (
    workspace_id  VARCHAR(64) NOT NULL,
    visitor_id    VARCHAR(64) NOT NULL,
    widget_id     VARCHAR(64) NOT NULL,
    user_id       VARCHAR(64),
    created_at    BIGINT      NOT NULL,
    last_seen_at  BIGINT      NOT NULL,
    CONSTRAINT pk_visitors PRIMARY KEY (workspace_id, visitor_id)
);
CREATE INDEX ix_visitors_user ON visitors (workspace_id, user_id, created_at);

-- owner_kind 'visitor': owner_id is an anonymous visitor's id; 'user': a user's id.
CREATE TABLE conversations (
    workspace_id     VARCHAR(64) NOT NULL,
    conversation_id  VARCHAR(64) NOT NULL,
    owner_kind       VARCHAR(8)  NOT NULL,
    owner_id         VARCHAR(64) NOT NULL,
    created_at       BIGINT      NOT NULL,
    last_message_at  BIGINT      NOT NULL,
    message_count    INTEGER     NOT NULL,
    CONSTRAINT pk_conversations PRIMARY KEY (workspace_id, conversation_id),
    CONSTRAINT ck_conversations_owner CHECK (owner_kind IN ('visitor', 'user'))
);
CREATE INDEX ix_conversations_owner ON conversations (workspace_id, owner_kind, owner_id, last_message_at DESC);

-- seq keeps insertion order stable among messages with equal created_at.
CREATE TABLE messages (
    workspace_id     VARCHAR(64)    NOT NULL,
    conversation_id  VARCHAR(64)    NOT NULL,
    message_id       VARCHAR(64)    NOT NULL,
    seq              BIGINT GENERATED BY DEFAULT AS IDENTITY,
    author           VARCHAR(8)     NOT NULL,
    body             VARCHAR(10000) NOT NULL,
    authenticated    BOOLEAN        NOT NULL,
    created_at       BIGINT         NOT NULL,
    CONSTRAINT pk_messages PRIMARY KEY (workspace_id, conversation_id, message_id),
    CONSTRAINT fk_messages_conversation FOREIGN KEY (workspace_id, conversation_id)
        REFERENCES conversations (workspace_id, conversation_id) ON DELETE CASCADE,
    CONSTRAINT ck_messages_author CHECK (author IN ('visitor', 'agent'))
);
CREATE INDEX ix_messages_order ON messages (workspace_id, conversation_id, created_at, seq);

CREATE TABLE sessions (
    workspace_id  VARCHAR(64) NOT NULL,
    token_hash    VARCHAR(64) NOT NULL,
    widget_id     VARCHAR(64) NOT NULL,
    visitor_id    VARCHAR(64) NOT NULL,
    user_id       VARCHAR(64),
    created_at    BIGINT      NOT NULL,
    expires_at    BIGINT      NOT NULL,
    revoked_at    BIGINT,
    CONSTRAINT pk_sessions PRIMARY KEY (workspace_id, token_hash)
);
CREATE INDEX ix_sessions_visitor ON sessions (workspace_id, visitor_id, expires_at);

-- A widget's failure log, bounded per widget (count and age; see JdbcAuthFailureLog).
CREATE TABLE auth_failures (
    workspace_id  VARCHAR(64)  NOT NULL,
    widget_id     VARCHAR(64)  NOT NULL,
    failure_id    BIGINT GENERATED BY DEFAULT AS IDENTITY,
    at            BIGINT       NOT NULL,
    code          VARCHAR(32)  NOT NULL,
    claim         VARCHAR(255),
    origin        VARCHAR(255),
    kid           VARCHAR(255),
    iat           BIGINT,
    CONSTRAINT pk_auth_failures PRIMARY KEY (workspace_id, widget_id, failure_id)
);
CREATE INDEX ix_auth_failures_recent ON auth_failures (workspace_id, widget_id, at DESC, failure_id DESC);

-- Used jti values until the token's expiry. jti_hash = SHA-256 (hex) of the jti's UTF-8 bytes,
-- so arbitrarily long jti values fit a fixed-size key.
CREATE TABLE consumed_token_ids (
    workspace_id  VARCHAR(64) NOT NULL,
    widget_id     VARCHAR(64) NOT NULL,
    jti_hash      VARCHAR(64) NOT NULL,
    expires_at    BIGINT      NOT NULL,
    CONSTRAINT pk_consumed_token_ids PRIMARY KEY (workspace_id, widget_id, jti_hash)
);
CREATE INDEX ix_consumed_token_ids_expiry ON consumed_token_ids (workspace_id, widget_id, expires_at);

-- Failed-verification counters per widget and client (fixed windows). The rate-limit port names
-- no workspace, so this table is keyed by the (globally unique) widget id. client_key_hash =
-- SHA-256 (hex) of the client key (an address: not kept in clear).
CREATE TABLE failure_rate_limits (
    widget_id        VARCHAR(64) NOT NULL,
    client_key_hash  VARCHAR(64) NOT NULL,
    window_start     BIGINT      NOT NULL,
    failures         INTEGER     NOT NULL,
    CONSTRAINT pk_failure_rate_limits PRIMARY KEY (widget_id, client_key_hash)
);
CREATE INDEX ix_failure_rate_limits_window ON failure_rate_limits (window_start);
