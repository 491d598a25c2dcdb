-- visitorauth schema, version 5: public keys beside the HS256 secrets (spec section 12).
--
-- A widget's JWKS URL (https; at most 2,048 characters, twice that for H2's UTF-16 count), or NULL.
ALTER TABLE widgets ADD COLUMN jwks_url VARCHAR(4096);

-- The public keys an admin uploaded as JWKs, oldest first (key_order). Public, so not sealed:
-- public_jwk holds the JWK's public members only (jose4j's PUBLIC_ONLY output). algorithms lists
-- the JOSE names the key verifies, comma-separated ('ES256', 'RS256,PS256'). A key id is unique in
-- its widget's keyring together with the secrets' key ids: the primary key enforces it among public
-- keys, the domain (WidgetKeyring) across both tables.
CREATE TABLE widget_public_keys (
    workspace_id  VARCHAR(64)   NOT NULL,
    widget_id     VARCHAR(64)   NOT NULL,
    key_id        VARCHAR(128)  NOT NULL,
    key_order     INTEGER       NOT NULL,
    kty           VARCHAR(8)    NOT NULL,
    algorithms    VARCHAR(64)   NOT NULL,
    key_bits      INTEGER       NOT NULL,
    public_jwk    VARCHAR(32768) NOT NULL,
    created_at    BIGINT        NOT NULL,
    CONSTRAINT pk_widget_public_keys PRIMARY KEY (workspace_id, widget_id, key_id),
    CONSTRAINT fk_widget_public_keys_widget FOREIGN KEY (workspace_id, widget_id)
        REFERENCES widgets (workspace_id, widget_id) ON DELETE CASCADE,
    CONSTRAINT ck_widget_public_keys_kty CHECK (kty IN ('RSA', 'EC', 'OKP'))
);
