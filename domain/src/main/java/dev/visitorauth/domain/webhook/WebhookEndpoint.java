package dev.visitorauth.domain.webhook;

import dev.visitorauth.domain.event.EventType;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A workspace's webhook endpoint: where it is, what it subscribes to, and whether it is disabled
 * (after failing for {@link RetrySchedule#DISABLE_AFTER}, with the reason). Its secret is kept
 * apart (it is shown once, at create and rotation).
 */
public final class WebhookEndpoint {
    private final WebhookEndpointId id;
    private final WorkspaceId workspaceId;
    private final WebhookUrl url;
    private final Set<EventType> events;
    private final Instant createdAt;
    private final Instant failingSince;
    private final Instant disabledAt;
    private final String disabledReason;

    private WebhookEndpoint(WebhookEndpointId id, WorkspaceId workspaceId, WebhookUrl url, Set<EventType> events,
                            Instant createdAt, Instant failingSince, Instant disabledAt, String disabledReason) {
        this.id = Objects.requireNonNull(id, "id");
        this.workspaceId = Objects.requireNonNull(workspaceId, "workspaceId");
        this.url = Objects.requireNonNull(url, "url");
        if (events.isEmpty()) {
            throw new IllegalArgumentException("an endpoint subscribes to at least one event type");
        }
        for (EventType type : events) {
            if (!type.reachesWorkspace()) {
                throw new IllegalArgumentException(type.wireName() + " is not a webhook event");
            }
        }
        this.events = Set.copyOf(EnumSet.copyOf(events));
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.failingSince = failingSince;
        if ((disabledAt == null) != (disabledReason == null)) {
            throw new IllegalArgumentException("a disabled endpoint has both a time and a reason");
        }
        this.disabledAt = disabledAt;
        this.disabledReason = disabledReason;
    }

    /** A new, enabled endpoint. */
    public static WebhookEndpoint create(WebhookEndpointId id, WorkspaceId workspaceId, WebhookUrl url,
                                         Set<EventType> events, Instant now) {
        return new WebhookEndpoint(id, workspaceId, url, events, now, null, null, null);
    }

    /** An endpoint as stored. */
    public static WebhookEndpoint restore(WebhookEndpointId id, WorkspaceId workspaceId, WebhookUrl url,
                                          Set<EventType> events, Instant createdAt, Optional<Instant> failingSince,
                                          Optional<Instant> disabledAt, Optional<String> disabledReason) {
        return new WebhookEndpoint(id, workspaceId, url, events, createdAt, failingSince.orElse(null),
                disabledAt.orElse(null), disabledReason.orElse(null));
    }

    /** This endpoint with a new URL and subscription; a change re-enables it and forgets its failures. */
    public WebhookEndpoint changed(WebhookUrl newUrl, Set<EventType> newEvents, boolean enable) {
        if (enable) {
            return new WebhookEndpoint(id, workspaceId, newUrl, newEvents, createdAt, null, null, null);
        }
        return new WebhookEndpoint(id, workspaceId, newUrl, newEvents, createdAt, failingSince, disabledAt, disabledReason);
    }

    /** This endpoint failing since {@code since} (kept when it already was). */
    public WebhookEndpoint failing(Instant since) {
        return new WebhookEndpoint(id, workspaceId, url, events, createdAt, failingSince == null ? since : failingSince,
                disabledAt, disabledReason);
    }

    /** This endpoint disabled at {@code at} for {@code reason} (shown on GET). */
    public WebhookEndpoint disabled(Instant at, String reason) {
        return new WebhookEndpoint(id, workspaceId, url, events, createdAt, failingSince, Objects.requireNonNull(at, "at"),
                Objects.requireNonNull(reason, "reason"));
    }

    /** True when deliveries of {@code type} go to this endpoint. */
    public boolean subscribes(EventType type) {
        return events.contains(type);
    }

    public WebhookEndpointId id() {
        return id;
    }

    public WorkspaceId workspaceId() {
        return workspaceId;
    }

    public WebhookUrl url() {
        return url;
    }

    /** The subscribed types, in the order of {@link EventType}. */
    public Set<EventType> events() {
        return EnumSet.copyOf(events);
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** Since when every attempt has failed, when the last one did. */
    public Optional<Instant> failingSince() {
        return Optional.ofNullable(failingSince);
    }

    /** When it was disabled, if it is. */
    public Optional<Instant> disabledAt() {
        return Optional.ofNullable(disabledAt);
    }

    /** Why it was disabled, if it is. */
    public Optional<String> disabledReason() {
        return Optional.ofNullable(disabledReason);
    }

    public boolean enabled() {
        return disabledAt == null;
    }
}
