package dev.visitorauth.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.application.port.out.Slice;
import dev.visitorauth.application.port.out.WebhookDeliveryQueuePort.AttemptRecord;
import dev.visitorauth.application.port.out.WebhookDeliveryQueuePort.DueDelivery;
import dev.visitorauth.application.port.out.WebhookDeliveryQueuePort.EndpointBehind;
import dev.visitorauth.application.port.out.WebhookDeliveryQueuePort.NewDelivery;
import dev.visitorauth.contract.Concurrently;
import dev.visitorauth.contract.TestData;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.event.EventAudience;
import dev.visitorauth.domain.event.EventData;
import dev.visitorauth.domain.event.EventId;
import dev.visitorauth.domain.event.EventType;
import dev.visitorauth.domain.event.NewEvent;
import dev.visitorauth.domain.webhook.DeliveryStatus;
import dev.visitorauth.domain.webhook.WebhookDelivery;
import dev.visitorauth.domain.webhook.WebhookDeliveryId;
import dev.visitorauth.domain.webhook.WebhookEndpoint;
import dev.visitorauth.domain.webhook.WebhookEndpointId;
import dev.visitorauth.domain.webhook.WebhookSecret;
import dev.visitorauth.domain.webhook.WebhookUrl;
import dev.visitorauth.domain.workspace.Workspace;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Webhook endpoints and the delivery queue: sealed secrets, isolation, the outbox position, claims and leases. */
abstract class WebhookStoreContractTest extends DatabaseContract {

    private WorkspaceId workspace() {
        Workspace w = TestData.workspace(clock.instant());
        db.workspaces().createWorkspace(w, TestData.randomHash());
        return w.id();
    }

    private WebhookEndpoint endpoint(WorkspaceId ws, WebhookSecret secret) {
        WebhookEndpoint e = WebhookEndpoint.create(new WebhookEndpointId(TestData.id("wh_")), ws,
                new WebhookUrl("https://hooks.example.com/in"), Set.of(EventType.USER_CREATED, EventType.USER_ERASED),
                clock.instant());
        inTx(() -> {
            db.webhooks().createWebhookEndpoint(e, secret);
            return true;
        });
        return e;
    }

    private <T> T inTx(Supplier<T> work) {
        return db.transactions().inTransaction(() -> Result.ok(work.get())).orElseThrow();
    }

    private void append(WorkspaceId ws, EventType type) {
        inTx(() -> {
            db.events().append(new NewEvent(ws, type, clock.instant(), new EventAudience.WorkspaceOnly(),
                    EventData.builder().string("id", "u1").build()));
            return true;
        });
    }

    private DueDelivery queueOne(WorkspaceId ws, WebhookEndpoint e) {
        append(ws, EventType.USER_CREATED);
        inTx(() -> {
            EndpointBehind behind = db.webhooks().lockEndpointsBehind(1000).stream()
                    .filter(b -> b.endpoint().id().equals(e.id())).findFirst().orElseThrow();
            EventId position = db.events().newest(ws).orElseThrow();
            db.webhooks().queue(e, List.of(new NewDelivery(new WebhookDeliveryId(TestData.id("whd_")), position,
                    EventType.USER_CREATED, "{\"type\":\"user.created\"}", clock.instant())), position);
            return behind;
        });
        List<DueDelivery> due = inTx(() -> db.webhooks().claimDue(clock.instant(), clock.instant().plusSeconds(120), 1000));
        return due.stream().filter(d -> d.endpointId().equals(e.id())).findFirst().orElseThrow();
    }

    @Test
    void anEndpointRoundTripsAndItsSecretIsStoredSealed() throws Exception {
        WorkspaceId ws = workspace();
        WebhookSecret secret = WebhookSecret.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
                20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
        WebhookEndpoint e = endpoint(ws, secret);

        WebhookEndpoint read = db.webhooks().webhookEndpoint(ws, e.id()).orElseThrow();
        assertThat(read.url()).isEqualTo(e.url());
        assertThat(read.events()).isEqualTo(e.events());
        assertThat(read.enabled()).isTrue();
        byte[] stored = (byte[]) rawValue("SELECT sealed_secret FROM webhook_endpoints WHERE endpoint_id = ?", e.id().value());
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(secret.value().substring(6));
        DueDelivery due = queueOne(ws, e);
        assertThat(due.secret()).isEqualTo(secret);
    }

    @Test
    void anotherWorkspaceNeverSeesOrDeletesAnEndpoint() {
        WorkspaceId ws = workspace();
        WorkspaceId other = workspace();
        WebhookEndpoint e = endpoint(ws, WebhookSecret.of(new byte[32]));

        assertThat(db.webhooks().webhookEndpoint(other, e.id())).isEmpty();
        assertThat(db.webhooks().webhookEndpoints(other)).isEmpty();
        assertThat(inTx(() -> db.webhooks().deleteWebhookEndpoint(other, e.id()))).isFalse();
        assertThat(db.webhooks().webhookEndpoints(ws)).extracting(WebhookEndpoint::id).containsExactly(e.id());
    }

    @Test
    void aNewEndpointStartsAfterTheEventsAlreadyInTheLog() {
        WorkspaceId ws = workspace();
        append(ws, EventType.USER_CREATED);
        append(ws, EventType.USER_CREATED);
        WebhookEndpoint e = endpoint(ws, WebhookSecret.of(new byte[32]));
        assertThat(inTx(() -> db.webhooks().lockEndpointsBehind(1000)).stream().map(b -> b.endpoint().id()))
                .doesNotContain(e.id());

        append(ws, EventType.USER_CREATED);
        EndpointBehind behind = inTx(() -> db.webhooks().lockEndpointsBehind(1000)).stream()
                .filter(b -> b.endpoint().id().equals(e.id())).findFirst().orElseThrow();
        assertThat(behind.position()).contains(new EventId(2));
    }

    @Test
    void aDueDeliveryIsClaimedOnceUntilItsLeaseExpires() {
        WorkspaceId ws = workspace();
        WebhookEndpoint e = endpoint(ws, WebhookSecret.of(new byte[32]));
        DueDelivery first = queueOne(ws, e);

        List<DueDelivery> again = inTx(() -> db.webhooks().claimDue(clock.instant(), clock.instant().plusSeconds(120), 1000));
        assertThat(again).extracting(DueDelivery::id).doesNotContain(first.id());

        clock.advance(Duration.ofSeconds(121));
        List<DueDelivery> afterLease = inTx(() -> db.webhooks().claimDue(clock.instant(), clock.instant().plusSeconds(120), 1000));
        DueDelivery second = afterLease.stream().filter(d -> d.id().equals(first.id())).findFirst().orElseThrow();

        AttemptRecord stale = new AttemptRecord(first, clock.instant(), DeliveryStatus.DELIVERED, 1, Optional.empty(),
                OptionalInt.of(204), 3);
        assertThat(inTx(() -> db.webhooks().recordAttempt(stale))).as("the expired claim no longer records").isFalse();
        AttemptRecord current = new AttemptRecord(second, clock.instant(), DeliveryStatus.PENDING, 1,
                Optional.of(clock.instant().plusSeconds(5)), OptionalInt.of(503), 7);
        assertThat(inTx(() -> db.webhooks().recordAttempt(current))).isTrue();

        WebhookDelivery logged = db.webhooks().deliveries(ws, e.id(), Optional.empty(), 10).items().get(0);
        assertThat(logged.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(logged.attempts()).isEqualTo(1);
        assertThat(logged.responseStatus()).hasValue(503);
        assertThat(logged.durationMs()).hasValue(7);
    }

    @Test
    void concurrentClaimsNeverShareADelivery() throws Exception {
        WorkspaceId ws = workspace();
        WebhookEndpoint e = endpoint(ws, WebhookSecret.of(new byte[32]));
        List<NewDelivery> many = new ArrayList<>();
        append(ws, EventType.USER_CREATED);
        for (int i = 0; i < 40; i++) {
            many.add(new NewDelivery(new WebhookDeliveryId(TestData.id("whd_")), new EventId(1000 + i), EventType.USER_CREATED,
                    "{}", clock.instant()));
        }
        inTx(() -> {
            db.webhooks().queue(e, many, new EventId(1));
            return true;
        });
        Instant now = clock.instant();
        List<WebhookDeliveryId> claimed = new CopyOnWriteArrayList<>();
        Concurrently.run(4, n -> {
            // A claim skips rows another claim holds, so a thread may see an empty batch early: it
            // stops only when everything due has been claimed by someone.
            for (int round = 0; round < 200 && claimed.size() < 40; round++) {
                inTx(() -> db.webhooks().claimDue(now, now.plusSeconds(120), 3)).stream()
                        .filter(d -> d.endpointId().equals(e.id())).forEach(d -> claimed.add(d.id()));
            }
            return n;
        });
        assertThat(claimed).doesNotHaveDuplicates().hasSize(40);
    }

    @Test
    void theDeliveryLogPagesNewestFirst() {
        WorkspaceId ws = workspace();
        WebhookEndpoint e = endpoint(ws, WebhookSecret.of(new byte[32]));
        List<NewDelivery> three = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            three.add(new NewDelivery(new WebhookDeliveryId("whd_" + i), new EventId(i + 1), EventType.USER_CREATED, "{}",
                    clock.instant().plusSeconds(i)));
        }
        inTx(() -> {
            db.webhooks().queue(e, three, new EventId(3));
            return true;
        });
        Slice<WebhookDelivery> first = db.webhooks().deliveries(ws, e.id(), Optional.empty(), 2);
        assertThat(first.items()).extracting(d -> d.id().value()).containsExactly("whd_2", "whd_1");
        Slice<WebhookDelivery> second = db.webhooks().deliveries(ws, e.id(), first.next(), 2);
        assertThat(second.items()).extracting(d -> d.id().value()).containsExactly("whd_0");
        assertThat(second.next()).isEmpty();
        assertThat(db.webhooks().deliveries(workspace(), e.id(), Optional.empty(), 2).items()).isEmpty();
    }
}
