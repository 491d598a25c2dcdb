package dev.visitorauth.domain.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visitorauth.domain.visitor.VisitorId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A conversation's read marker, unread count and preview (spec sections 10 and 14). */
class ConversationReadStateTest {
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final ConversationId ID = new ConversationId("c_1");

    private static Conversation started() {
        return Conversation.start(new WorkspaceId("ws_1"), ID, new ConversationOwner.AnonymousVisitor(new VisitorId("v_1")), T0);
    }

    private static Message message(String id, Author author, String text, Instant at) {
        return new Message(new MessageId(id), ID, author, new MessageText(text), true, at);
    }

    private static ReadMarker marker(String id, long sequence, int agentMessagesRead) {
        return new ReadMarker(new MessageId(id), new MessagePosition(T0, sequence), agentMessagesRead);
    }

    @Test
    void unreadCountsTheAgentMessagesAfterTheMarkerAndNeverTheOwnersOwn() {
        Conversation c = started().with(message("m_1", Author.VISITOR, "hi", T0))
                .with(message("m_2", Author.AGENT, "hello", T0.plusSeconds(1)))
                .with(message("m_3", Author.AGENT, "how can I help?", T0.plusSeconds(2)))
                .with(message("m_4", Author.VISITOR, "thanks", T0.plusSeconds(3)));

        assertThat(c.unreadCount()).isEqualTo(2);
        assertThat(c.readUpTo(marker("m_2", 2, 1)).orElseThrow().unreadCount()).isEqualTo(1);
        assertThat(c.readUpTo(marker("m_4", 4, 2)).orElseThrow().unreadCount()).isZero();
    }

    @Test
    void theReadMarkerOnlyMovesForward() {
        Conversation read = started().readUpTo(marker("m_5", 5, 3)).orElseThrow();

        assertThat(read.readUpTo(marker("m_4", 4, 2))).isEmpty();
        assertThat(read.readUpTo(marker("m_5", 5, 3))).isEmpty();
        assertThat(read.readUpTo(marker("m_6", 6, 3))).hasValueSatisfying(
                later -> assertThat(later.readMarker().orElseThrow().messageId()).isEqualTo(new MessageId("m_6")));
    }

    @Test
    void aMessagePositionIsOrderedByTimeThenSequence() {
        MessagePosition early = new MessagePosition(T0, 9);
        MessagePosition late = new MessagePosition(T0.plusMillis(1), 1);

        assertThat(late.isAfter(early)).isTrue();
        assertThat(new MessagePosition(T0, 10).isAfter(early)).isTrue();
        assertThat(early.isAfter(early)).isFalse();
    }

    @Test
    void thePreviewIsTheLastMessagesAndAnEarlierDatedLateArrivalLeavesIt() {
        Conversation c = started().with(message("m_1", Author.VISITOR, "first\nsecond line", T0))
                .with(message("m_2", Author.AGENT, "newest", T0.plusSeconds(5)));
        assertThat(c.preview()).contains("newest");

        Conversation late = c.with(message("m_3", Author.VISITOR, "dated earlier", T0.plusSeconds(1)));

        assertThat(late.preview()).contains("newest");
        assertThat(started().with(message("m_1", Author.VISITOR, "first\nsecond line", T0)).preview()).contains("first");
        assertThat(started().preview()).isEmpty();
    }

    @Test
    void anOwnerTransferKeepsTheReadStateAndPreview() {
        Conversation c = started().with(message("m_1", Author.AGENT, "hello", T0)).readUpTo(marker("m_1", 1, 1)).orElseThrow();

        Conversation moved = c.ownedBy(new ConversationOwner.AnonymousVisitor(new VisitorId("v_2")));

        assertThat(moved.readMarker()).isEqualTo(c.readMarker());
        assertThat(moved.preview()).contains("hello");
        assertThat(moved.agentMessageCount()).isEqualTo(1);
    }

    @Test
    void aVisitorsMessageCarriesNoAgentName() {
        assertThatThrownBy(() -> new Message(new MessageId("m_1"), ID, Author.VISITOR, new MessageText("hi"), true, T0,
                Optional.of(new AgentName("Ada")))).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Message(new MessageId("m_1"), ID, Author.AGENT, new MessageText("hi"), true, T0,
                Optional.of(new AgentName("Ada"))).agentName()).contains(new AgentName("Ada"));
    }
}
