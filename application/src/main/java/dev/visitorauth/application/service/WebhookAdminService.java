package dev.visitorauth.application.service;

import dev.visitorauth.application.port.in.CreateWebhookUseCase;
import dev.visitorauth.application.port.in.DeleteWebhookUseCase;
import dev.visitorauth.application.port.in.GetWebhookUseCase;
import dev.visitorauth.application.port.in.ListWebhooksUseCase;
import dev.visitorauth.application.port.in.RotateWebhookSecretUseCase;
import dev.visitorauth.application.port.in.UpdateWebhookUseCase;
import dev.visitorauth.application.port.in.WebhookDetails;
import dev.visitorauth.application.port.out.CheckOutboundAddressPort;
import dev.visitorauth.application.port.out.LoadWebhookEndpointsPort;
import dev.visitorauth.application.port.out.RandomPort;
import dev.visitorauth.application.port.out.SaveWebhookEndpointPort;
import dev.visitorauth.application.port.out.TransactionPort;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.event.EventType;
import dev.visitorauth.domain.webhook.WebhookEndpoint;
import dev.visitorauth.domain.webhook.WebhookEndpointId;
import dev.visitorauth.domain.webhook.WebhookEventTypes;
import dev.visitorauth.domain.webhook.WebhookSecret;
import dev.visitorauth.domain.webhook.WebhookUrl;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Webhook endpoints and their secrets (spec sections 11 and 14), for the workspace API key; their
 * delivery logs are {@link WebhookDeliveryLogService}'s. Every use case is one transaction; every
 * look-up is keyed by the caller's workspace, so another workspace's endpoints are {@code not_found}.
 */
public final class WebhookAdminService implements CreateWebhookUseCase, GetWebhookUseCase, ListWebhooksUseCase,
        UpdateWebhookUseCase, DeleteWebhookUseCase, RotateWebhookSecretUseCase {

    private final LoadWebhookEndpointsPort load;
    private final SaveWebhookEndpointPort save;
    private final CheckOutboundAddressPort outbound;
    private final TransactionPort transactions;
    private final RandomPort random;
    private final Credentials credentials;
    private final Clock clock;

    public WebhookAdminService(LoadWebhookEndpointsPort load, SaveWebhookEndpointPort save, CheckOutboundAddressPort outbound,
                               TransactionPort transactions, RandomPort random, Clock clock) {
        this.load = Objects.requireNonNull(load, "load");
        this.save = Objects.requireNonNull(save, "save");
        this.outbound = Objects.requireNonNull(outbound, "outbound");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.random = Objects.requireNonNull(random, "random");
        this.credentials = new Credentials(random);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Result<WebhookDetails> createWebhook(CreateWebhookCommand command) {
        return url(command.url()).flatMap(url -> WebhookEventTypes.parse(command.events()).flatMap(events ->
                transactions.inTransaction(() -> {
                    if (save.lockAndCountWebhookEndpoints(command.workspaceId()) >= MAX_ENDPOINTS) {
                        return Result.refused(ErrorCode.INVALID_REQUEST, "This workspace already has " + MAX_ENDPOINTS
                                + " webhook endpoints, the most it may have. Delete one, or subscribe one to more events.");
                    }
                    WebhookEndpoint endpoint = WebhookEndpoint.create(new WebhookEndpointId(credentials.id("wh_", 12)),
                            command.workspaceId(), url, events, clock.instant());
                    WebhookSecret secret = newSecret();
                    save.createWebhookEndpoint(endpoint, secret);
                    return Result.ok(new WebhookDetails(endpoint, secret));
                })));
    }

    @Override
    public Result<WebhookEndpoint> getWebhook(WorkspaceId workspaceId, WebhookEndpointId webhookId) {
        return transactions.inTransaction(() -> find(workspaceId, webhookId));
    }

    @Override
    public Result<List<WebhookEndpoint>> listWebhooks(WorkspaceId workspaceId) {
        return transactions.inTransaction(() -> Result.ok(load.webhookEndpoints(workspaceId)));
    }

    @Override
    public Result<WebhookEndpoint> updateWebhook(UpdateWebhookCommand command) {
        Result<Optional<WebhookUrl>> url = command.url().isEmpty() ? Result.ok(Optional.empty())
                : url(command.url().get()).map(Optional::of);
        Result<Optional<Set<EventType>>> events = command.events().isEmpty() ? Result.ok(Optional.empty())
                : WebhookEventTypes.parse(command.events().get()).map(Optional::of);
        return url.flatMap(newUrl -> events.flatMap(newEvents -> transactions.inTransaction(() ->
                find(command.workspaceId(), command.webhookId()).map(endpoint -> {
                    boolean wasDisabled = !endpoint.enabled();
                    WebhookEndpoint changed = endpoint.changed(newUrl.orElse(endpoint.url()),
                            newEvents.orElse(endpoint.events()), true);
                    save.updateWebhookEndpoint(changed, wasDisabled);
                    return changed;
                }))));
    }

    @Override
    public Result<WebhookEndpointId> deleteWebhook(WorkspaceId workspaceId, WebhookEndpointId webhookId) {
        return transactions.inTransaction(() -> find(workspaceId, webhookId).flatMap(endpoint ->
                save.deleteWebhookEndpoint(workspaceId, endpoint.id()) ? Result.ok(endpoint.id()) : Result.refused(WebhookEndpointId.unknown())));
    }

    @Override
    public Result<WebhookSecret> rotateWebhookSecret(WorkspaceId workspaceId, WebhookEndpointId webhookId) {
        return transactions.inTransaction(() -> find(workspaceId, webhookId).map(endpoint -> {
            WebhookSecret secret = newSecret();
            save.saveWebhookSecret(workspaceId, endpoint.id(), secret);
            return secret;
        }));
    }

    /** The URL, checked for its form and by the outbound guard ("refused: private address", nothing more). */
    private Result<WebhookUrl> url(String text) {
        return WebhookUrl.parse(text, outbound.allowsPrivate()).flatMap(url -> outbound.allows(url) ? Result.ok(url)
                : Result.refused(Refusal.of(ErrorCode.INVALID_REQUEST, InputField.WEBHOOK_URL, "refused: private address")));
    }

    private Result<WebhookEndpoint> find(WorkspaceId workspaceId, WebhookEndpointId webhookId) {
        return WebhookEndpoints.find(load, workspaceId, webhookId);
    }

    private WebhookSecret newSecret() {
        return WebhookSecret.of(random.randomBytes(WebhookSecret.KEY_BYTES));
    }
}
