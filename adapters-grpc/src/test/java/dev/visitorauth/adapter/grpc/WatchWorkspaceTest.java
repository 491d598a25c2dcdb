package dev.visitorauth.adapter.grpc;

import static dev.visitorauth.adapter.grpc.InProcessGrpc.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.adapter.grpc.v1.VisitorAuthServiceGrpc.VisitorAuthServiceBlockingStub;
import dev.visitorauth.adapter.grpc.v1.VisitorAuthServiceGrpc;
import dev.visitorauth.adapter.grpc.v1.WatchWorkspaceRequest;
import dev.visitorauth.adapter.grpc.v1.WatchWorkspaceResponse;
import dev.visitorauth.application.TestWorld;
import dev.visitorauth.application.port.in.StartConversationUseCase.StartConversationCommand;
import dev.visitorauth.application.service.EventStreamService;
import dev.visitorauth.domain.conversation.ConversationId;
import io.grpc.Context;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** {@code WatchWorkspace} on the real Netty server: live events, resume by id, isolation, refusals. */
class WatchWorkspaceTest {
    private final TestWorld world = new TestWorld();
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final EventStreamService streams = world.auth.eventStreams(executor,
            new EventStreamService.Settings(Duration.ofSeconds(20), 64, 5, 2, 100));

    @AfterEach
    void stop() {
        streams.shutdown();
        executor.shutdownNow();
    }

    private VisitorAuthServiceBlockingStub stub(ManagedChannel channel, String apiKey) {
        Metadata headers = new Metadata();
        headers.put(ApiKeyInterceptor.AUTHORIZATION, "Bearer " + apiKey);
        return VisitorAuthServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    /** An event for the workspace, so a stream can start after it: a call's start is asynchronous. */
    private String firstEventId(dev.visitorauth.domain.workspace.WorkspaceId workspace) {
        dev.visitorauth.domain.widget.WidgetId widget = world.auth.createWidget().createWidget(workspace,
                dev.visitorauth.application.port.in.WidgetSettings.named("W")).orElseThrow().widget().id();
        world.auth.rotateSecret().rotateSecret(workspace, widget, 0).orElseThrow();
        return "evt_1";
    }

    private static WatchWorkspaceRequest after(String id) {
        return WatchWorkspaceRequest.newBuilder().setAfterEventId(id).build();
    }

    private String say(String text) {
        var session = world.anonymous();
        return world.auth.startConversation().startConversation(new StartConversationCommand(session.sessionToken(), text))
                .orElseThrow().conversation().id().value();
    }

    @Test
    void streamsTheWorkspacesEventsLiveAndResumesAfterAnId() throws Exception {
        try (VisitorAuthGrpcServer server = GrpcServerFactory.builder(VisitorAuthGrpcService.UseCases.of(world.auth),
                world.auth.authenticateApiKey()).watchEvents(streams).port(0)
                .shutdownGracePeriod(Duration.ofSeconds(2)).build().start()) {
            ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.port(),
                    InsecureChannelCredentials.create()).build();
            var other = world.auth.createWorkspace().createWorkspace("Other").orElseThrow();
            try (Context.CancellableContext call = Context.current().withCancellation();
                 Context.CancellableContext otherCall = Context.current().withCancellation()) {
                String start = firstEventId(world.workspace);
                Iterator<WatchWorkspaceResponse> events = call.call(() -> stub(channel, world.apiKey)
                        .watchWorkspace(after(start)));
                String otherStart = firstEventId(other.workspace().id());
                Iterator<WatchWorkspaceResponse> otherEvents = otherCall.call(() -> stub(channel, other.apiKey())
                        .watchWorkspace(after(otherStart)));
                String conversation = say("hello over gRPC");
                world.auth.postAgentReply().postAgentReply(new dev.visitorauth.application.port.in.PostAgentReplyUseCase.PostAgentReplyCommand(world.workspace, new ConversationId(conversation), "reply", java.util.Optional.empty())).orElseThrow();

                List<WatchWorkspaceResponse> got = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    got.add(events.next());
                }
                assertThat(got).extracting(WatchWorkspaceResponse::getType)
                        .containsExactly("conversation.created", "message.created", "message.created");
                assertThat(got.get(1).getDataJson()).contains("\"text\":\"hello over gRPC\"",
                        "\"conversationId\":\"" + conversation + "\"");
                assertThat(got.get(0).getId()).isEqualTo("evt_2");
                assertThat(got.get(0).getAt().getSeconds()).isEqualTo(world.clock.instant().getEpochSecond());

                // The other workspace's stream sees its own events only.
                say("unrelated");
                firstEventId(other.workspace().id()); // a second rotation there: evt_2 of that workspace
                WatchWorkspaceResponse otherFirst = otherEvents.next();
                assertThat(otherFirst.getType()).isEqualTo("widget.secret_rotated");
                assertThat(otherFirst.getId()).isEqualTo("evt_2");
                assertThat(otherFirst.getDataJson()).doesNotContain(conversation);

                Iterator<WatchWorkspaceResponse> resumed = stub(channel, world.apiKey).watchWorkspace(
                        WatchWorkspaceRequest.newBuilder().setAfterEventId(got.get(1).getId()).build());
                assertThat(resumed.next().getId()).isEqualTo(got.get(2).getId());
                assertThat(resumed.next().getType()).isEqualTo("conversation.created");
                assertThat(resumed.next().getDataJson()).contains("unrelated");
                call.cancel(null);
                otherCall.cancel(null);
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void refusesAMalformedIdTooManyStreamsAndAMissingKey() throws Exception {
        try (VisitorAuthGrpcServer server = GrpcServerFactory.builder(VisitorAuthGrpcService.UseCases.of(world.auth),
                world.auth.authenticateApiKey()).watchEvents(streams).port(0)
                .shutdownGracePeriod(Duration.ofSeconds(2)).build().start()) {
            ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.port(),
                    InsecureChannelCredentials.create()).build();
            try (Context.CancellableContext a = Context.current().withCancellation();
                 Context.CancellableContext b = Context.current().withCancellation()) {
                assertRefused(() -> stub(channel, world.apiKey).watchWorkspace(
                                WatchWorkspaceRequest.newBuilder().setAfterEventId("42").build()).hasNext(),
                        Status.Code.INVALID_ARGUMENT, "invalid_request", java.util.Optional.of("after_event_id"));
                assertRefused(() -> VisitorAuthServiceGrpc.newBlockingStub(channel).watchWorkspace(
                        WatchWorkspaceRequest.getDefaultInstance()).hasNext(), Status.Code.UNAUTHENTICATED, "unauthenticated");
                String start = firstEventId(world.workspace);
                Iterator<WatchWorkspaceResponse> first = a.call(() -> stub(channel, world.apiKey)
                        .watchWorkspace(after(start)));
                Iterator<WatchWorkspaceResponse> second = b.call(() -> stub(channel, world.apiKey)
                        .watchWorkspace(after(start)));
                say("opens both"); // both streams are open once each has an event
                assertThat(first.next().getType()).isEqualTo("conversation.created");
                assertThat(second.next().getType()).isEqualTo("conversation.created");

                assertRefused(() -> stub(channel, world.apiKey).watchWorkspace(WatchWorkspaceRequest.getDefaultInstance())
                        .hasNext(), Status.Code.RESOURCE_EXHAUSTED, "rate_limited");
                a.cancel(null);
                b.cancel(null);
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }
}
