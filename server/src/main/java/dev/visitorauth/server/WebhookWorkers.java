package dev.visitorauth.server;

import dev.visitorauth.application.port.in.DeliverWebhooksUseCase;
import dev.visitorauth.application.port.in.DeliverWebhooksUseCase.DeliveryRound;
import dev.visitorauth.application.port.out.EventSignalsPort;
import dev.visitorauth.domain.workspace.WorkspaceId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The webhook delivery workers of this node: {@code threads} threads, each running rounds of
 * {@link DeliverWebhooksUseCase} back to back while they find work, then waiting for the poll
 * interval or a commit on this node (an event-log signal), whichever comes first, and at least
 * {@link #SIGNAL_GAP} from the idle round's start (so a round takes in every commit of that time,
 * rather than one round per commit). Other nodes' commits are found by the poll. A failed round is logged and the worker goes on after one interval.
 * Counters: {@code visitorauth.webhook.deliveries} by {@code outcome} (delivered, retrying, failed),
 * {@code visitorauth.webhook.queued} and {@code visitorauth.webhook.endpoints.disabled}.
 */
public final class WebhookWorkers implements SmartLifecycle, EventSignalsPort.Listener {
    private static final Logger log = LoggerFactory.getLogger("visitorauth.webhooks");
    /** The least time from one idle round's start to the next: a webhook waits at most this long for its round. */
    static final Duration SIGNAL_GAP = Duration.ofMillis(50);

    private final DeliverWebhooksUseCase deliver;
    private final VisitorAuthProperties.Webhooks settings;
    private final Counter delivered;
    private final Counter retrying;
    private final Counter failed;
    private final Counter queued;
    private final Counter disabled;
    private final Object wake = new Object();
    private long signals;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    WebhookWorkers(DeliverWebhooksUseCase deliver, VisitorAuthProperties.Webhooks settings, MeterRegistry meters) {
        this.deliver = Objects.requireNonNull(deliver, "deliver");
        this.settings = Objects.requireNonNull(settings, "settings");
        String name = "visitorauth.webhook.deliveries";
        delivered = Counter.builder(name).description("Webhook delivery attempts by outcome").tag("outcome", "delivered")
                .register(meters);
        retrying = Counter.builder(name).description("Webhook delivery attempts by outcome").tag("outcome", "retrying")
                .register(meters);
        failed = Counter.builder(name).description("Webhook delivery attempts by outcome").tag("outcome", "failed")
                .register(meters);
        queued = Counter.builder("visitorauth.webhook.queued").description("Webhook deliveries queued from the event log")
                .register(meters);
        disabled = Counter.builder("visitorauth.webhook.endpoints.disabled")
                .description("Webhook endpoints disabled after failing for 3 days").register(meters);
    }

    /** One round on the calling thread (tests and benchmarks drive it by hand); counts as the workers do. */
    public DeliveryRound runOnce() {
        DeliveryRound round = deliver.deliverDue(settings.batchSize());
        queued.increment(round.queued());
        delivered.increment(round.delivered());
        retrying.increment(round.retrying());
        failed.increment(round.failed());
        disabled.increment(round.disabled());
        return round;
    }

    private void work() {
        while (running) {
            long seen;
            synchronized (wake) {
                seen = signals;
            }
            long roundStarted = System.nanoTime();
            boolean busy;
            try {
                busy = runOnce().busy();
            } catch (RuntimeException e) {
                log.warn("webhook_round failed; the worker goes on in {}: {}", settings.pollInterval(), e.toString());
                busy = false;
            }
            if (!busy) {
                await(seen, settings.pollInterval());
                // Signals come with every commit that appends an event (thousands a second under load):
                // a worker that found nothing to do starts its next round SIGNAL_GAP after this one at
                // the earliest, so one round takes in every commit of that time.
                pause(roundStarted + SIGNAL_GAP.toNanos() - System.nanoTime());
            }
        }
    }

    private void pause(long nanos) {
        if (nanos <= 0) {
            return;
        }
        synchronized (wake) {
            long deadline = System.nanoTime() + nanos;
            for (long left = nanos; running && left > 0; left = deadline - System.nanoTime()) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(wake, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void await(long seen, Duration interval) {
        long deadline = System.nanoTime() + interval.toNanos();
        synchronized (wake) {
            while (running && signals == seen) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(wake, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void appended(WorkspaceId workspaceId) {
        nudge();
    }

    @Override
    public void mayHaveMissedSignals() {
        nudge();
    }

    private void nudge() {
        synchronized (wake) {
            signals++;
            wake.notifyAll();
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (int i = 0; i < settings.threads(); i++) {
            Thread t = new Thread(this::work, "visitorauth-webhooks-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        nudge();
        for (Thread t : threads) {
            t.interrupt();
        }
        for (Thread t : threads) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
