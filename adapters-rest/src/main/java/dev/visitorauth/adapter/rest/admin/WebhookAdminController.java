package dev.visitorauth.adapter.rest.admin;

import static dev.visitorauth.adapter.rest.error.RefusedException.unwrap;

import dev.visitorauth.adapter.rest.error.RefusedException;
import dev.visitorauth.adapter.rest.json.JsonBody;
import dev.visitorauth.adapter.rest.json.QueryParameters;
import dev.visitorauth.application.port.in.CreateWebhookUseCase.CreateWebhookCommand;
import dev.visitorauth.application.port.in.CreateWebhookUseCase;
import dev.visitorauth.application.port.in.DeleteWebhookUseCase;
import dev.visitorauth.application.port.in.GetWebhookUseCase;
import dev.visitorauth.application.port.in.ListWebhookDeliveriesUseCase.ListWebhookDeliveriesQuery;
import dev.visitorauth.application.port.in.ListWebhookDeliveriesUseCase;
import dev.visitorauth.application.port.in.ListWebhooksUseCase;
import dev.visitorauth.application.port.in.RetryWebhookDeliveryUseCase;
import dev.visitorauth.application.port.in.RotateWebhookSecretUseCase;
import dev.visitorauth.application.port.in.UpdateWebhookUseCase.UpdateWebhookCommand;
import dev.visitorauth.application.port.in.UpdateWebhookUseCase;
import dev.visitorauth.application.port.in.WebhookDeliveryPage;
import dev.visitorauth.application.port.in.WebhookDetails;
import dev.visitorauth.domain.event.EventType;
import dev.visitorauth.domain.webhook.WebhookDelivery;
import dev.visitorauth.domain.webhook.WebhookDeliveryId;
import dev.visitorauth.domain.webhook.WebhookEndpoint;
import dev.visitorauth.domain.webhook.WebhookEndpointId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/** Webhook endpoints and their delivery logs (spec sections 11 and 14); docs/webhooks.md. */
@RestController
@Tag(name = "Admin: webhooks", description = "Server-to-server (workspace API key).")
@SecurityRequirement(name = "workspaceApiKey")
public class WebhookAdminController {
    private final CreateWebhookUseCase create;
    private final GetWebhookUseCase get;
    private final ListWebhooksUseCase list;
    private final UpdateWebhookUseCase update;
    private final DeleteWebhookUseCase delete;
    private final RotateWebhookSecretUseCase rotate;
    private final ListWebhookDeliveriesUseCase deliveries;
    private final RetryWebhookDeliveryUseCase retry;

    public WebhookAdminController(CreateWebhookUseCase create, GetWebhookUseCase get, ListWebhooksUseCase list,
                                  UpdateWebhookUseCase update, DeleteWebhookUseCase delete, RotateWebhookSecretUseCase rotate,
                                  ListWebhookDeliveriesUseCase deliveries, RetryWebhookDeliveryUseCase retry) {
        this.create = Objects.requireNonNull(create, "create");
        this.get = Objects.requireNonNull(get, "get");
        this.list = Objects.requireNonNull(list, "list");
        this.update = Objects.requireNonNull(update, "update");
        this.delete = Objects.requireNonNull(delete, "delete");
        this.rotate = Objects.requireNonNull(rotate, "rotate");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.retry = Objects.requireNonNull(retry, "retry");
    }

    /** An endpoint as GET shows it: never its secret. */
    public record WebhookResponse(String id, String url, List<String> events, String createdAt, boolean enabled,
                                  String disabledAt, String disabledReason, String failingSince) {
    }

    /** An endpoint just created: the only answer with its secret besides a rotation. */
    public record CreatedWebhookResponse(String id, String url, List<String> events, String secret, String createdAt) {
    }

    public record WebhookListResponse(List<WebhookResponse> webhooks) {
    }

    public record SecretResponse(String secret) {
    }

    public record DeliveryResponse(String id, String eventId, String type, String status, int attempts, String lastAttemptAt,
                                   Integer responseStatus, Long durationMs) {
    }

    public record DeliveryListResponse(List<DeliveryResponse> deliveries, String nextCursor) {
    }

    @PostMapping("/v1/admin/webhooks")
    @Operation(summary = "Create a webhook endpoint",
            description = "{url, events}: an https URL and at least one event type. Answers 201 with the endpoint's whsec_ "
                    + "secret, shown this once. It receives events committed from now on. At most 20 per workspace.")
    public ResponseEntity<CreatedWebhookResponse> create(WorkspaceId workspace, @RequestBody(required = false) JsonNode body) {
        JsonBody json = JsonBody.of(body, "url", "events");
        String url = json.string("url").orElseThrow(() -> RefusedException.invalid("url", "url is required: the https URL "
                + "deliveries are POSTed to."));
        List<String> events = json.stringList("events").orElseThrow(() -> RefusedException.invalid("events",
                "events is required: the event types to deliver, e.g. [\"user.created\"]."));
        WebhookDetails created = unwrap(create.createWebhook(new CreateWebhookCommand(workspace, url, events)));
        WebhookEndpoint e = created.endpoint();
        return ResponseEntity.status(HttpStatus.CREATED).body(new CreatedWebhookResponse(e.id().value(), e.url().value(),
                names(e), created.secret().value(), e.createdAt().toString()));
    }

    @GetMapping("/v1/admin/webhooks")
    @Operation(summary = "The workspace's webhook endpoints, oldest first (without secrets)")
    public WebhookListResponse list(WorkspaceId workspace) {
        return new WebhookListResponse(unwrap(list.listWebhooks(workspace)).stream().map(WebhookAdminController::response)
                .toList());
    }

    @GetMapping("/v1/admin/webhooks/{webhookId}")
    @Operation(summary = "A webhook endpoint (without its secret); a disabled one says why")
    public WebhookResponse get(WorkspaceId workspace, @PathVariable String webhookId) {
        return response(unwrap(get.getWebhook(workspace, unwrap(WebhookEndpointId.parse(webhookId)))));
    }

    @PatchMapping("/v1/admin/webhooks/{webhookId}")
    @Operation(summary = "Change a webhook endpoint's url and/or events",
            description = "Checked as at create. Any change enables a disabled endpoint again; it then receives events "
                    + "committed from then on.")
    public WebhookResponse patch(WorkspaceId workspace, @PathVariable String webhookId,
                                 @RequestBody(required = false) JsonNode body) {
        JsonBody json = JsonBody.of(body, "url", "events");
        Optional<String> url = json.string("url");
        Optional<List<String>> events = json.stringList("events");
        if (url.isEmpty() && events.isEmpty()) {
            throw RefusedException.invalid("body", "Give url, events, or both.");
        }
        return response(unwrap(update.updateWebhook(new UpdateWebhookCommand(workspace, unwrap(WebhookEndpointId.parse(webhookId)), url, events))));
    }

    @DeleteMapping("/v1/admin/webhooks/{webhookId}")
    @Operation(summary = "Delete a webhook endpoint and its delivery log")
    public ResponseEntity<Void> delete(WorkspaceId workspace, @PathVariable String webhookId) {
        unwrap(delete.deleteWebhook(workspace, unwrap(WebhookEndpointId.parse(webhookId))));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/v1/admin/webhooks/{webhookId}/secret/rotate")
    @Operation(summary = "Give a webhook endpoint a new whsec_ secret (shown this once)",
            description = "Every attempt from now on, retries included, is signed with the new secret.")
    public SecretResponse rotate(WorkspaceId workspace, @PathVariable String webhookId) {
        WebhookEndpointId id = unwrap(WebhookEndpointId.parse(webhookId));
        return new SecretResponse(unwrap(rotate.rotateWebhookSecret(workspace, id)).value());
    }

    @GetMapping("/v1/admin/webhooks/{webhookId}/deliveries")
    @Operation(summary = "A webhook endpoint's delivery log, newest first, a page at a time")
    public DeliveryListResponse deliveries(
            WorkspaceId workspace, @PathVariable String webhookId,
            @Parameter(description = "1 to 100; default 20") @RequestParam(required = false) String limit,
            @Parameter(description = "The previous page's nextCursor") @RequestParam(required = false) String cursor) {
        OptionalInt size = QueryParameters.optionalWholeNumber("limit", limit);
        Optional<String> after = QueryParameters.optionalText(cursor);
        WebhookDeliveryPage page = unwrap(deliveries.listWebhookDeliveries(new ListWebhookDeliveriesQuery(workspace,
                unwrap(WebhookEndpointId.parse(webhookId)), size, after)));
        return new DeliveryListResponse(page.deliveries().stream().map(WebhookAdminController::delivery).toList(),
                page.nextCursor().orElse(null));
    }

    @PostMapping("/v1/admin/webhooks/{webhookId}/deliveries/{deliveryId}/retry")
    @Operation(summary = "Attempt a delivery again now",
            description = "Answers 202: a worker attempts it within about a second; its outcome shows in the delivery log.")
    public ResponseEntity<DeliveryResponse> retry(WorkspaceId workspace, @PathVariable String webhookId,
                                                  @PathVariable String deliveryId) {
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(delivery(unwrap(retry.retryWebhookDelivery(workspace, unwrap(WebhookEndpointId.parse(webhookId)),
                        unwrap(WebhookDeliveryId.parse(deliveryId))))));
    }

    private static List<String> names(WebhookEndpoint e) {
        return e.events().stream().map(EventType::wireName).toList();
    }

    private static WebhookResponse response(WebhookEndpoint e) {
        return new WebhookResponse(e.id().value(), e.url().value(), names(e), e.createdAt().toString(), e.enabled(),
                e.disabledAt().map(Instant::toString).orElse(null), e.disabledReason().orElse(null),
                e.failingSince().map(Instant::toString).orElse(null));
    }

    private static DeliveryResponse delivery(WebhookDelivery d) {
        return new DeliveryResponse(d.id().value(), d.eventId().wire(), d.type().wireName(), d.status().wire(), d.attempts(),
                d.lastAttemptAt().map(Instant::toString).orElse(null),
                d.responseStatus().isPresent() ? d.responseStatus().getAsInt() : null,
                d.durationMs().isPresent() ? d.durationMs().getAsLong() : null);
    }
}
