package dev.visitorauth.adapter.rest.widget;

import static dev.visitorauth.adapter.rest.error.RefusedException.unwrap;

import dev.visitorauth.adapter.rest.auth.WidgetSession;
import dev.visitorauth.adapter.rest.json.JsonBody;
import dev.visitorauth.adapter.rest.json.Requests;
import dev.visitorauth.adapter.rest.json.Responses.SessionResponse;
import dev.visitorauth.adapter.rest.json.Responses.StartedSessionResponse;
import dev.visitorauth.adapter.rest.json.RestMapper;
import dev.visitorauth.application.port.in.EndSessionUseCase;
import dev.visitorauth.application.port.in.StartSessionUseCase.StartSessionCommand;
import dev.visitorauth.application.port.in.StartSessionUseCase;
import dev.visitorauth.domain.visitor.VisitorId;
import dev.visitorauth.domain.widget.WidgetId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/** Widget start-up ({@code POST /v1/widgets/{widgetId}/sessions}) and the session itself. */
@RestController
@Tag(name = "Widget", description = "Called by the chat widget in the browser.")
public class SessionController {
    private final StartSessionUseCase startSession;
    private final EndSessionUseCase endSession;

    public SessionController(StartSessionUseCase startSession, EndSessionUseCase endSession) {
        this.startSession = Objects.requireNonNull(startSession, "startSession");
        this.endSession = Objects.requireNonNull(endSession, "endSession");
    }

    @PostMapping("/v1/widgets/{widgetId}/sessions")
    @Operation(summary = "Start a widget session",
            description = "Verifies the visitor token if one is sent and links the visitor to the company's user "
                    + "(spec section 4). An empty body counts as {}.")
    public ResponseEntity<StartedSessionResponse> start(
            @PathVariable String widgetId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = Requests.StartSessionRequest.class)))
            @RequestBody(required = false) JsonNode body,
            HttpServletRequest request) {
        JsonBody json = JsonBody.of(body, "visitorId", "visitorToken");
        Optional<String> visitorId = json.nonEmptyString("visitorId");
        Optional<String> visitorToken = json.nonEmptyString("visitorToken");
        Optional<String> origin = Optional.ofNullable(request.getHeader(HttpHeaders.ORIGIN)).filter(o -> !o.isEmpty());
        WidgetId widget = unwrap(WidgetId.parse(widgetId));
        Optional<VisitorId> visitor = visitorId.isPresent() ? Optional.of(unwrap(VisitorId.parse(visitorId.get())))
                : Optional.empty();
        var started = unwrap(startSession.startSession(
                new StartSessionCommand(widget, visitor, visitorToken, origin, request.getRemoteAddr())));
        return ResponseEntity.status(HttpStatus.CREATED).body(RestMapper.startedSession(started));
    }

    @GetMapping("/v1/session")
    @Operation(summary = "The current session", description = "The start-up response without the session token.")
    @SecurityRequirement(name = "sessionToken")
    public SessionResponse current(WidgetSession session) {
        return RestMapper.session(session.view());
    }

    @DeleteMapping("/v1/session")
    @Operation(summary = "End the session (logout)")
    @SecurityRequirement(name = "sessionToken")
    public ResponseEntity<Void> end(WidgetSession session) {
        unwrap(endSession.endSession(session.token()));
        return ResponseEntity.noContent().build();
    }
}
