package dev.visitorauth.adapter.persistence;

import dev.visitorauth.application.port.out.Keyset;
import dev.visitorauth.application.port.out.LoadWebhookEndpointsPort;
import dev.visitorauth.application.port.out.SaveWebhookEndpointPort;
import dev.visitorauth.application.port.out.SecretCipherPort;
import dev.visitorauth.application.port.out.Slice;
import dev.visitorauth.application.port.out.WebhookDeliveryQueuePort;
import dev.visitorauth.domain.event.EventId;
import dev.visitorauth.domain.event.EventType;
import dev.visitorauth.domain.webhook.DeliveryStatus;
import dev.visitorauth.domain.webhook.WebhookDelivery;
import dev.visitorauth.domain.webhook.WebhookDeliveryId;
import dev.visitorauth.domain.webhook.WebhookEndpoint;
import dev.visitorauth.domain.webhook.WebhookEndpointId;
import dev.visitorauth.domain.webhook.WebhookSecret;
import dev.visitorauth.domain.webhook.WebhookUrl;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Webhook endpoints and their delivery queue in {@code webhook_endpoints} and
 * {@code webhook_deliveries} (migration V8). Secrets are sealed by the {@link SecretCipherPort}
 * with the context {@code webhook-secret:<endpointId>}. Claims use {@code FOR UPDATE SKIP LOCKED},
 * so nodes on one PostgreSQL never wait for or take each other's rows (H2 runs one node).
 */
public final class JdbcWebhookStore implements LoadWebhookEndpointsPort, SaveWebhookEndpointPort, WebhookDeliveryQueuePort {
    private static final String ENDPOINT_COLUMNS = "workspace_id, endpoint_id, url, event_types, created_at, event_position,"
            + " failing_since, disabled_at, disabled_reason";
    private static final String DELIVERY_COLUMNS = "endpoint_id, delivery_id, event_position, event_type, status, attempts,"
            + " queued_at, last_attempt_at, response_status, duration_ms";
    private static final Jdbc.Null NULL_INTEGER = new Jdbc.Null(Types.INTEGER);

    private final JdbcTransactions tx;
    private final SecretCipherPort cipher;
    private final SecureRandom random = new SecureRandom();

    JdbcWebhookStore(JdbcTransactions tx, SecretCipherPort cipher) {
        this.tx = Objects.requireNonNull(tx, "tx");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
    }

    /** The associated data a webhook secret is sealed with. */
    static String sealingContext(WebhookEndpointId id) {
        return "webhook-secret:" + id.value();
    }

    @Override
    public Optional<WebhookEndpoint> webhookEndpoint(WorkspaceId workspaceId, WebhookEndpointId id) {
        return tx.read(c -> Jdbc.queryOne(c, "SELECT " + ENDPOINT_COLUMNS + " FROM webhook_endpoints"
                + " WHERE workspace_id = ? AND endpoint_id = ?", JdbcWebhookStore::endpoint, workspaceId.value(), id.value()));
    }

    @Override
    public List<WebhookEndpoint> webhookEndpoints(WorkspaceId workspaceId) {
        return tx.read(c -> Jdbc.query(c, "SELECT " + ENDPOINT_COLUMNS + " FROM webhook_endpoints WHERE workspace_id = ?"
                + " ORDER BY created_at, endpoint_id", JdbcWebhookStore::endpoint, workspaceId.value()));
    }

    @Override
    public void createWebhookEndpoint(WebhookEndpoint endpoint, WebhookSecret secret) {
        String ws = endpoint.workspaceId().value();
        tx.write(c -> Jdbc.update(c, "INSERT INTO webhook_endpoints (workspace_id, endpoint_id, url, event_types, sealed_secret,"
                        + " created_at, event_position) VALUES (?, ?, ?, ?, ?, ?, "
                        + " (SELECT COALESCE(MAX(last_position), 0) FROM workspace_event_heads WHERE workspace_id = ?))",
                ws, endpoint.id().value(), endpoint.url().value(), types(endpoint.events()), seal(endpoint.id(), secret),
                Jdbc.micros(endpoint.createdAt()), ws));
    }

    @Override
    public void updateWebhookEndpoint(WebhookEndpoint endpoint, boolean fromNow) {
        String ws = endpoint.workspaceId().value();
        tx.write(c -> Jdbc.update(c, "UPDATE webhook_endpoints SET url = ?, event_types = ?, failing_since = ?,"
                        + " disabled_at = ?, disabled_reason = ?"
                        + (fromNow ? ", event_position = (SELECT COALESCE(MAX(last_position), 0) FROM workspace_event_heads"
                        + " WHERE workspace_id = ?)" : "")
                        + " WHERE workspace_id = ? AND endpoint_id = ?",
                fromNow ? new Object[] {endpoint.url().value(), types(endpoint.events()), Jdbc.micros(endpoint.failingSince()),
                        Jdbc.micros(endpoint.disabledAt()), Jdbc.text(endpoint.disabledReason()), ws, ws, endpoint.id().value()}
                        : new Object[] {endpoint.url().value(), types(endpoint.events()), Jdbc.micros(endpoint.failingSince()),
                        Jdbc.micros(endpoint.disabledAt()), Jdbc.text(endpoint.disabledReason()), ws, endpoint.id().value()}));
    }

    @Override
    public void saveWebhookSecret(WorkspaceId workspaceId, WebhookEndpointId id, WebhookSecret secret) {
        tx.write(c -> Jdbc.update(c, "UPDATE webhook_endpoints SET sealed_secret = ? WHERE workspace_id = ? AND endpoint_id = ?",
                seal(id, secret), workspaceId.value(), id.value()));
    }

    @Override
    public boolean deleteWebhookEndpoint(WorkspaceId workspaceId, WebhookEndpointId id) {
        return tx.write(c -> {
            Jdbc.update(c, "DELETE FROM webhook_deliveries WHERE workspace_id = ? AND endpoint_id = ?",
                    workspaceId.value(), id.value());
            return Jdbc.update(c, "DELETE FROM webhook_endpoints WHERE workspace_id = ? AND endpoint_id = ?",
                    workspaceId.value(), id.value()) > 0;
        });
    }

    @Override
    public int lockAndCountWebhookEndpoints(WorkspaceId workspaceId) {
        return tx.write(c -> {
            Jdbc.query(c, "SELECT workspace_id FROM workspaces WHERE workspace_id = ? FOR UPDATE", rs -> 1,
                    workspaceId.value());
            return Jdbc.queryOne(c, "SELECT COUNT(*) FROM webhook_endpoints WHERE workspace_id = ?", rs -> rs.getInt(1),
                    workspaceId.value()).orElse(0);
        });
    }

    /**
     * Finds the endpoints behind without locking (a {@code FOR UPDATE} over the join could lock the
     * workspace's event-log head on H2, and so hold up every append of the workspace), then locks
     * each one alone, skipping those another node holds.
     */
    @Override
    public List<EndpointBehind> lockEndpointsBehind(int max) {
        return tx.write(c -> {
            List<String[]> candidates = Jdbc.query(c, "SELECT e.workspace_id, e.endpoint_id FROM webhook_endpoints e"
                    + " WHERE e.disabled_at IS NULL AND EXISTS (SELECT 1 FROM workspace_event_heads h"
                    + " WHERE h.workspace_id = e.workspace_id AND h.last_position > e.event_position) LIMIT ?",
                    rs -> new String[] {rs.getString(1), rs.getString(2)}, max);
            List<EndpointBehind> locked = new ArrayList<>();
            for (String[] key : candidates) {
                Jdbc.queryOne(c, "SELECT " + ENDPOINT_COLUMNS + " FROM webhook_endpoints WHERE workspace_id = ?"
                        + " AND endpoint_id = ? AND disabled_at IS NULL FOR UPDATE SKIP LOCKED", rs -> {
                            long position = rs.getLong("event_position");
                            return new EndpointBehind(endpoint(rs),
                                    position > 0 ? Optional.of(new EventId(position)) : Optional.empty());
                        }, key[0], key[1]).ifPresent(locked::add);
            }
            return locked;
        });
    }

    @Override
    public void queue(WebhookEndpoint endpoint, List<NewDelivery> deliveries, EventId position) {
        String ws = endpoint.workspaceId().value();
        String id = endpoint.id().value();
        tx.write(c -> {
            if (!deliveries.isEmpty()) {
                try (var ps = c.prepareStatement("INSERT INTO webhook_deliveries (workspace_id, endpoint_id, delivery_id,"
                        + " event_position, event_type, body, queued_at, status, attempts, next_attempt_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?)")) {
                    for (NewDelivery d : deliveries) {
                        Jdbc.bind(ps, ws, id, d.id().value(), d.eventId().position(), d.type().wireName(), d.body(),
                                Jdbc.micros(d.queuedAt()), Jdbc.micros(d.queuedAt()));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            Jdbc.update(c, "UPDATE webhook_endpoints SET event_position = ? WHERE workspace_id = ? AND endpoint_id = ?",
                    position.position(), ws, id);
            return null;
        });
    }

    @Override
    public List<DueDelivery> claimDue(Instant now, Instant leaseUntil, int max) {
        long at = Jdbc.micros(now);
        String claim = HexFormat.of().formatHex(randomBytes());
        return tx.write(c -> {
            List<Object[]> keys = Jdbc.query(c, "SELECT workspace_id, endpoint_id, delivery_id FROM webhook_deliveries"
                    + " WHERE status = 'pending' AND next_attempt_at <= ? AND (claim_until IS NULL OR claim_until <= ?)"
                    + " ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED",
                    rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3)}, at, at, max);
            if (keys.isEmpty()) {
                return List.of();
            }
            try (var ps = c.prepareStatement("UPDATE webhook_deliveries SET claim_token = ?, claim_until = ?"
                    + " WHERE workspace_id = ? AND endpoint_id = ? AND delivery_id = ?")) {
                for (Object[] key : keys) {
                    Jdbc.bind(ps, claim, Jdbc.micros(leaseUntil), key[0], key[1], key[2]);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            List<DueDelivery> due = new ArrayList<>();
            for (Object[] key : keys) {
                Jdbc.queryOne(c, "SELECT d.delivery_id, d.workspace_id, d.endpoint_id, e.url, e.sealed_secret, d.event_position,"
                        + " d.body, d.attempts, d.queued_at FROM webhook_deliveries d JOIN webhook_endpoints e"
                        + " ON e.workspace_id = d.workspace_id AND e.endpoint_id = d.endpoint_id"
                        + " WHERE d.workspace_id = ? AND d.endpoint_id = ? AND d.delivery_id = ?", rs -> {
                            WebhookEndpointId endpointId = new WebhookEndpointId(rs.getString("endpoint_id"));
                            return new DueDelivery(new WebhookDeliveryId(rs.getString("delivery_id")),
                                    new WorkspaceId(rs.getString("workspace_id")), endpointId,
                                    new WebhookUrl(rs.getString("url")), open(endpointId, rs.getBytes("sealed_secret")),
                                    new EventId(rs.getLong("event_position")), rs.getString("body"), rs.getInt("attempts"),
                                    Jdbc.instant(rs, "queued_at"), claim);
                        }, key).ifPresent(due::add);
            }
            return due;
        });
    }

    @Override
    public boolean recordAttempt(AttemptRecord attempt) {
        DueDelivery d = attempt.delivery();
        return tx.write(c -> Jdbc.update(c, "UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?,"
                        + " last_attempt_at = ?, response_status = ?, duration_ms = ?, claim_token = NULL, claim_until = NULL"
                        + " WHERE workspace_id = ? AND endpoint_id = ? AND delivery_id = ? AND claim_token = ?",
                attempt.status().wire(), attempt.attempts(), Jdbc.micros(attempt.nextAttemptAt()), Jdbc.micros(attempt.at()),
                attempt.responseStatus().isPresent() ? (Object) attempt.responseStatus().getAsInt() : NULL_INTEGER,
                attempt.durationMs(), d.workspaceId().value(), d.endpointId().value(), d.id().value(), d.claim()) == 1);
    }

    @Override
    public Optional<WebhookEndpoint> recordEndpointHealth(WorkspaceId workspaceId, WebhookEndpointId id, boolean succeeded,
                                                          Instant at) {
        return tx.write(c -> {
            if (succeeded) {
                Jdbc.update(c, "UPDATE webhook_endpoints SET failing_since = NULL WHERE workspace_id = ? AND endpoint_id = ?"
                        + " AND failing_since IS NOT NULL", workspaceId.value(), id.value());
            } else {
                Jdbc.update(c, "UPDATE webhook_endpoints SET failing_since = ? WHERE workspace_id = ? AND endpoint_id = ?"
                        + " AND failing_since IS NULL", Jdbc.micros(at), workspaceId.value(), id.value());
            }
            return Jdbc.queryOne(c, "SELECT " + ENDPOINT_COLUMNS + " FROM webhook_endpoints WHERE workspace_id = ?"
                    + " AND endpoint_id = ?", JdbcWebhookStore::endpoint, workspaceId.value(), id.value());
        });
    }

    @Override
    public int failPending(WorkspaceId workspaceId, WebhookEndpointId id) {
        return tx.write(c -> Jdbc.update(c, "UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL"
                + " WHERE workspace_id = ? AND endpoint_id = ? AND status = 'pending'", workspaceId.value(), id.value()));
    }

    @Override
    public Slice<WebhookDelivery> deliveries(WorkspaceId workspaceId, WebhookEndpointId id, Optional<Keyset> after, int limit) {
        return tx.read(c -> {
            List<WebhookDelivery> rows;
            if (after.isEmpty()) {
                rows = Jdbc.query(c, "SELECT " + DELIVERY_COLUMNS + " FROM webhook_deliveries WHERE workspace_id = ?"
                        + " AND endpoint_id = ? ORDER BY queued_at DESC, delivery_id DESC LIMIT ?",
                        JdbcWebhookStore::delivery, workspaceId.value(), id.value(), limit + 1);
            } else {
                long at = Jdbc.micros(after.get().at());
                rows = Jdbc.query(c, "SELECT " + DELIVERY_COLUMNS + " FROM webhook_deliveries WHERE workspace_id = ?"
                        + " AND endpoint_id = ? AND (queued_at < ? OR (queued_at = ? AND delivery_id < ?))"
                        + " ORDER BY queued_at DESC, delivery_id DESC LIMIT ?",
                        JdbcWebhookStore::delivery, workspaceId.value(), id.value(), at, at, after.get().id(), limit + 1);
            }
            if (rows.size() <= limit) {
                return new Slice<>(rows, Optional.empty());
            }
            List<WebhookDelivery> page = rows.subList(0, limit);
            WebhookDelivery last = page.get(limit - 1);
            return new Slice<>(page, Optional.of(new Keyset(last.queuedAt(), last.id().value())));
        });
    }

    @Override
    public Optional<WebhookDelivery> retryNow(WorkspaceId workspaceId, WebhookEndpointId id, WebhookDeliveryId deliveryId,
                                              Instant now) {
        return tx.write(c -> {
            Jdbc.update(c, "UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ?"
                    + " WHERE workspace_id = ? AND endpoint_id = ? AND delivery_id = ?",
                    Jdbc.micros(now), workspaceId.value(), id.value(), deliveryId.value());
            return Jdbc.queryOne(c, "SELECT " + DELIVERY_COLUMNS + " FROM webhook_deliveries WHERE workspace_id = ?"
                    + " AND endpoint_id = ? AND delivery_id = ?", JdbcWebhookStore::delivery,
                    workspaceId.value(), id.value(), deliveryId.value());
        });
    }

    @Override
    public int purgeFinishedBefore(Instant cutoff, int batchSize) {
        return tx.write(c -> {
            List<Object[]> keys = Jdbc.query(c, "SELECT workspace_id, endpoint_id, delivery_id FROM webhook_deliveries"
                    + " WHERE queued_at < ? AND status <> 'pending' LIMIT ? FOR UPDATE SKIP LOCKED",
                    rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3)}, Jdbc.micros(cutoff), batchSize);
            if (keys.isEmpty()) {
                return 0;
            }
            try (var ps = c.prepareStatement("DELETE FROM webhook_deliveries WHERE workspace_id = ? AND endpoint_id = ?"
                    + " AND delivery_id = ?")) {
                for (Object[] key : keys) {
                    Jdbc.bind(ps, key);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return keys.size();
        });
    }

    private byte[] randomBytes() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return b;
    }

    private byte[] seal(WebhookEndpointId id, WebhookSecret secret) {
        return cipher.seal(secret.value().getBytes(StandardCharsets.UTF_8), sealingContext(id));
    }

    private WebhookSecret open(WebhookEndpointId id, byte[] sealed) {
        return new WebhookSecret(new String(cipher.open(sealed, sealingContext(id)), StandardCharsets.UTF_8));
    }

    private static String types(Set<EventType> events) {
        List<String> names = new ArrayList<>();
        for (EventType type : events) {
            names.add(type.wireName());
        }
        return String.join(",", names);
    }

    private static WebhookEndpoint endpoint(ResultSet rs) throws SQLException {
        Set<EventType> events = EnumSet.noneOf(EventType.class);
        for (String name : rs.getString("event_types").split(",")) {
            events.add(EventType.byWireName(name).orElseThrow(() -> new IllegalStateException("unknown event type " + name)));
        }
        return WebhookEndpoint.restore(new WebhookEndpointId(rs.getString("endpoint_id")),
                new WorkspaceId(rs.getString("workspace_id")), new WebhookUrl(rs.getString("url")), events,
                Jdbc.instant(rs, "created_at"), Jdbc.optionalInstant(rs, "failing_since"),
                Jdbc.optionalInstant(rs, "disabled_at"), Jdbc.optionalText(rs, "disabled_reason"));
    }

    private static WebhookDelivery delivery(ResultSet rs) throws SQLException {
        String type = rs.getString("event_type");
        int status = rs.getInt("response_status");
        OptionalInt responseStatus = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(status);
        long duration = rs.getLong("duration_ms");
        OptionalLong durationMs = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(duration);
        return new WebhookDelivery(new WebhookDeliveryId(rs.getString("delivery_id")),
                new WebhookEndpointId(rs.getString("endpoint_id")), new EventId(rs.getLong("event_position")),
                EventType.byWireName(type).orElseThrow(() -> new IllegalStateException("unknown event type " + type)),
                DeliveryStatus.fromWire(rs.getString("status")).orElseThrow(), rs.getInt("attempts"),
                Jdbc.instant(rs, "queued_at"), Jdbc.optionalInstant(rs, "last_attempt_at"), responseStatus, durationMs);
    }
}
