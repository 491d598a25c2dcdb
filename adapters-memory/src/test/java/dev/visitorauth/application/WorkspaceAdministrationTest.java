package dev.visitorauth.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.application.port.in.ListInboxUseCase.InboxPage;
import dev.visitorauth.application.port.in.ListInboxUseCase.InboxQuery;
import dev.visitorauth.application.port.in.ListWidgetsUseCase.ListWidgetsQuery;
import dev.visitorauth.application.port.in.RotateApiKeyUseCase.RotateApiKeyCommand;
import dev.visitorauth.domain.conversation.OwnerFilter;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import dev.visitorauth.application.port.in.ListInboxUseCase.InboxItem;
import dev.visitorauth.application.port.in.ListInboxUseCase.InboxOwner;
import dev.visitorauth.application.port.in.ListWidgetsUseCase.WidgetPage;
import dev.visitorauth.application.port.in.PostAgentReplyUseCase;
import dev.visitorauth.application.port.in.StartedSession;
import dev.visitorauth.domain.conversation.ConversationId;
import java.util.ArrayList;
import java.util.List;

/** Running the workspace (spec sections 11 and 14): the widget list, API key rotation, the agent inbox. */
class WorkspaceAdministrationTest {
    private final TestWorld w = new TestWorld();

    private Result<?> authenticate(String key) {
        return w.auth.authenticateApiKey().authenticateApiKey(key);
    }

    private String rotate(long grace) {
        return w.auth.rotateApiKey().rotateApiKey(new RotateApiKeyCommand(w.workspace, grace)).orElseThrow().apiKey();
    }

    private static Refusal refusal(Result<?> result) {
        return ((Result.Refused<?>) result).refusal();
    }

    @Test
    void aWidgetCursorOpensOnlyForItsOwnWorkspaceAndALimitOutsideOneTo100IsRefused() {
        w.newWidget("second");
        String cursor = w.auth.listWidgets().listWidgets(new ListWidgetsQuery(w.workspace, OptionalInt.of(1), Optional.empty()))
                .orElseThrow().nextCursor().orElseThrow();
        TestWorld other = new TestWorld(w.storage);

        Refusal foreign = refusal(w.auth.listWidgets().listWidgets(new ListWidgetsQuery(other.workspace, OptionalInt.empty(),
                Optional.of(cursor))));
        Refusal tooMany = refusal(w.auth.listWidgets().listWidgets(new ListWidgetsQuery(w.workspace, OptionalInt.of(101),
                Optional.empty())));

        assertThat(foreign.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(foreign.field()).contains(InputField.CURSOR);
        assertThat(tooMany.field()).contains(InputField.PAGE_SIZE);
    }

    @Test
    void theOldApiKeyWorksDuringItsGraceOnlyAndANewRotationEndsItAtOnce() {
        String first = w.apiKey;
        String second = rotate(3600);

        assertThat(authenticate(first).isOk()).isTrue();
        assertThat(authenticate(second).isOk()).isTrue();
        w.clock.advance(Duration.ofSeconds(3599));
        assertThat(authenticate(first).isOk()).isTrue();
        w.clock.advance(Duration.ofSeconds(1));
        assertThat(authenticate(first).isOk()).isFalse();

        String third = rotate(3600);
        String fourth = rotate(3600);

        assertThat(authenticate(second).isOk()).as("the key two rotations back").isFalse();
        assertThat(authenticate(third).isOk()).isTrue();
        assertThat(authenticate(fourth).isOk()).isTrue();
    }

    @Test
    void withoutGraceTheOldKeyStopsAtOnceAndGraceOutsideTheRangeChangesNothing() {
        String fresh = rotate(0);

        assertThat(authenticate(w.apiKey).isOk()).isFalse();
        assertThat(authenticate(fresh).isOk()).isTrue();
        Refusal tooLong = refusal(w.auth.rotateApiKey().rotateApiKey(new RotateApiKeyCommand(w.workspace, 86_401)));
        Refusal negative = refusal(w.auth.rotateApiKey().rotateApiKey(new RotateApiKeyCommand(w.workspace, -1)));
        assertThat(tooLong.field()).contains(InputField.GRACE_PERIOD);
        assertThat(negative.field()).contains(InputField.GRACE_PERIOD);
        assertThat(authenticate(fresh).isOk()).isTrue();
        assertThat(rotate(86_400)).isNotEqualTo(fresh);
    }

    @Test
    void anInboxCursorIsValidOnlyForItsOwnerFilter() {
        w.say(w.anonymous(), "a");
        w.say(w.anonymous(), "b");
        String cursor = w.auth.listInbox().listInbox(new InboxQuery(w.workspace, OptionalInt.of(1), Optional.empty(),
                OwnerFilter.VISITORS)).orElseThrow().nextCursor().orElseThrow();

        assertThat(inbox(OwnerFilter.VISITORS, Optional.of(cursor)).items()).hasSize(1);
        assertThat(refusal(w.auth.listInbox().listInbox(new InboxQuery(w.workspace, OptionalInt.empty(), Optional.of(cursor),
                OwnerFilter.ANY))).field()).contains(InputField.CURSOR);
    }

    private InboxPage inbox(OwnerFilter owner, Optional<String> cursor) {
        return w.auth.listInbox().listInbox(new InboxQuery(w.workspace, OptionalInt.empty(), cursor, owner)).orElseThrow();
    }

    @Test
    void widgetsPageNewestFirstAndEveryWidgetOnce() {
        List<String> ids = new ArrayList<>(List.of(w.widgetId));
        for (int i = 0; i < 4; i++) {
            w.clock.advance(Duration.ofSeconds(1));
            ids.add(w.newWidget("w" + i).widget().id().value());
        }
        new TestWorld(w.storage); // another workspace's widget is never listed

        List<String> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            WidgetPage page = w.auth.listWidgets().listWidgets(new ListWidgetsQuery(w.workspace, OptionalInt.of(2), cursor))
                    .orElseThrow();
            page.widgets().forEach(d -> seen.add(d.widget().id().value()));
            cursor = page.nextCursor();
        } while (cursor.isPresent());

        java.util.Collections.reverse(ids);
        assertThat(seen).containsExactlyElementsOf(ids);
    }

    @Test
    void theInboxHoldsUsersAndAnonymousVisitorsNewestActivityFirstWithOwnerAndPreview() {
        StartedSession anonymous = w.anonymous();
        String visitorConversation = w.say(anonymous, "  first line\nsecond line");
        w.clock.advance(Duration.ofSeconds(1));
        StartedSession user = w.login("u-42", Optional.empty());
        String userConversation = w.say(user, "from a user");
        w.clock.advance(Duration.ofSeconds(1));
        w.auth.postAgentReply().postAgentReply(new PostAgentReplyUseCase.PostAgentReplyCommand(w.workspace,
                new ConversationId(visitorConversation), "x".repeat(200), Optional.empty())).orElseThrow();

        InboxPage page = inbox(OwnerFilter.ANY, Optional.empty());

        assertThat(page.items()).extracting(i -> i.conversation().id().value())
                .containsExactly(visitorConversation, userConversation);
        InboxItem first = page.items().get(0);
        assertThat(first.owner()).isEqualTo(new InboxOwner("visitor", w.visitorOf(anonymous), Optional.empty()));
        assertThat(first.conversation().preview()).contains("x".repeat(140));
        assertThat(first.conversation().messageCount()).isEqualTo(2);
        assertThat(page.items().get(1).owner().kind()).isEqualTo("user");
        assertThat(page.items().get(1).owner().id()).isEqualTo("u-42");
        assertThat(inbox(OwnerFilter.USERS, Optional.empty()).items()).extracting(i -> i.conversation().id().value())
                .containsExactly(userConversation);
        assertThat(inbox(OwnerFilter.VISITORS, Optional.empty()).items()).extracting(i -> i.conversation().id().value())
                .containsExactly(visitorConversation);
    }
}
