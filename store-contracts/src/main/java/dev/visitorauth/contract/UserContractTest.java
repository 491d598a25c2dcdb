package dev.visitorauth.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visitorauth.application.port.out.SearchUsersPort.UserPage;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.identity.Profile;
import dev.visitorauth.domain.identity.User;
import dev.visitorauth.domain.identity.UserId;
import dev.visitorauth.domain.visitor.Visitor;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

public abstract class UserContractTest extends StoreContract {

    private User fullUser(WorkspaceId ws, String externalId) {
        Map<String, String> custom = new LinkedHashMap<>();
        custom.put("plan", "pro");
        custom.put("a.b-c_d", "3.0");
        custom.put("Zeta", "é ü 漢字 \"quoted\" \\ back");
        Profile p = new Profile(Optional.of("Ada Lovelace"), Optional.of("ada@example.com"),
                Optional.of("https://img.example.com/ada.png"), Optional.of("42"), Optional.of("Analytical Engines"), custom);
        return User.restore(ws, TestData.userId(), new ExternalUserId(externalId), p,
                Optional.of(clock.instant().minusSeconds(3)), clock.instant(), clock.instant());
    }

    @Test
    void aUserWithAFullProfileRoundTrips() {
        WorkspaceId ws = TestData.workspaceId();
        User user = fullUser(ws, "user-1");

        assertThat(store.saveUsers().insertUserIfAbsent(user)).isEqualTo(user);

        User found = store.loadUsers().findUser(ws, user.id()).orElseThrow();
        assertThat(found).isEqualTo(user);
        assertThat(found.profile().customData().keySet()).containsExactly("Zeta", "a.b-c_d", "plan");
        assertThat(store.loadUsers().findUserByExternalId(ws, user.externalId())).contains(user);
    }

    @Test
    void aUserWithAnEmptyProfileRoundTrips() {
        WorkspaceId ws = TestData.workspaceId();
        User user = TestData.user(ws, "7", clock.instant());

        store.saveUsers().insertUserIfAbsent(user);

        User found = store.loadUsers().findUser(ws, user.id()).orElseThrow();
        assertThat(found).isEqualTo(user);
        assertThat(found.profile()).isEqualTo(Profile.empty());
        assertThat(found.lastAppliedIssuedAt()).isEmpty();
    }

    @Test
    void insertIfAbsentReturnsTheUserAlreadyStored() {
        WorkspaceId ws = TestData.workspaceId();
        User first = fullUser(ws, "same");
        User second = TestData.user(ws, "same", clock.instant().plusSeconds(1));
        store.saveUsers().insertUserIfAbsent(first);

        User stored = store.saveUsers().insertUserIfAbsent(second);

        assertThat(stored).isEqualTo(first);
        assertThat(store.loadUsers().findUser(ws, second.id())).isEmpty();
    }

    @Test
    void aConflictingInsertDoesNotAbortTheSurroundingTransaction() {
        WorkspaceId ws = TestData.workspaceId();
        User first = TestData.user(ws, "u", clock.instant());
        store.saveUsers().insertUserIfAbsent(first);
        Visitor visitor = Visitor.linked(ws, TestData.widgetId(), TestData.visitorId(), first.id(), clock.instant());

        Result<User> result = store.transactions().inTransaction(() -> {
            User stored = store.saveUsers().insertUserIfAbsent(TestData.user(ws, "u", clock.instant()));
            store.saveVisitors().saveVisitor(visitor);
            return Result.ok(stored);
        });

        assertThat(result).isEqualTo(Result.ok(first));
        assertThat(store.loadVisitors().findVisitor(ws, visitor.id())).contains(visitor);
    }

    @Test
    void updateReplacesTheProfileCustomDataAndIssuedAt() {
        WorkspaceId ws = TestData.workspaceId();
        User user = fullUser(ws, "u-2");
        store.saveUsers().insertUserIfAbsent(user);
        clock.advance(Duration.ofMinutes(1));
        Profile p = user.profile();
        Profile changed = new Profile(Optional.empty(), Optional.of("new@example.com"), p.avatar(), Optional.empty(),
                p.companyName(), Map.of("plan", "enterprise", "seats", "12"));
        User updated = User.restore(ws, user.id(), user.externalId(), changed, Optional.of(clock.instant()),
                user.createdAt(), clock.instant());

        store.saveUsers().updateUser(user, updated);

        assertThat(store.loadUsers().findUser(ws, user.id())).contains(updated);
    }

    @Test
    void aLockReadsTheUserWithItsCustomDataAndFindsNoUnknownOne() {
        WorkspaceId ws = TestData.workspaceId();
        User user = fullUser(ws, "u-lock");
        User bare = TestData.user(ws, "u-bare", clock.instant());
        store.saveUsers().insertUserIfAbsent(user);
        store.saveUsers().insertUserIfAbsent(bare);

        store.transactions().inTransaction(() -> {
            assertThat(user.profile().customData()).isNotEmpty();
            assertThat(store.loadUsers().lockUserByExternalId(ws, user.externalId())).contains(user);
            assertThat(store.loadUsers().lockUserByExternalId(ws, bare.externalId())).contains(bare);
            assertThat(store.loadUsers().lockUserByExternalId(ws, new dev.visitorauth.domain.identity.ExternalUserId("nobody")))
                    .isEmpty();
            assertThat(store.loadUsers().lockUserByExternalId(TestData.workspaceId(), user.externalId()))
                    .as("another workspace").isEmpty();
            return dev.visitorauth.domain.error.Result.ok(true);
        });
    }

    @Test
    void updatingAUserThatIsNotStoredFails() {
        User never = TestData.user(TestData.workspaceId(), "ghost", clock.instant());

        assertThatThrownBy(() -> store.saveUsers().updateUser(never, never)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void usersAreInvisibleFromAnotherWorkspace() {
        WorkspaceId a = TestData.workspaceId();
        WorkspaceId b = TestData.workspaceId();
        User user = fullUser(a, "shared-external-id");
        store.saveUsers().insertUserIfAbsent(user);

        assertThat(store.loadUsers().findUser(b, user.id())).isEmpty();
        assertThat(store.loadUsers().findUserByExternalId(b, user.externalId())).isEmpty();
        assertThat(store.searchUsers().searchUsers(b, "", 100, Optional.empty()).users()).isEmpty();

        User sameExternalIdInB = TestData.user(b, "shared-external-id", clock.instant());
        assertThat(store.saveUsers().insertUserIfAbsent(sameExternalIdInB)).isEqualTo(sameExternalIdInB);
    }

    @Test
    void concurrentFirstSightsOfOneUserCreateExactlyOne() throws Exception {
        WorkspaceId ws = TestData.workspaceId();
        int threads = 16;

        List<UserId> ids = Concurrently.run(threads, n -> store.transactions().inTransaction(() -> {
            User stored = store.saveUsers().insertUserIfAbsent(fullUser(ws, "new-user"));
            Concurrently.pause(20); // hold the transaction open while the others try
            return Result.ok(stored.id());
        }).orElseThrow());

        assertThat(ids).hasSize(threads);
        assertThat(ids).containsOnly(ids.get(0));
        assertThat(store.searchUsers().searchUsers(ws, "", 10, Optional.empty()).users()).extracting(User::id)
                .containsExactly(ids.get(0));
        assertThat(store.loadUsers().findUser(ws, ids.get(0)).orElseThrow().profile().customData()).hasSize(3);
    }

    @Test
    void searchPagesThroughUsersInExternalIdOrder() {
        WorkspaceId ws = TestData.workspaceId();
        List<String> expected = new ArrayList<>();
        for (int i = 25; i >= 1; i--) {
            String id = String.format("user-%02d", i);
            store.saveUsers().insertUserIfAbsent(TestData.user(ws, id, clock.instant()));
            expected.add(0, id);
        }

        UserPage first = store.searchUsers().searchUsers(ws, "", 10, Optional.empty());
        UserPage second = store.searchUsers().searchUsers(ws, "", 10, first.nextCursor());
        UserPage last = store.searchUsers().searchUsers(ws, "", 10, second.nextCursor());

        assertThat(first.nextCursor()).contains("user-10");
        assertThat(second.nextCursor()).contains("user-20");
        assertThat(last.nextCursor()).isEmpty();
        List<String> all = new ArrayList<>();
        for (UserPage page : List.of(first, second, last)) {
            page.users().forEach(u -> all.add(u.externalId().value()));
        }
        assertThat(all).isEqualTo(expected);
    }

    @Test
    void aFullLastPageHasNoNextCursor() {
        WorkspaceId ws = TestData.workspaceId();
        for (int i = 1; i <= 4; i++) {
            store.saveUsers().insertUserIfAbsent(TestData.user(ws, "u" + i, clock.instant()));
        }

        UserPage page = store.searchUsers().searchUsers(ws, "", 4, Optional.empty());

        assertThat(page.users()).hasSize(4);
        assertThat(page.nextCursor()).isEmpty();
    }

    @Test
    void searchMatchesACaseInsensitiveSubstringOfExternalIdNameOrEmail() {
        WorkspaceId ws = TestData.workspaceId();
        store.saveUsers().insertUserIfAbsent(TestData.user(ws, "acct-MARIE", null, null, clock.instant()));
        store.saveUsers().insertUserIfAbsent(TestData.user(ws, "b-2", "Rosemarie Smith", null, clock.instant()));
        store.saveUsers().insertUserIfAbsent(TestData.user(ws, "c-3", null, "MARIE@example.com", clock.instant()));
        store.saveUsers().insertUserIfAbsent(TestData.user(ws, "d-4", "John", "john@example.com", clock.instant()));

        UserPage page = store.searchUsers().searchUsers(ws, "Marie", 100, Optional.empty());

        assertThat(page.users()).extracting(u -> u.externalId().value()).containsExactly("acct-MARIE", "b-2", "c-3");
    }

    @Test
    void searchTreatsLikeWildcardsAsPlainCharacters() {
        WorkspaceId ws = TestData.workspaceId();
        store.saveUsers().insertUserIfAbsent(TestData.user(ws, "100%_sure", clock.instant()));
        store.saveUsers().insertUserIfAbsent(TestData.user(ws, "100x-sure", clock.instant()));

        assertThat(store.searchUsers().searchUsers(ws, "0%_", 100, Optional.empty()).users())
                .extracting(u -> u.externalId().value()).containsExactly("100%_sure");
        assertThat(store.searchUsers().searchUsers(ws, "_", 100, Optional.empty()).users())
                .extracting(u -> u.externalId().value()).containsExactly("100%_sure");
    }

    @Test
    void searchRefusesALimitOutsideOneToAHundred() {
        WorkspaceId ws = TestData.workspaceId();

        assertThatThrownBy(() -> store.searchUsers().searchUsers(ws, "", 0, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.searchUsers().searchUsers(ws, "", 101, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
