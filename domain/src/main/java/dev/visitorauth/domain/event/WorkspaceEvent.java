package dev.visitorauth.domain.event;

import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** An event read back from the workspace's log: what was appended, with the id the log gave it. */
public record WorkspaceEvent(EventId id, WorkspaceId workspaceId, EventType type, Instant at, EventAudience audience,
                             EventData data) {
    /** How long the log keeps an event for replay (spec section 10: 24 hours). */
    public static final Duration RETENTION = Duration.ofHours(24);

    public WorkspaceEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(data, "data");
    }

    /**
     * The envelope every way out sends as the event's JSON (spec 14, "Stream events"):
     * {@code {"id","type","at","data"}}.
     */
    public String envelopeJson() {
        return EventData.builder().string("id", id.wire()).string("type", type.wireName()).time("at", at)
                .raw("data", data).build().json();
    }
}
