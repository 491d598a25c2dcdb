package dev.visitorauth.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.application.port.in.EraseUserUseCase.Erased;
import dev.visitorauth.application.port.in.ExportUserUseCase.ExportSink;
import dev.visitorauth.application.port.in.ListConversationsUseCase.ListConversationsQuery;
import dev.visitorauth.application.port.in.ListMessagesUseCase.ListMessagesQuery;
import dev.visitorauth.application.port.in.MessagePage;
import dev.visitorauth.application.port.in.MessageWindow;
import dev.visitorauth.application.port.in.PostMessageUseCase.PostMessageCommand;
import dev.visitorauth.application.port.in.StartedSession;
import dev.visitorauth.application.port.in.UserListQuery;
import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.conversation.ConversationId;
import dev.visitorauth.domain.conversation.Message;
import dev.visitorauth.domain.conversation.MessageId;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.identity.User;
import dev.visitorauth.domain.visitor.Visitor;
import org.junit.jupiter.api.Test;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The paging, erasure and export rules on the in-memory store (the clock stands still: every time is equal). */
class UserDataTest {
    private final TestWorld w = new TestWorld();

    private static ErrorCode code(Result<?> r) {
        return ((Result.Refused<?>) r).refusal().code();
    }

    private static InputField field(Result<?> r) {
        return ((Result.Refused<?>) r).refusal().field().orElse(null);
    }

    private List<String> thread(StartedSession s, int n) {
        String c = w.say(s, "m0");
        for (int i = 1; i < n; i++) {
            w.auth.postMessage().postMessage(new PostMessageCommand(s.sessionToken(), new ConversationId(c), "m" + i)).orElseThrow();
        }
        return List.of(c);
    }

    private Result<MessagePage> page(StartedSession s, String c, Integer limit, String before, String after) {
        return w.auth.listMessages().listMessages(new ListMessagesQuery(s.sessionToken(), new ConversationId(c), new MessageWindow(
                limit == null ? OptionalInt.empty() : OptionalInt.of(limit), Optional.ofNullable(before).map(MessageId::new),
                Optional.ofNullable(after).map(MessageId::new))));
    }

    private static List<String> texts(MessagePage p) {
        return p.messages().stream().map(m -> m.text().value()).toList();
    }

    @Test
    void badWindowsAreRefusedNamingTheParameter() {
        StartedSession s = w.anonymous();
        String c = thread(s, 1).get(0);
        assertThat(field(page(s, c, 201, null, null))).isEqualTo(InputField.MESSAGE_LIMIT); // the rule: PageSizeTest
        assertThat(field(page(s, c, null, "m_x", "m_y"))).isEqualTo(InputField.MESSAGES_AFTER);
        assertThat(code(page(s, c, null, "m_unknown", null))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(field(page(s, c, null, "m_unknown", null))).isEqualTo(InputField.MESSAGES_BEFORE);
        assertThat(field(page(s, c, null, null, "m_unknown"))).isEqualTo(InputField.MESSAGES_AFTER);
    }

    @Test
    void conversationCursorsWalkTheListAndRefuseAnotherOwner() {
        StartedSession s = w.anonymous();
        for (int i = 0; i < 3; i++) {
            w.say(s, "c" + i);
        }
        var first = w.auth.listConversations().listConversations(new ListConversationsQuery(s.sessionToken(), OptionalInt.of(2),
                Optional.empty())).orElseThrow();
        assertThat(first.conversations()).hasSize(2);
        var second = w.auth.listConversations().listConversations(new ListConversationsQuery(s.sessionToken(), OptionalInt.of(2),
                first.nextCursor())).orElseThrow();
        assertThat(second.conversations()).hasSize(1).doesNotContainAnyElementsOf(first.conversations());
        assertThat(second.nextCursor()).isEmpty();

        StartedSession other = w.anonymous();
        assertThat(field(w.auth.listConversations().listConversations(new ListConversationsQuery(other.sessionToken(),
                OptionalInt.empty(), first.nextCursor())))).isEqualTo(InputField.CURSOR);
    }

    @Test
    void erasureRemovesTheUserAndItsSessionsAndANewStartIsANewUser() {
        StartedSession phone = w.login("u1", Optional.empty());
        w.login("u1", Optional.of(w.visitorOf(phone))); // a second session of the phone
        w.login("u1", Optional.empty()); // a second device
        thread(phone, 2);
        for (String text : List.of("b", "c", "d")) {
            w.say(phone, text);
        }
        User before = phone.session().user().orElseThrow();

        var erased = w.auth.eraseUser().eraseUser(w.workspace, new ExternalUserId("u1")).orElseThrow();

        assertThat(erased).isEqualTo(new Erased(1, 2, 3, 4, 5)); // users, visitors, sessions, conversations, messages
        assertThat(code(w.session(phone))).isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(code(w.auth.getUser().getUser(w.workspace, new ExternalUserId("u1")))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(code(w.auth.eraseUser().eraseUser(w.workspace, new ExternalUserId("u1")))).isEqualTo(ErrorCode.NOT_FOUND);
        StartedSession again = w.login("u1", Optional.of(w.visitorOf(phone)));
        assertThat(again.session().user().orElseThrow().id()).isNotEqualTo(before.id());
        assertThat(w.conversationIds(again)).isEmpty();
    }

    @Test
    void theExportWalksEverythingInOrderAndStopsWhenTheUserIsErasedMidway() {
        StartedSession s = w.login("u1", Optional.empty());
        w.login("u1", Optional.empty());
        thread(s, 3);
        w.clock.advance(java.time.Duration.ofSeconds(1)); // conversations export in creation order
        w.say(s, "second");
        List<String> events = new ArrayList<>();
        ExportSink recorder = new ExportSink() {
            @Override
            public void user(User user) {
                events.add("user " + user.externalId().value());
            }

            @Override
            public void visitors(List<Visitor> page) {
                page.forEach(v -> events.add("visitor"));
            }

            @Override
            public void conversation(Conversation conversation) {
                events.add("conversation");
            }

            @Override
            public void messages(List<Message> page) {
                page.forEach(m -> events.add(m.text().value()));
            }

            @Override
            public void end() {
                events.add("end");
            }
        };
        var export = w.auth.exportUser().exportUser(w.workspace, new ExternalUserId("u1")).orElseThrow();
        var summary = export.writeTo(recorder).orElseThrow();
        assertThat(events).containsExactly("user u1", "visitor", "visitor", "conversation", "m0", "m1", "m2", "conversation",
                "second", "end");
        assertThat(summary.messages()).isEqualTo(4);

        events.clear();
        w.auth.eraseUser().eraseUser(w.workspace, new ExternalUserId("u1")).orElseThrow();
        assertThat(code(export.writeTo(recorder))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(events).doesNotContain("end");
    }

    @Test
    void userSubListsPageAndTheLookUpIsCapped() {
        for (int i = 0; i < 23; i++) {
            w.login("u1", Optional.empty());
        }
        var details = w.auth.getUser().getUser(w.workspace, new ExternalUserId("u1")).orElseThrow();
        assertThat(details.visitors()).hasSize(20);
        assertThat(details.visitorCount()).isEqualTo(23);
        var first = w.auth.listUserVisitors().listUserVisitors(new UserListQuery(w.workspace, new ExternalUserId("u1"), OptionalInt.empty(),
                Optional.empty())).orElseThrow();
        var rest = w.auth.listUserVisitors().listUserVisitors(new UserListQuery(w.workspace, new ExternalUserId("u1"), OptionalInt.empty(),
                first.nextCursor())).orElseThrow();
        assertThat(first.visitors()).hasSize(20);
        assertThat(rest.visitors()).hasSize(3);
        List<String> ids = new ArrayList<>();
        first.visitors().forEach(v -> ids.add(v.id().value()));
        rest.visitors().forEach(v -> ids.add(v.id().value()));
        assertThat(ids).doesNotHaveDuplicates().hasSize(23);
        assertThat(field(w.auth.listUserConversations().listUserConversations(new UserListQuery(w.workspace, new ExternalUserId("u1"),
                OptionalInt.empty(), first.nextCursor())))).isEqualTo(InputField.CURSOR);
    }

    @Test
    void messagesWithEqualTimesPageBothWaysInStoredOrder() {
        StartedSession s = w.anonymous();
        String c = thread(s, 5).get(0);

        MessagePage newest = page(s, c, 2, null, null).orElseThrow();
        assertThat(texts(newest)).containsExactly("m3", "m4");
        assertThat(newest.hasMore()).isTrue();
        MessagePage older = page(s, c, 2, null, null).flatMap(p -> page(s, c, 2, p.messages().get(0).id().value(), null))
                .orElseThrow();
        assertThat(texts(older)).containsExactly("m1", "m2");
        String first = page(s, c, 1, older.messages().get(0).id().value(), null).orElseThrow().messages().get(0).id().value();
        MessagePage after = page(s, c, 3, null, first).orElseThrow();
        assertThat(texts(after)).containsExactly("m1", "m2", "m3");
        assertThat(after.hasMore()).isTrue();
    }
}
