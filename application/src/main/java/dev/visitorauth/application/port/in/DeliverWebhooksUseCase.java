package dev.visitorauth.application.port.in;

/**
 * One round of the webhook worker (spec section 11), safe on every node at once: queues a delivery
 * for each committed event an endpoint subscribes to and has not yet been given, then claims the
 * deliveries that are due (each by one node, for a lease), attempts them, and records each outcome
 * with the retry schedule. Infrastructure failures are thrown; the next round starts over.
 */
public interface DeliverWebhooksUseCase {

    DeliveryRound deliverDue(int batchSize);

    /**
     * What one round did.
     *
     * @param queued    deliveries queued from the event log
     * @param delivered attempts answered with a 2xx
     * @param retrying  failed attempts with another scheduled
     * @param failed    failed attempts that were the last (the delivery is {@code failed})
     * @param disabled  endpoints disabled after failing for 3 days
     */
    record DeliveryRound(int queued, int delivered, int retrying, int failed, int disabled) {
        /** True when the round found work: another may find more at once. */
        public boolean busy() {
            return queued + delivered + retrying + failed > 0;
        }
    }
}
