package dev.visitorauth.adapter.grpc;

import dev.visitorauth.adapter.grpc.v1.CreateWebhookRequest;
import dev.visitorauth.adapter.grpc.v1.CreateWebhookResponse;
import dev.visitorauth.adapter.grpc.v1.DeleteWebhookRequest;
import dev.visitorauth.adapter.grpc.v1.DeleteWebhookResponse;
import dev.visitorauth.adapter.grpc.v1.GetWebhookRequest;
import dev.visitorauth.adapter.grpc.v1.GetWebhookResponse;
import dev.visitorauth.adapter.grpc.v1.ListWebhookDeliveriesRequest;
import dev.visitorauth.adapter.grpc.v1.ListWebhookDeliveriesResponse;
import dev.visitorauth.adapter.grpc.v1.ListWebhooksRequest;
import dev.visitorauth.adapter.grpc.v1.ListWebhooksResponse;
import dev.visitorauth.adapter.grpc.v1.RetryWebhookDeliveryRequest;
import dev.visitorauth.adapter.grpc.v1.RetryWebhookDeliveryResponse;
import dev.visitorauth.adapter.grpc.v1.RotateWebhookSecretRequest;
import dev.visitorauth.adapter.grpc.v1.RotateWebhookSecretResponse;
import dev.visitorauth.adapter.grpc.v1.UpdateWebhookRequest;
import dev.visitorauth.adapter.grpc.v1.UpdateWebhookResponse;
import dev.visitorauth.adapter.grpc.v1.Webhook;
import dev.visitorauth.adapter.grpc.v1.WebhookServiceGrpc;
import dev.visitorauth.application.port.in.CreateWebhookUseCase;
import dev.visitorauth.application.port.in.DeleteWebhookUseCase;
import dev.visitorauth.application.port.in.GetWebhookUseCase;
import dev.visitorauth.application.port.in.ListWebhookDeliveriesUseCase;
import dev.visitorauth.application.port.in.ListWebhooksUseCase;
import dev.visitorauth.application.port.in.RetryWebhookDeliveryUseCase;
import dev.visitorauth.application.port.in.RotateWebhookSecretUseCase;
import dev.visitorauth.application.port.in.UpdateWebhookUseCase;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.event.EventType;
import dev.visitorauth.domain.webhook.WebhookDelivery;
import dev.visitorauth.domain.webhook.WebhookDeliveryId;
import dev.visitorauth.domain.webhook.WebhookEndpoint;
import dev.visitorauth.domain.webhook.WebhookEndpointId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import io.grpc.stub.StreamObserver;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * {@code visitorauth.v1.WebhookService}: the REST webhook admin API over gRPC, behind the same API
 * key interceptor. Each method runs one use case; refusals go through {@link GrpcStatusMapper}.
 */
public final class WebhookGrpcService extends WebhookServiceGrpc.WebhookServiceImplBase {

    /** The inbound ports the service calls. */
    public record UseCases(CreateWebhookUseCase create, GetWebhookUseCase get, ListWebhooksUseCase list,
                           UpdateWebhookUseCase update, DeleteWebhookUseCase delete, RotateWebhookSecretUseCase rotate,
                           ListWebhookDeliveriesUseCase deliveries, RetryWebhookDeliveryUseCase retry) {
        public UseCases {
            Objects.requireNonNull(create, "create");
            Objects.requireNonNull(get, "get");
            Objects.requireNonNull(list, "list");
            Objects.requireNonNull(update, "update");
            Objects.requireNonNull(delete, "delete");
            Objects.requireNonNull(rotate, "rotate");
            Objects.requireNonNull(deliveries, "deliveries");
            Objects.requireNonNull(retry, "retry");
        }
    }

    private final UseCases useCases;

    public WebhookGrpcService(UseCases useCases) {
        this.useCases = Objects.requireNonNull(useCases, "useCases");
    }

    @Override
    public void createWebhook(CreateWebhookRequest request, StreamObserver<CreateWebhookResponse> response) {
        respond(response, "CreateWebhook", ws -> useCases.create().createWebhook(
                new CreateWebhookUseCase.CreateWebhookCommand(ws, request.getUrl(), request.getEventsList()))
                .map(created -> CreateWebhookResponse.newBuilder().setWebhook(webhook(created.endpoint()))
                        .setSecret(created.secret().value()).build()));
    }

    @Override
    public void getWebhook(GetWebhookRequest request, StreamObserver<GetWebhookResponse> response) {
        respond(response, "GetWebhook", ws -> WebhookEndpointId.parse(request.getWebhookId())
                .flatMap(id -> useCases.get().getWebhook(ws, id))
                .map(e -> GetWebhookResponse.newBuilder().setWebhook(webhook(e)).build()));
    }

    @Override
    public void listWebhooks(ListWebhooksRequest request, StreamObserver<ListWebhooksResponse> response) {
        respond(response, "ListWebhooks", ws -> useCases.list().listWebhooks(ws)
                .map(all -> ListWebhooksResponse.newBuilder().addAllWebhooks(all.stream().map(WebhookGrpcService::webhook)
                        .toList()).build()));
    }

    @Override
    public void updateWebhook(UpdateWebhookRequest request, StreamObserver<UpdateWebhookResponse> response) {
        respond(response, "UpdateWebhook", ws -> {
            Optional<String> url = request.getUrl().isEmpty() ? Optional.empty() : Optional.of(request.getUrl());
            Optional<java.util.List<String>> events = request.hasEvents() ? Optional.of(request.getEvents().getTypesList())
                    : Optional.empty();
            if (url.isEmpty() && events.isEmpty()) {
                throw GrpcStatusMapper.invalidArgument("url", "Give url, events, or both.");
            }
            return WebhookEndpointId.parse(request.getWebhookId()).flatMap(id -> useCases.update()
                    .updateWebhook(new UpdateWebhookUseCase.UpdateWebhookCommand(ws, id, url, events)))
                    .map(e -> UpdateWebhookResponse.newBuilder().setWebhook(webhook(e)).build());
        });
    }

    @Override
    public void deleteWebhook(DeleteWebhookRequest request, StreamObserver<DeleteWebhookResponse> response) {
        respond(response, "DeleteWebhook", ws -> WebhookEndpointId.parse(request.getWebhookId())
                .flatMap(id -> useCases.delete().deleteWebhook(ws, id))
                .map(id -> DeleteWebhookResponse.getDefaultInstance()));
    }

    @Override
    public void rotateWebhookSecret(RotateWebhookSecretRequest request, StreamObserver<RotateWebhookSecretResponse> response) {
        respond(response, "RotateWebhookSecret", ws -> WebhookEndpointId.parse(request.getWebhookId())
                .flatMap(id -> useCases.rotate().rotateWebhookSecret(ws, id))
                .map(secret -> RotateWebhookSecretResponse.newBuilder().setSecret(secret.value()).build()));
    }

    @Override
    public void listWebhookDeliveries(ListWebhookDeliveriesRequest request,
                                      StreamObserver<ListWebhookDeliveriesResponse> response) {
        respond(response, "ListWebhookDeliveries", ws -> WebhookEndpointId.parse(request.getWebhookId())
                .flatMap(id -> useCases.deliveries().listWebhookDeliveries(new ListWebhookDeliveriesUseCase.ListWebhookDeliveriesQuery(
                        ws, id, request.getLimit() == 0 ? OptionalInt.empty() : OptionalInt.of(request.getLimit()),
                        request.getCursor().isEmpty() ? Optional.empty() : Optional.of(request.getCursor()))))
                .map(page -> ListWebhookDeliveriesResponse.newBuilder()
                        .addAllDeliveries(page.deliveries().stream().map(WebhookGrpcService::delivery).toList())
                        .setNextCursor(page.nextCursor().orElse("")).build()));
    }

    @Override
    public void retryWebhookDelivery(RetryWebhookDeliveryRequest request,
                                     StreamObserver<RetryWebhookDeliveryResponse> response) {
        respond(response, "RetryWebhookDelivery", ws -> WebhookEndpointId.parse(request.getWebhookId())
                .flatMap(id -> WebhookDeliveryId.parse(request.getDeliveryId())
                        .flatMap(delivery -> useCases.retry().retryWebhookDelivery(ws, id, delivery)))
                .map(d -> RetryWebhookDeliveryResponse.newBuilder().setDelivery(delivery(d)).build()));
    }

    static Webhook webhook(WebhookEndpoint e) {
        Webhook.Builder b = Webhook.newBuilder().setId(e.id().value()).setUrl(e.url().value())
                .addAllEvents(e.events().stream().map(EventType::wireName).toList())
                .setCreatedAt(ProtoMapper.timestamp(e.createdAt())).setEnabled(e.enabled());
        e.disabledAt().ifPresent(at -> b.setDisabledAt(ProtoMapper.timestamp(at)));
        e.disabledReason().ifPresent(b::setDisabledReason);
        e.failingSince().ifPresent(at -> b.setFailingSince(ProtoMapper.timestamp(at)));
        return b.build();
    }

    static dev.visitorauth.adapter.grpc.v1.WebhookDelivery delivery(WebhookDelivery d) {
        var b = dev.visitorauth.adapter.grpc.v1.WebhookDelivery.newBuilder().setId(d.id().value())
                .setEventId(d.eventId().wire()).setType(d.type().wireName()).setStatus(d.status().wire())
                .setAttempts(d.attempts()).setResponseStatus(d.responseStatus().orElse(0));
        d.lastAttemptAt().ifPresent(at -> b.setLastAttemptAt(ProtoMapper.timestamp(at)));
        d.durationMs().ifPresent(b::setDurationMs);
        return b.build();
    }

    private static <T> void respond(StreamObserver<T> observer, String method, Function<WorkspaceId, Result<T>> work) {
        WorkspaceCalls.respond(observer, WebhookServiceGrpc.SERVICE_NAME + "/" + method, GrpcStatusMapper::webhookFieldOf, work);
    }
}
