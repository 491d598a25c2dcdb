package dev.visitorauth.adapter.rest.stream;

import static dev.visitorauth.adapter.rest.error.RefusedException.unwrap;

import dev.visitorauth.adapter.rest.auth.WidgetSession;
import dev.visitorauth.application.port.in.WatchEventsUseCase;
import dev.visitorauth.application.port.in.WatchEventsUseCase.OpenStream;
import dev.visitorauth.application.port.in.WatchEventsUseCase.Subject;
import dev.visitorauth.application.port.in.WatchEventsUseCase.WatchQuery;
import dev.visitorauth.domain.event.EventId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The event streams over Server-Sent Events (spec sections 10 and 14): a widget session's
 * ({@code GET /v1/stream}) and a workspace's ({@code GET /v1/admin/stream}). Each is Spring MVC's
 * {@link SseEmitter} on the container's async support: an open stream holds no request thread; the
 * node's dispatcher writes to it from its shared pool.
 */
@RestController
@Tag(name = "Streams", description = "Server-Sent Events of the workspace event log.")
public class StreamController {
    static final String LAST_EVENT_ID = "Last-Event-ID";

    private final WatchEventsUseCase watch;
    private final Clock clock;

    public StreamController(WatchEventsUseCase watch, ObjectProvider<Clock> clock) {
        this.watch = Objects.requireNonNull(watch, "watch");
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @GetMapping(value = "/v1/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "The session's events (SSE)",
            description = "message.created, conversation.created, conversation.read and session.ended of this session's"
                    + " owner, as Server-Sent Events: id (evt_<n>), event (the type) and data ({id, type, at, data}). Resume"
                    + " with Last-Event-ID (events are kept 24 hours). A comment every 20 s keeps it open; it closes right"
                    + " after session.ended.")
    @SecurityRequirement(name = "sessionToken")
    public SseEmitter widgetStream(WidgetSession session,
                                   @Parameter(description = "The id of the last event received: replay what came after it")
                                   @RequestHeader(value = LAST_EVENT_ID, required = false) String lastEventId,
                                   HttpServletResponse response) throws IOException {
        return open(new Subject.Session(session.token()), lastEventId, LAST_EVENT_ID, response);
    }

    @GetMapping(value = "/v1/admin/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "The workspace's events (SSE)",
            description = "conversation.created, message.created and the identity events of spec section 11 of the whole"
                    + " workspace, for agent inboxes and internal services. Resume with Last-Event-ID (or ?after=).")
    @SecurityRequirement(name = "workspaceApiKey")
    public SseEmitter adminStream(WorkspaceId workspace,
                                  @RequestHeader(value = LAST_EVENT_ID, required = false) String lastEventId,
                                  @Parameter(description = "Like Last-Event-ID, for clients that cannot set headers")
                                  @RequestParam(value = "after", required = false) String after,
                                  HttpServletResponse response) throws IOException {
        String from = lastEventId != null && !lastEventId.isEmpty() ? lastEventId : after;
        return open(new Subject.Workspace(workspace), from, from == lastEventId ? LAST_EVENT_ID : "after", response);
    }

    /** @param member the request member that carried {@code after}, for a refusal's {@code claim} */
    private SseEmitter open(Subject subject, String after, String member, HttpServletResponse response) throws IOException {
        // No timeout: the stream lives until its session ends, the client leaves or the node stops.
        SseEmitter emitter = new SseEmitter(0L);
        SseEventSink sink = new SseEventSink(emitter, clock);
        Optional<EventId> from = Optional.ofNullable(after).filter(a -> !a.isEmpty()).map(a -> unwrap(EventId.parse(a), member));
        OpenStream stream = unwrap(watch.watch(new WatchQuery(subject, from), sink), member);
        emitter.onCompletion(stream::cancel);
        emitter.onTimeout(stream::cancel);
        emitter.onError(e -> stream.cancel());
        response.setHeader("X-Accel-Buffering", "no"); // proxies must not buffer a stream
        sink.opened();
        return emitter;
    }
}
