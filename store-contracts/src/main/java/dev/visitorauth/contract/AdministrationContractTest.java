package dev.visitorauth.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.application.port.out.Keyset;
import dev.visitorauth.application.port.out.LoadWorkspacePort.ApiKeyHashes;
import dev.visitorauth.domain.conversation.OwnerFilter;
import dev.visitorauth.application.port.out.Slice;
import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.conversation.ConversationOwner;
import dev.visitorauth.domain.widget.Widget;
import dev.visitorauth.domain.widget.WidgetKeyring;
import dev.visitorauth.domain.workspace.Workspace;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Schema V9's administration: API key rotation, the widget list and the agent inbox (with its index). */
public abstract class AdministrationContractTest extends StoreContract {

    private WorkspaceId workspace(String keyHash) {
        Workspace w = TestData.workspace(clock.instant());
        store.saveWorkspaces().createWorkspace(w, keyHash);
        return w.id();
    }

    @Test
    void rotationKeepsTheReplacedKeyUntilItsGraceEndsAndASecondRotationDropsIt() {
        String first = TestData.randomHash();
        String second = TestData.randomHash();
        String third = TestData.randomHash();
        WorkspaceId ws = workspace(first);
        Instant until = clock.instant().plus(Duration.ofHours(1));

        assertThat(store.loadWorkspaces().findApiKeyHashes(ws)).contains(new ApiKeyHashes(first, Optional.empty(), Optional.empty()));
        assertThat(store.saveWorkspaces().rotateApiKey(ws, second, Optional.of(until))).isTrue();
        assertThat(store.loadWorkspaces().findApiKeyHashes(ws))
                .contains(new ApiKeyHashes(second, Optional.of(first), Optional.of(until)));
        Instant later = until.plusSeconds(60);
        assertThat(store.saveWorkspaces().rotateApiKey(ws, third, Optional.of(later))).isTrue();
        assertThat(store.loadWorkspaces().findApiKeyHashes(ws)).as("the first key's grace ended by the second rotation")
                .contains(new ApiKeyHashes(third, Optional.of(second), Optional.of(later)));
        String fourth = TestData.randomHash();
        assertThat(store.saveWorkspaces().rotateApiKey(ws, fourth, Optional.empty())).isTrue();
        assertThat(store.loadWorkspaces().findApiKeyHashes(ws)).contains(new ApiKeyHashes(fourth, Optional.empty(), Optional.empty()));
        assertThat(store.loadWorkspaces().findApiKeyHash(ws)).contains(fourth);
        assertThat(store.saveWorkspaces().rotateApiKey(TestData.workspaceId(), first, Optional.empty())).isFalse();
    }

    @Test
    void widgetsPageNewestFirstWithEveryWidgetOnceAndNoOtherWorkspaces() {
        WorkspaceId ws = workspace(TestData.randomHash());
        WorkspaceId other = workspace(TestData.randomHash());
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Instant at = clock.instant().plusSeconds(i / 2); // pairs share a creation time
            Widget w = new Widget(ws, TestData.widgetId(), "w" + i, TestData.widget(ws, at).policy(),
                    TestData.widget(ws, at).allowedOrigins(), at);
            store.saveWidgets().createWidget(w, WidgetKeyring.create(w.id(), TestData.keyId(), TestData.secret(), at));
            created.add(w.id().value());
        }
        Widget foreign = TestData.widget(other, clock.instant());
        store.saveWidgets().createWidget(foreign, WidgetKeyring.create(foreign.id(), TestData.keyId(), TestData.secret(),
                clock.instant()));

        List<String> seen = new ArrayList<>();
        Optional<Keyset> after = Optional.empty();
        do {
            Slice<Widget> page = store.loadWidgets().pageWidgets(ws, 2, after);
            page.items().forEach(w -> seen.add(w.id().value()));
            after = page.next();
        } while (after.isPresent());

        assertThat(seen).containsExactlyInAnyOrderElementsOf(created).doesNotHaveDuplicates();
        assertThat(seen.get(0)).isIn(created.get(4));
        assertThat(seen.get(4)).isIn(created.get(0), created.get(1));
    }

    @Test
    void theInboxPagesEveryConversationNewestActivityFirstByOwnerKind() {
        WorkspaceId ws = workspace(TestData.randomHash());
        List<String> users = new ArrayList<>();
        List<String> visitors = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            boolean user = i % 2 == 0;
            ConversationOwner owner = user ? new ConversationOwner.LinkedUser(TestData.userId())
                    : new ConversationOwner.AnonymousVisitor(TestData.visitorId());
            Conversation c = Conversation.start(ws, TestData.conversationId(), owner, clock.instant().plusSeconds(i / 3));
            store.saveConversations().saveConversation(c);
            store.saveConversations().appendMessage(ws, TestData.message(c.id(), "hello " + i + "\nsecond line",
                    clock.instant().plusSeconds(10 + i / 3)));
            (user ? users : visitors).add(c.id().value());
        }
        Conversation foreign = Conversation.start(TestData.workspaceId(), TestData.conversationId(),
                new ConversationOwner.AnonymousVisitor(TestData.visitorId()), clock.instant());
        store.saveConversations().saveConversation(foreign);

        List<Conversation> all = pageAll(ws, OwnerFilter.ANY);

        assertThat(all).extracting(c -> c.id().value()).containsExactlyInAnyOrderElementsOf(concat(users, visitors))
                .doesNotHaveDuplicates();
        assertThat(all).isSortedAccordingTo((a, b) -> b.lastMessageAt().compareTo(a.lastMessageAt()));
        assertThat(all.get(0).preview()).hasValueSatisfying(p -> assertThat(p).startsWith("hello ").doesNotContain("second"));
        assertThat(pageAll(ws, OwnerFilter.USERS)).extracting(c -> c.id().value()).containsExactlyInAnyOrderElementsOf(users);
        assertThat(pageAll(ws, OwnerFilter.VISITORS)).extracting(c -> c.id().value())
                .containsExactlyInAnyOrderElementsOf(visitors);
    }

    private List<Conversation> pageAll(WorkspaceId ws, OwnerFilter owners) {
        List<Conversation> seen = new ArrayList<>();
        Optional<Keyset> after = Optional.empty();
        do {
            Slice<Conversation> page = store.pageConversations().pageWorkspaceConversations(ws, owners, 2, after);
            seen.addAll(page.items());
            after = page.next();
        } while (after.isPresent());
        return seen;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
