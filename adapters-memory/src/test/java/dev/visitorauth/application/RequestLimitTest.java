package dev.visitorauth.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.adapter.memory.InMemoryFailureRateLimiter;
import dev.visitorauth.adapter.memory.InMemoryStorage;
import dev.visitorauth.application.port.in.PostAgentReplyUseCase;
import dev.visitorauth.application.port.in.PostMessageUseCase.PostMessageCommand;
import dev.visitorauth.application.port.in.StartConversationUseCase.StartConversationCommand;
import dev.visitorauth.application.port.in.StartSessionUseCase.StartSessionCommand;
import dev.visitorauth.application.port.in.StartedSession;
import dev.visitorauth.application.port.out.RateLimitPort.Budget;
import dev.visitorauth.application.port.out.RateLimitPort.RequestLimits;
import dev.visitorauth.domain.conversation.ConversationId;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.visitor.VisitorId;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.util.Optional;

/** The request limits of spec section 8, applied by the services over the in-memory store. */
class RequestLimitTest {
    private final TestWorld w = new TestWorld(clock -> InMemoryStorage.create(clock, new InMemoryFailureRateLimiter(),
            new RequestLimits(new Budget(2, Duration.ofMinutes(1)), new Budget(2, Duration.ofHours(1)),
                    new Budget(3, Duration.ofMinutes(1)))));

    private static Refusal refusal(Result<?> r) {
        return ((Result.Refused<?>) r).refusal();
    }

    private Result<StartedSession> startFrom(String client, Optional<String> visitorId, Optional<String> token) {
        return w.auth.startSession().startSession(new StartSessionCommand(w.widget, visitorId.map(VisitorId::new), token, Optional.empty(), client));
    }

    private Result<?> startConversation(StartedSession s) {
        return w.auth.startConversation().startConversation(new StartConversationCommand(s.sessionToken(), "hello"));
    }

    private Result<?> post(StartedSession s, String conversationId) {
        return w.auth.postMessage().postMessage(new PostMessageCommand(s.sessionToken(), new ConversationId(conversationId), "more"));
    }

    @Test
    void newVisitorsBeyondTheBudgetAreRateLimitedUntilTheWindowEnds() {
        startFrom("10.0.0.1", Optional.empty(), Optional.empty()).orElseThrow();
        w.clock.advance(Duration.ofSeconds(20));
        startFrom("10.0.0.1", Optional.empty(), Optional.empty()).orElseThrow();

        Refusal refused = refusal(startFrom("10.0.0.1", Optional.empty(), Optional.empty()));

        assertThat(refused.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(refused.retryAfter()).contains(Duration.ofSeconds(40));
        w.clock.advance(Duration.ofSeconds(40));
        assertThat(startFrom("10.0.0.1", Optional.empty(), Optional.empty()).isOk()).isTrue();
    }

    @Test
    void theNewVisitorBudgetIsPerClientAddress() {
        startFrom("10.0.0.1", Optional.empty(), Optional.empty()).orElseThrow();
        startFrom("10.0.0.1", Optional.empty(), Optional.empty()).orElseThrow();

        assertThat(startFrom("10.0.0.2", Optional.empty(), Optional.empty()).isOk()).isTrue();
    }

    @Test
    void resumesAreNotLimited() {
        StartedSession first = startFrom("10.0.0.1", Optional.empty(), Optional.empty()).orElseThrow();
        startFrom("10.0.0.1", Optional.empty(), Optional.empty()).orElseThrow();

        for (int i = 0; i < 5; i++) {
            assertThat(startFrom("10.0.0.1", Optional.of(w.visitorOf(first)), Optional.empty()).isOk()).isTrue();
        }
    }

    @Test
    void aUsersNewDeviceCountsAsANewVisitorAndARefusedOneConsumesNoJti() {
        startFrom("10.0.0.1", Optional.empty(), Optional.empty()).orElseThrow();
        startFrom("10.0.0.1", Optional.empty(), Optional.empty()).orElseThrow();
        String token = w.tokens.tokenFor("user-1", dev.visitorauth.domain.identity.ProfileUpdate.none(), Optional.empty(),
                Optional.of("jti-1"), w.clock.instant());

        assertThat(refusal(startFrom("10.0.0.1", Optional.empty(), Optional.of(token))).code()).isEqualTo(ErrorCode.RATE_LIMITED);
        w.clock.advance(Duration.ofMinutes(1));
        assertThat(startFrom("10.0.0.1", Optional.empty(), Optional.of(token)).isOk()).isTrue();
    }

    @Test
    void anUnknownVisitorIdThatStartsANewVisitorIsCountedAndARefusalLeavesNoVisitor() {
        startFrom("10.0.0.1", Optional.empty(), Optional.empty()).orElseThrow();
        startFrom("10.0.0.1", Optional.empty(), Optional.empty()).orElseThrow();

        Result<StartedSession> refused = startFrom("10.0.0.1", Optional.of("v_unknown"), Optional.empty());

        assertThat(refusal(refused).code()).isEqualTo(ErrorCode.RATE_LIMITED);
    }

    @Test
    void conversationsBeyondTheBudgetAreRateLimitedPerUserAcrossDevices() {
        StartedSession phone = w.login("user-1", Optional.empty());
        StartedSession laptop = startFrom("10.0.0.9", Optional.empty(),
                Optional.of(w.tokens.tokenFor("user-1", w.clock.instant()))).orElseThrow();
        startConversation(phone).orElseThrow();
        startConversation(laptop).orElseThrow();

        assertThat(refusal(startConversation(phone)).code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(w.conversationIds(phone)).hasSize(2);
    }

    @Test
    void conversationsCarriedInByAnUpgradeCountTowardNothing() {
        StartedSession anonymous = w.anonymous();
        w.say(anonymous, "one");
        w.say(anonymous, "two");

        StartedSession user = w.login("user-2", Optional.of(w.visitorOf(anonymous)));

        assertThat(w.conversationIds(user)).hasSize(2);
        assertThat(startConversation(user).isOk()).isTrue();
        assertThat(startConversation(user).isOk()).isTrue();
    }

    @Test
    void theFirstMessageOfAConversationCountsAsAMessage() {
        StartedSession s = w.anonymous();
        String c = w.say(s, "first");
        post(s, c).orElseThrow();
        post(s, c).orElseThrow();

        Refusal refused = refusal(post(s, c));

        assertThat(refused.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(w.auth.listMessages().listMessages(
                new dev.visitorauth.application.port.in.ListMessagesUseCase.ListMessagesQuery(s.sessionToken(), new ConversationId(c),
                        dev.visitorauth.application.port.in.MessageWindow.latest()))
                .orElseThrow().messages()).hasSize(3);
    }

    @Test
    void aConversationRefusedForItsFirstMessageIsNotStarted() {
        StartedSession s = w.anonymous();
        String c = w.say(s, "first");
        post(s, c).orElseThrow();
        post(s, c).orElseThrow();

        assertThat(refusal(startConversation(s)).code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(w.conversationIds(s)).containsExactly(c);
    }

    @Test
    void agentRepliesAreNotLimited() {
        StartedSession s = w.anonymous();
        String c = w.say(s, "first");
        post(s, c).orElseThrow();
        post(s, c).orElseThrow();

        for (int i = 0; i < 5; i++) {
            w.auth.postAgentReply().postAgentReply(new PostAgentReplyUseCase.PostAgentReplyCommand(w.workspace, new ConversationId(c), "reply " + i, Optional.empty())).orElseThrow();
        }
    }

    @Test
    void theMessageBudgetIsPerSession() {
        StartedSession s = w.anonymous();
        String c = w.say(s, "first");
        post(s, c).orElseThrow();
        post(s, c).orElseThrow();
        StartedSession again = startFrom("10.0.0.1", Optional.of(w.visitorOf(s)), Optional.empty()).orElseThrow();

        assertThat(post(again, c).isOk()).isTrue();
    }
}
