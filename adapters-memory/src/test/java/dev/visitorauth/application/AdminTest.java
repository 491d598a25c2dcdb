package dev.visitorauth.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.application.port.in.ListUsersUseCase.ListUsersQuery;
import dev.visitorauth.application.port.in.PostAgentReplyUseCase;
import dev.visitorauth.application.port.in.WidgetSettings;
import dev.visitorauth.domain.conversation.ConversationId;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.widget.AuthMode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Workspaces, widgets, secrets, users and tenant isolation. */
class AdminTest {
    private final TestWorld w = new TestWorld();

    private static ErrorCode code(Result<?> r) {
        return ((Result.Refused<?>) r).refusal().code();
    }

    @Test
    void apiKeyAuthenticatesItsWorkspaceOnly() {
        assertThat(w.auth.authenticateApiKey().authenticateApiKey(w.apiKey).orElseThrow()).isEqualTo(w.workspace);
        String wrong = w.apiKey.substring(0, w.apiKey.length() - 1) + (w.apiKey.endsWith("A") ? "B" : "A");
        assertThat(code(w.auth.authenticateApiKey().authenticateApiKey(wrong))).isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(code(w.auth.authenticateApiKey().authenticateApiKey(""))).isEqualTo(ErrorCode.UNAUTHENTICATED);
    }

    @Test
    void newWidgetHasDefaultPolicyAndAStrongSecret() {
        var created = w.newWidget("Shop");
        assertThat(created.widget().policy().mode()).isEqualTo(AuthMode.OPTIONAL);
        assertThat(created.widget().policy().maxTokenLifetime()).isEqualTo(Duration.ofSeconds(600));
        assertThat(created.widget().policy().clockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(created.currentSecret().value().reveal()).hasSizeGreaterThanOrEqualTo(43).matches("[A-Za-z0-9_-]+");
        assertThat(created.currentSecret().toString()).doesNotContain(created.currentSecret().value().reveal());
    }

    @ParameterizedTest
    @CsvSource({"MODE,strict", "MAX_TOKEN_LIFETIME,0", "CLOCK_SKEW,301", "NAME,' '",
            "ALLOWED_ORIGINS,https://shop.example.com/path"})
    void badWidgetSettingsAreRefusedNamingTheSettingAndChangeNothing(String setting, String value) {
        WidgetSettings s = new WidgetSettings(
                setting.equals("NAME") ? Optional.of(value) : Optional.empty(),
                setting.equals("MODE") ? Optional.of(value) : Optional.empty(),
                setting.equals("MAX_TOKEN_LIFETIME") ? Optional.of(Long.parseLong(value)) : Optional.empty(),
                setting.equals("CLOCK_SKEW") ? Optional.of(Long.parseLong(value)) : Optional.empty(),
                Optional.empty(),
                setting.equals("ALLOWED_ORIGINS") ? Optional.of(List.of(value)) : Optional.empty());
        var before = w.auth.getWidget().getWidget(w.workspace, w.widget).orElseThrow();
        Result<?> r = w.auth.updateWidget().updateWidget(w.workspace, w.widget, s);
        assertThat(code(r)).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(((Result.Refused<?>) r).refusal().field()).contains(InputField.valueOf(setting));
        assertThat(w.auth.getWidget().getWidget(w.workspace, w.widget).orElseThrow()).isEqualTo(before);
    }

    @Test
    void anotherWorkspaceSeesNothing() {
        var other = w.auth.createWorkspace().createWorkspace("Other").orElseThrow().workspace().id();
        var session = w.login("u1", Optional.empty());
        String conversation = w.say(session, "private");
        assertThat(code(w.auth.getWidget().getWidget(other, w.widget))).isEqualTo(ErrorCode.WIDGET_NOT_FOUND);
        assertThat(code(w.auth.revealSecret().revealSecret(other, w.widget))).isEqualTo(ErrorCode.WIDGET_NOT_FOUND);
        assertThat(code(w.auth.rotateSecret().rotateSecret(other, w.widget, 0))).isEqualTo(ErrorCode.WIDGET_NOT_FOUND);
        assertThat(code(w.auth.listAuthFailures().listAuthFailures(other, w.widget, 10))).isEqualTo(ErrorCode.WIDGET_NOT_FOUND);
        assertThat(code(w.auth.getUser().getUser(other, new ExternalUserId("u1")))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(code(w.auth.getConversation().getConversation(new dev.visitorauth.application.port.in.GetConversationUseCase.GetConversationQuery(other, new ConversationId(conversation), dev.visitorauth.application.port.in.MessageWindow.latest())))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(code(w.auth.postAgentReply().postAgentReply(new PostAgentReplyUseCase.PostAgentReplyCommand(other, new ConversationId(conversation), "hi", Optional.empty())))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(w.auth.listUsers().listUsers(new ListUsersQuery(other, "", 10, Optional.empty())).orElseThrow().users()).isEmpty();
        assertThat(code(w.auth.verifyToken().verifyToken(other, w.widget, "t"))).isEqualTo(ErrorCode.WIDGET_NOT_FOUND);
    }

    @Test
    void verifyingATokenHasNoSideEffectsAndReportsAUsedJti() {
        String token = w.tokens.tokenFor("u1", Mothers.named("Ada"), Optional.empty(), Optional.of("j1"), Mothers.NOW);
        assertThat(w.auth.verifyToken().verifyToken(w.workspace, w.widget, token).isOk()).isTrue();
        assertThat(w.auth.verifyToken().verifyToken(w.workspace, w.widget, token).isOk()).as("not consumed").isTrue();
        var inspection = w.auth.inspectToken().inspectToken(w.workspace, w.widget, token).orElseThrow();
        assertThat(inspection.valid()).isTrue();
        assertThat(code(w.auth.getUser().getUser(w.workspace, new ExternalUserId("u1")))).as("no user created").isEqualTo(ErrorCode.NOT_FOUND);
        w.start(Optional.empty(), Optional.of(token)).orElseThrow();
        assertThat(code(w.auth.verifyToken().verifyToken(w.workspace, w.widget, token))).isEqualTo(ErrorCode.TOKEN_REPLAYED);
        var after = w.auth.inspectToken().inspectToken(w.workspace, w.widget, token).orElseThrow();
        assertThat(after.refusal().orElseThrow().code()).isEqualTo(ErrorCode.TOKEN_REPLAYED);
        assertThat(after.checks()).last().satisfies(step -> assertThat(step.passed()).isFalse());
        assertThat(w.auth.listAuthFailures().listAuthFailures(w.workspace, w.widget, 10).orElseThrow().failures())
                .as("inspection and verification record nothing").isEmpty();
    }

    @Test
    void userDetailsListDevicesAndConversations() {
        var laptop = w.login("u1", Optional.empty());
        w.say(laptop, "one");
        w.login("u1", Optional.empty());
        var details = w.auth.getUser().getUser(w.workspace, new ExternalUserId("u1")).orElseThrow();
        assertThat(details.visitors()).hasSize(2);
        assertThat(details.conversations()).hasSize(1);
    }

    @Test
    void usersAreListedAndSearchedAPageAtATime() {
        for (String id : List.of("a", "b", "c")) {
            w.login(id, Optional.empty());
        }
        var first = w.auth.listUsers().listUsers(new ListUsersQuery(w.workspace, "", 2, Optional.empty())).orElseThrow();
        assertThat(first.users()).extracting(u -> u.externalId().value()).containsExactly("a", "b");
        var second = w.auth.listUsers().listUsers(new ListUsersQuery(w.workspace, "", 2, first.nextCursor())).orElseThrow();
        assertThat(second.users()).extracting(u -> u.externalId().value()).containsExactly("c");
        assertThat(second.nextCursor()).isEmpty();
        assertThat(w.auth.listUsers().listUsers(new ListUsersQuery(w.workspace, "B", 10, Optional.empty())).orElseThrow().users())
                .extracting(u -> u.externalId().value()).containsExactly("b");
        assertThat(code(w.auth.listUsers().listUsers(new ListUsersQuery(w.workspace, "", 101, Optional.empty()))))
                .isEqualTo(ErrorCode.INVALID_REQUEST);
    }
}
