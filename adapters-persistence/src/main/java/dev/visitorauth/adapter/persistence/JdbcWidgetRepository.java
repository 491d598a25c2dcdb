package dev.visitorauth.adapter.persistence;

import static dev.visitorauth.adapter.persistence.Jdbc.instant;
import static dev.visitorauth.adapter.persistence.Jdbc.micros;
import static dev.visitorauth.adapter.persistence.Jdbc.optionalInstant;

import dev.visitorauth.application.port.out.LoadWidgetPort;
import dev.visitorauth.application.port.out.SaveWidgetPort;
import dev.visitorauth.application.port.out.SecretCipherPort;
import dev.visitorauth.domain.widget.AllowedOrigins;
import dev.visitorauth.domain.widget.AuthMode;
import dev.visitorauth.domain.widget.TokenAlgorithm;
import dev.visitorauth.domain.widget.AuthenticationPolicy;
import dev.visitorauth.domain.widget.JwksUrl;
import dev.visitorauth.domain.widget.KeyId;
import dev.visitorauth.domain.widget.SecretValue;
import dev.visitorauth.domain.widget.Widget;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.widget.WidgetKeyring;
import dev.visitorauth.domain.widget.WidgetPublicKey;
import dev.visitorauth.domain.widget.WidgetSecret;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import dev.visitorauth.application.port.out.Keyset;
import dev.visitorauth.application.port.out.Slice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Widgets, the directory that finds a widget's workspace by its public id, and keyrings: secrets,
 * uploaded public keys and the JWKS URL. Each secret is stored sealed by the
 * {@link SecretCipherPort} with the context {@code widget-secret:<widgetId>:<keyId>}, so a sealed
 * value moved to another row does not open; public keys are stored as their public JWK.
 */
public final class JdbcWidgetRepository implements LoadWidgetPort, SaveWidgetPort {
    private static final String WIDGET_COLUMNS =
            "workspace_id, widget_id, name, auth_mode, max_token_lifetime_ms, clock_skew_ms, require_jti, allowed_origins, created_at";

    private final JdbcTransactions tx;
    private final SecretCipherPort cipher;
    private final WidgetChanges changes;

    JdbcWidgetRepository(JdbcTransactions tx, SecretCipherPort cipher, WidgetChanges changes) {
        this.changes = Objects.requireNonNull(changes, "changes");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
    }

    /** The associated data a widget secret is sealed with. */
    static String sealingContext(WidgetId widgetId, KeyId keyId) {
        return "widget-secret:" + widgetId.value() + ":" + keyId.value();
    }

    @Override
    public void createWidget(Widget widget, WidgetKeyring keyring) {
        Objects.requireNonNull(widget, "widget");
        requireSameWidget(widget, keyring);
        String ws = widget.workspaceId().value();
        String id = widget.id().value();
        tx.write(c -> {
            Jdbc.update(c, "INSERT INTO widget_directory (widget_id, workspace_id) VALUES (?, ?)", id, ws);
            AuthenticationPolicy p = widget.policy();
            Jdbc.update(c, "INSERT INTO widgets (" + WIDGET_COLUMNS + ", jwks_url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    ws, id, widget.name(), p.mode().wire(), p.maxTokenLifetime().toMillis(), p.clockSkew().toMillis(),
                    p.requireJti(), joinOrigins(widget.allowedOrigins()), micros(widget.createdAt()), jwksUrl(keyring));
            List<WidgetSecret> secrets = keyring.secrets();
            for (int i = 0; i < secrets.size(); i++) {
                insertSecret(c, ws, widget.id(), secrets.get(i), i);
            }
            List<WidgetPublicKey> keys = keyring.publicKeys();
            for (int i = 0; i < keys.size(); i++) {
                insertPublicKey(c, ws, id, keys.get(i), i);
            }
            return null;
        });
    }

    @Override
    public void updateWidget(Widget widget) {
        Objects.requireNonNull(widget, "widget");
        AuthenticationPolicy p = widget.policy();
        int updated = tx.write(c -> {
            int rows = Jdbc.update(c,
                    "UPDATE widgets SET name = ?, auth_mode = ?, max_token_lifetime_ms = ?, clock_skew_ms = ?, require_jti = ?,"
                            + " allowed_origins = ? WHERE workspace_id = ? AND widget_id = ?",
                    widget.name(), p.mode().wire(), p.maxTokenLifetime().toMillis(), p.clockSkew().toMillis(), p.requireJti(),
                    joinOrigins(widget.allowedOrigins()), widget.workspaceId().value(), widget.id().value());
            changes.record(c, widget.id());
            return rows;
        });
        if (updated == 0) {
            throw new IllegalStateException("no stored widget " + widget.id() + " in workspace " + widget.workspaceId());
        }
    }

    /**
     * Replaces the keyring. The widget's row is locked first (the update of its JWKS URL), so
     * concurrent changes of one keyring run one after the other; secrets already stored keep their
     * sealed value (they never change), new ones are sealed, and secrets no longer in the keyring are
     * deleted. Public keys never change either: new ones are inserted, removed ones deleted.
     */
    @Override
    public void saveKeyring(Widget widget, WidgetKeyring keyring) {
        Objects.requireNonNull(widget, "widget");
        requireSameWidget(widget, keyring);
        String ws = widget.workspaceId().value();
        String id = widget.id().value();
        tx.write(c -> {
            if (Jdbc.update(c, "UPDATE widgets SET jwks_url = ?, keyring_revision = keyring_revision + 1"
                            + " WHERE workspace_id = ? AND widget_id = ?",
                    jwksUrl(keyring), ws, id) == 0) {
                throw new IllegalStateException("no stored widget " + widget.id() + " in workspace " + widget.workspaceId());
            }
            Set<String> stored = new HashSet<>(Jdbc.query(c,
                    "SELECT key_id FROM widget_secrets WHERE workspace_id = ? AND widget_id = ?",
                    rs -> rs.getString(1), ws, id));
            Set<String> kept = new HashSet<>();
            List<WidgetSecret> secrets = keyring.secrets();
            for (int i = 0; i < secrets.size(); i++) {
                WidgetSecret s = secrets.get(i);
                kept.add(s.keyId().value());
                if (stored.contains(s.keyId().value())) {
                    Jdbc.update(c, "UPDATE widget_secrets SET key_order = ?, retired_at = ?, grace_until = ?"
                                    + " WHERE workspace_id = ? AND widget_id = ? AND key_id = ?",
                            i, micros(s.retiredAt()), micros(s.graceUntil()), ws, id, s.keyId().value());
                } else {
                    insertSecret(c, ws, widget.id(), s, i);
                }
            }
            for (String keyId : stored) {
                if (!kept.contains(keyId)) {
                    Jdbc.update(c, "DELETE FROM widget_secrets WHERE workspace_id = ? AND widget_id = ? AND key_id = ?",
                            ws, id, keyId);
                }
            }
            savePublicKeys(c, ws, id, keyring.publicKeys());
            changes.record(c, widget.id());
            return null;
        });
    }

    @Override
    public Optional<Widget> findWidget(WidgetId id) {
        Objects.requireNonNull(id, "id");
        return tx.read(c -> {
            Optional<String> ws = Jdbc.queryOne(c, "SELECT workspace_id FROM widget_directory WHERE widget_id = ?",
                    rs -> rs.getString(1), id.value());
            if (ws.isEmpty()) {
                return Optional.empty();
            }
            return Jdbc.queryOne(c, "SELECT " + WIDGET_COLUMNS + " FROM widgets WHERE workspace_id = ? AND widget_id = ?",
                    JdbcWidgetRepository::widget, ws.get(), id.value());
        });
    }

    @Override
    public Slice<Widget> pageWidgets(WorkspaceId workspaceId, int limit, Optional<Keyset> after) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(after, "after");
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1 to 1000");
        }
        StringBuilder sql = new StringBuilder("SELECT " + WIDGET_COLUMNS + " FROM widgets WHERE workspace_id = ?");
        List<Object> params = new ArrayList<>(List.of(workspaceId.value()));
        if (after.isPresent()) {
            sql.append(" AND (created_at, widget_id) < (?, ?)");
            params.add(Jdbc.micros(after.get().at()));
            params.add(after.get().id());
        }
        sql.append(" ORDER BY created_at DESC, widget_id DESC LIMIT ?");
        params.add(limit + 1);
        List<Widget> rows = tx.read(c -> Jdbc.query(c, sql.toString(), JdbcWidgetRepository::widget, params.toArray()));
        boolean more = rows.size() > limit;
        List<Widget> page = more ? rows.subList(0, limit) : rows;
        Optional<Keyset> next = more
                ? Optional.of(new Keyset(page.get(limit - 1).createdAt(), page.get(limit - 1).id().value()))
                : Optional.empty();
        return new Slice<>(page, next);
    }

    @Override
    public Optional<WidgetKeyring> findKeyring(WorkspaceId workspaceId, WidgetId id) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(id, "id");
        return readKeyring(workspaceId, id);
    }

    @Override
    public Optional<WidgetKeyring> lockKeyring(WorkspaceId workspaceId, WidgetId id) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(id, "id");
        boolean exists = tx.read(c -> !Jdbc.query(c,
                "SELECT widget_id FROM widgets WHERE workspace_id = ? AND widget_id = ? FOR UPDATE",
                rs -> rs.getString(1), workspaceId.value(), id.value()).isEmpty());
        return exists ? readKeyring(workspaceId, id) : Optional.empty();
    }

    @Override
    public OptionalLong keyringRevision(WorkspaceId workspaceId, WidgetId id) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(id, "id");
        return tx.read(c -> Jdbc.queryOne(c, "SELECT keyring_revision FROM widgets WHERE workspace_id = ? AND widget_id = ?",
                rs -> rs.getLong(1), workspaceId.value(), id.value())
                .map(OptionalLong::of).orElse(OptionalLong.empty()));
    }

    /**
     * Reads the widget's row (JWKS URL and revision) before its keys: a rotation committed between
     * the statements then shows as a revision older than the keys, which a start-up's check takes for
     * a stale keyring and reads again; never as a newer revision over older keys.
     */
    private Optional<WidgetKeyring> readKeyring(WorkspaceId workspaceId, WidgetId id) {
        String ws = workspaceId.value();
        return tx.read(c -> {
            record WidgetRow(Optional<JwksUrl> url, long revision) {
            }
            Optional<WidgetRow> row = Jdbc.queryOne(c,
                    "SELECT jwks_url, keyring_revision FROM widgets WHERE workspace_id = ? AND widget_id = ?",
                    rs -> new WidgetRow(Optional.ofNullable(rs.getString(1)).map(JwksUrl::new), rs.getLong(2)),
                    ws, id.value());
            if (row.isEmpty()) {
                return Optional.empty();
            }
            List<WidgetSecret> secrets = Jdbc.query(c,
                    "SELECT key_id, sealed_secret, created_at, retired_at, grace_until FROM widget_secrets"
                            + " WHERE workspace_id = ? AND widget_id = ? ORDER BY key_order, key_id",
                    rs -> secret(id, rs), ws, id.value());
            if (secrets.isEmpty()) {
                return Optional.empty();
            }
            List<WidgetPublicKey> keys = Jdbc.query(c,
                    "SELECT key_id, kty, algorithms, key_bits, public_jwk, created_at FROM widget_public_keys"
                            + " WHERE workspace_id = ? AND widget_id = ? ORDER BY key_order, key_id",
                    JdbcWidgetRepository::publicKey, ws, id.value());
            return Optional.of(WidgetKeyring.restore(id, secrets, keys, row.get().url(), row.get().revision()));
        });
    }

    private static void savePublicKeys(Connection c, String ws, String id, List<WidgetPublicKey> keys) throws SQLException {
        Set<String> stored = new HashSet<>(Jdbc.query(c,
                "SELECT key_id FROM widget_public_keys WHERE workspace_id = ? AND widget_id = ?",
                rs -> rs.getString(1), ws, id));
        Set<String> kept = new HashSet<>();
        for (int i = 0; i < keys.size(); i++) {
            WidgetPublicKey key = keys.get(i);
            kept.add(key.keyId().value());
            if (stored.contains(key.keyId().value())) {
                Jdbc.update(c, "UPDATE widget_public_keys SET key_order = ? WHERE workspace_id = ? AND widget_id = ? AND key_id = ?",
                        i, ws, id, key.keyId().value());
            } else {
                insertPublicKey(c, ws, id, key, i);
            }
        }
        for (String keyId : stored) {
            if (!kept.contains(keyId)) {
                Jdbc.update(c, "DELETE FROM widget_public_keys WHERE workspace_id = ? AND widget_id = ? AND key_id = ?",
                        ws, id, keyId);
            }
        }
    }

    private static void insertPublicKey(Connection c, String ws, String id, WidgetPublicKey key, int order) throws SQLException {
        Jdbc.update(c, "INSERT INTO widget_public_keys (workspace_id, widget_id, key_id, key_order, kty, algorithms, key_bits,"
                        + " public_jwk, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ws, id, key.keyId().value(), order, key.type().kty(), joinAlgorithms(key), key.keyBits(), key.jwk(),
                micros(key.createdAt()));
    }

    private static WidgetPublicKey publicKey(ResultSet rs) throws SQLException {
        List<TokenAlgorithm> algorithms = new ArrayList<>();
        for (String name : rs.getString("algorithms").split(",")) {
            algorithms.add(TokenAlgorithm.byHeaderName(name)
                    .orElseThrow(() -> new IllegalStateException("unknown stored algorithm " + name)));
        }
        return new WidgetPublicKey(new KeyId(rs.getString("key_id")), WidgetPublicKey.KeyType.valueOf(rs.getString("kty")),
                Set.copyOf(algorithms), rs.getInt("key_bits"), rs.getString("public_jwk"), instant(rs, "created_at"),
                WidgetPublicKey.Origin.UPLOADED);
    }

    /** The key's algorithms as stored: JOSE names in the enum's order, comma-separated. */
    private static String joinAlgorithms(WidgetPublicKey key) {
        return String.join(",", key.algorithms().stream().sorted().map(TokenAlgorithm::headerName).toList());
    }

    private static Object jwksUrl(WidgetKeyring keyring) {
        return Jdbc.text(keyring.jwksUrl().map(JwksUrl::value));
    }

    private void insertSecret(Connection c, String ws, WidgetId widgetId, WidgetSecret s, int order) throws SQLException {
        byte[] plain = s.value().reveal().getBytes(StandardCharsets.UTF_8);
        byte[] sealed;
        try {
            sealed = cipher.seal(plain, sealingContext(widgetId, s.keyId()));
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
        Jdbc.update(c, "INSERT INTO widget_secrets (workspace_id, widget_id, key_id, key_order, sealed_secret, created_at,"
                        + " retired_at, grace_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                ws, widgetId.value(), s.keyId().value(), order, sealed, micros(s.createdAt()), micros(s.retiredAt()),
                micros(s.graceUntil()));
    }

    private WidgetSecret secret(WidgetId widgetId, ResultSet rs) throws SQLException {
        KeyId keyId = new KeyId(rs.getString("key_id"));
        byte[] plain = cipher.open(rs.getBytes("sealed_secret"), sealingContext(widgetId, keyId));
        try {
            return new WidgetSecret(keyId, SecretValue.of(new String(plain, StandardCharsets.UTF_8)),
                    instant(rs, "created_at"), optionalInstant(rs, "retired_at"), optionalInstant(rs, "grace_until"));
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private static Widget widget(ResultSet rs) throws SQLException {
        String mode = rs.getString("auth_mode");
        AuthenticationPolicy policy = new AuthenticationPolicy(
                AuthMode.fromWire(mode).orElseThrow(() -> new IllegalStateException("unknown stored auth mode " + mode)),
                Duration.ofMillis(rs.getLong("max_token_lifetime_ms")), Duration.ofMillis(rs.getLong("clock_skew_ms")),
                rs.getBoolean("require_jti"));
        return new Widget(new WorkspaceId(rs.getString("workspace_id")), new WidgetId(rs.getString("widget_id")),
                rs.getString("name"), policy, splitOrigins(rs.getString("allowed_origins")), instant(rs, "created_at"));
    }

    private static String joinOrigins(AllowedOrigins origins) {
        return String.join("\n", origins.origins());
    }

    private static AllowedOrigins splitOrigins(String stored) {
        return stored == null || stored.isEmpty() ? AllowedOrigins.any() : new AllowedOrigins(List.of(stored.split("\n")));
    }

    private static void requireSameWidget(Widget widget, WidgetKeyring keyring) {
        Objects.requireNonNull(keyring, "keyring");
        if (!keyring.widgetId().equals(widget.id())) {
            throw new IllegalArgumentException("the keyring belongs to another widget");
        }
    }
}
