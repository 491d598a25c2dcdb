package dev.visitorauth.adapter.rest.stream;

import dev.visitorauth.application.port.in.EventSink;
import dev.visitorauth.domain.event.EventData;
import dev.visitorauth.domain.event.EventType;
import dev.visitorauth.domain.event.WorkspaceEvent;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Writes a stream's events as Server-Sent Events (spec 14, "Stream events"): {@code id: evt_<n>},
 * {@code event: <type>}, {@code data: <envelope JSON>} per event, and a comment as heartbeat.
 */
final class SseEventSink implements EventSink {
    private final SseEmitter emitter;
    private final Clock clock;

    SseEventSink(SseEmitter emitter, Clock clock) {
        this.emitter = Objects.requireNonNull(emitter, "emitter");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The first bytes of every stream, so the client sees it open before any event. */
    void opened() throws IOException {
        emitter.send(SseEmitter.event().comment("open"));
    }

    @Override
    public void send(WorkspaceEvent event) throws IOException {
        emitter.send(SseEmitter.event().id(event.id().wire()).name(event.type().wireName())
                .data(event.envelopeJson(), MediaType.TEXT_PLAIN));
    }

    @Override
    public void heartbeat() throws IOException {
        emitter.send(SseEmitter.event().comment("heartbeat"));
    }

    @Override
    public void end(StreamEnd reason) {
        try {
            if (reason == StreamEnd.SESSION_EXPIRED) {
                // Not an event of the log: no SSE id, so the client's Last-Event-ID stays its last real one.
                String envelope = EventData.builder().nullValue("id").string("type", EventType.SESSION_ENDED.wireName())
                        .time("at", clock.instant()).raw("data", EventData.builder().string("reason", "expired").build())
                        .build().json();
                emitter.send(SseEmitter.event().name(EventType.SESSION_ENDED.wireName())
                        .data(envelope, MediaType.TEXT_PLAIN));
            }
            emitter.complete();
        } catch (IOException | IllegalStateException clientGone) {
            emitter.completeWithError(clientGone);
        }
    }
}
