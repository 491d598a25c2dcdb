package dev.visitorauth.domain.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UserTest {
    private static final WorkspaceId WORKSPACE = new WorkspaceId("ws_1");
    private static final UserId USER_ID = new UserId("usr_1");
    private static final ExternalUserId EXTERNAL_ID = new ExternalUserId("user-42");
    private static final Instant CREATED = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final Instant LAST_IAT = Instant.parse("2025-03-01T11:00:00Z");

    /** Builds the identity a verified token asserts for {@link #EXTERNAL_ID}: no profile claims, no iat. */
    private static final class Token {
        private FieldUpdate<String> name = FieldUpdate.keep();
        private FieldUpdate<String> email = FieldUpdate.keep();
        private FieldUpdate<String> avatar = FieldUpdate.keep();
        private FieldUpdate<String> companyId = FieldUpdate.keep();
        private FieldUpdate<String> companyName = FieldUpdate.keep();
        private final Map<String, FieldUpdate<String>> customData = new LinkedHashMap<>();
        private Optional<Instant> iat = Optional.empty();

        static Token aToken() {
            return new Token();
        }

        Token name(FieldUpdate<String> update) {
            name = update;
            return this;
        }

        Token email(FieldUpdate<String> update) {
            email = update;
            return this;
        }

        Token avatar(FieldUpdate<String> update) {
            avatar = update;
            return this;
        }

        Token companyId(FieldUpdate<String> update) {
            companyId = update;
            return this;
        }

        Token companyName(FieldUpdate<String> update) {
            companyName = update;
            return this;
        }

        Token custom(String key, FieldUpdate<String> update) {
            customData.put(key, update);
            return this;
        }

        Token issuedAt(Instant instant) {
            iat = Optional.of(instant);
            return this;
        }

        VisitorIdentity identity() {
            return new VisitorIdentity(EXTERNAL_ID,
                    new ProfileUpdate(name, email, avatar, companyId, companyName, customData),
                    NOW.plusSeconds(30), iat, Optional.empty());
        }
    }

    private static Profile storedProfile() {
        return new Profile(Optional.of("Ada"), Optional.of("ada@example.com"), Optional.of("https://example.com/ada.png"),
                Optional.of("acme"), Optional.of("Acme Ltd"), Map.of("plan", "pro", "seats", "5"));
    }

    private static User storedUser(Profile profile, Optional<Instant> lastIat) {
        return User.restore(WORKSPACE, USER_ID, EXTERNAL_ID, profile, lastIat, CREATED, CREATED);
    }

    private static User storedUser() {
        return storedUser(storedProfile(), Optional.of(LAST_IAT));
    }

    private static User applied(User user, Token token) {
        Result<User> result = user.apply(token.identity(), NOW);
        assertThat(result.isOk()).as("applied, but got %s", result).isTrue();
        return result.orElseThrow();
    }

    private static Map<String, String> customDataOf(int keys) {
        Map<String, String> data = new TreeMap<>();
        for (int i = 0; i < keys; i++) {
            data.put("k" + i, "v" + i);
        }
        return data;
    }

    private static Profile withCustomData(Map<String, String> customData) {
        Profile p = storedProfile();
        return new Profile(p.name(), p.email(), p.avatar(), p.companyId(), p.companyName(), customData);
    }

    /** One row per profile field: how a token sets it, and how to read it back. */
    static Stream<Arguments> fields() {
        return Stream.of(
                field("name", Token::name, Profile::name),
                field("email", Token::email, Profile::email),
                field("avatar", Token::avatar, Profile::avatar),
                field("companyId", Token::companyId, Profile::companyId),
                field("companyName", Token::companyName, Profile::companyName));
    }

    private static Arguments field(String name, BiFunction<Token, FieldUpdate<String>, Token> set,
                                   Function<Profile, Optional<String>> get) {
        return Arguments.of(name, set, get);
    }

    @Test
    void firstSeenCreatesTheUserWithTheTokensProfileAndIat() {
        VisitorIdentity identity = Token.aToken().name(FieldUpdate.assign("Ada")).companyId(FieldUpdate.clear())
                .custom("plan", FieldUpdate.assign("pro")).custom("gone", FieldUpdate.clear()).issuedAt(LAST_IAT)
                .identity();

        User user = User.firstSeen(WORKSPACE, USER_ID, identity, NOW).orElseThrow();

        assertThat(user.externalId()).isEqualTo(EXTERNAL_ID);
        assertThat(user.profile()).isEqualTo(new Profile(Optional.of("Ada"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Map.of("plan", "pro")));
        assertThat(user.lastAppliedIssuedAt()).contains(LAST_IAT);
        assertThat(user.createdAt()).isEqualTo(NOW);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fields")
    void overwritesAFieldPresentInTheToken(String field, BiFunction<Token, FieldUpdate<String>, Token> set,
                                           Function<Profile, Optional<String>> get) {
        User user = applied(storedUser(), set.apply(Token.aToken(), FieldUpdate.assign("new value")));

        assertThat(get.apply(user.profile())).contains("new value");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fields")
    void clearsAFieldTheTokenClears(String field, BiFunction<Token, FieldUpdate<String>, Token> set,
                                    Function<Profile, Optional<String>> get) {
        User user = applied(storedUser(), set.apply(Token.aToken(), FieldUpdate.clear()));

        assertThat(get.apply(user.profile())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fields")
    void keepsAFieldAbsentFromTheToken(String field, BiFunction<Token, FieldUpdate<String>, Token> set,
                                       Function<Profile, Optional<String>> get) {
        User user = applied(storedUser(), set.apply(Token.aToken(), FieldUpdate.keep()));

        assertThat(get.apply(user.profile())).isEqualTo(get.apply(storedProfile()));
    }

    @Test
    void keepsTheWholeProfileForATokenWithoutProfileClaims() {
        assertThat(applied(storedUser(), Token.aToken()).profile()).isEqualTo(storedProfile());
    }

    @Test
    void mergesCustomDataKeyByKey() {
        User user = applied(storedUser(), Token.aToken()
                .custom("seats", FieldUpdate.assign("6"))
                .custom("region", FieldUpdate.assign("eu")));

        assertThat(user.profile().customData()).containsExactlyInAnyOrderEntriesOf(
                Map.of("plan", "pro", "seats", "6", "region", "eu"));
    }

    @Test
    void removesACustomDataKeyTheTokenSetsToNull() {
        User user = applied(storedUser(), Token.aToken().custom("plan", FieldUpdate.clear()));

        assertThat(user.profile().customData()).containsExactly(Map.entry("seats", "5"));
    }

    @Test
    void ignoresRemovingACustomDataKeyThatIsNotStored() {
        User user = applied(storedUser(), Token.aToken().custom("never-stored", FieldUpdate.clear()));

        assertThat(user.profile().customData()).isEqualTo(storedProfile().customData());
    }

    @Test
    void acceptsAMergeThatLeavesExactly50Keys() {
        User user = applied(storedUser(withCustomData(customDataOf(49)), Optional.empty()),
                Token.aToken().custom("k49", FieldUpdate.assign("v")));

        assertThat(user.profile().customData()).hasSize(50);
    }

    @Test
    void refusesAMergeThatWouldLeaveMoreThan50Keys() {
        User user = storedUser(withCustomData(customDataOf(50)), Optional.empty());

        Result<User> result = user.apply(Token.aToken().custom("one-more", FieldUpdate.assign("v")).identity(), NOW);

        assertThat(result).isInstanceOf(Result.Refused.class);
        Refusal refusal = ((Result.Refused<User>) result).refusal();
        assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_CLAIM);
        assertThat(refusal.claim()).contains("customData");
        assertThat(refusal.message()).contains("51", "50");
    }

    @Test
    void countsRemovalsBeforeTheFiftyKeyLimit() {
        User user = applied(storedUser(withCustomData(customDataOf(50)), Optional.empty()), Token.aToken()
                .custom("k0", FieldUpdate.clear())
                .custom("new", FieldUpdate.assign("v")));

        assertThat(user.profile().customData()).hasSize(50).containsKey("new").doesNotContainKey("k0");
    }

    @Test
    void overwritingStoredKeysDoesNotCountAgainstTheLimit() {
        User user = applied(storedUser(withCustomData(customDataOf(50)), Optional.empty()),
                Token.aToken().custom("k7", FieldUpdate.assign("changed")));

        assertThat(user.profile().customData()).hasSize(50).containsEntry("k7", "changed");
    }

    @Test
    void neverLetsAnOlderTokenOverwriteTheProfile() {
        User stored = storedUser();

        User user = applied(stored, Token.aToken().name(FieldUpdate.assign("Stale")).email(FieldUpdate.clear())
                .custom("plan", FieldUpdate.clear()).issuedAt(LAST_IAT.minusNanos(1)));

        assertThat(user).isEqualTo(stored);
        assertThat(user.profile()).isEqualTo(storedProfile());
        assertThat(user.lastAppliedIssuedAt()).contains(LAST_IAT);
    }

    @Test
    void acceptsAnOlderTokenEvenIfItsCustomDataWouldOverflowBecauseItIsNotApplied() {
        User stored = storedUser(withCustomData(customDataOf(50)), Optional.of(LAST_IAT));

        User user = applied(stored, Token.aToken().custom("one-more", FieldUpdate.assign("v"))
                .issuedAt(LAST_IAT.minusSeconds(1)));

        assertThat(user).isEqualTo(stored);
    }

    @Test
    void appliesATokenWithTheSameIat() {
        User user = applied(storedUser(), Token.aToken().name(FieldUpdate.assign("Same Time")).issuedAt(LAST_IAT));

        assertThat(user.profile().name()).contains("Same Time");
        assertThat(user.lastAppliedIssuedAt()).contains(LAST_IAT);
    }

    @Test
    void appliesANewerTokenAndRemembersItsIat() {
        Instant newer = LAST_IAT.plusSeconds(60);

        User user = applied(storedUser(), Token.aToken().name(FieldUpdate.assign("Newer")).issuedAt(newer));

        assertThat(user.profile().name()).contains("Newer");
        assertThat(user.lastAppliedIssuedAt()).contains(newer);
    }

    @Test
    void appliesATokenWithoutIatAndKeepsTheLastAppliedIat() {
        User user = applied(storedUser(), Token.aToken().name(FieldUpdate.assign("No Iat")));

        assertThat(user.profile().name()).contains("No Iat");
        assertThat(user.lastAppliedIssuedAt()).contains(LAST_IAT);
    }

    @Test
    void appliesATokenWithIatToAUserWhoseTokensNeverHadOne() {
        User user = applied(storedUser(storedProfile(), Optional.empty()),
                Token.aToken().name(FieldUpdate.assign("First Iat")).issuedAt(LAST_IAT.minusSeconds(3600)));

        assertThat(user.profile().name()).contains("First Iat");
        assertThat(user.lastAppliedIssuedAt()).contains(LAST_IAT.minusSeconds(3600));
    }

    @Test
    void movesUpdatedAtOnlyWhenSomethingChanged() {
        User unchanged = applied(storedUser(), Token.aToken().name(FieldUpdate.assign("Ada")).issuedAt(LAST_IAT));
        User changed = applied(storedUser(), Token.aToken().name(FieldUpdate.assign("Ada B.")).issuedAt(LAST_IAT));

        assertThat(unchanged.updatedAt()).isEqualTo(CREATED);
        assertThat(changed.updatedAt()).isEqualTo(NOW);
        assertThat(changed.createdAt()).isEqualTo(CREATED);
    }

    @Test
    void refusesToApplyAnotherUsersToken() {
        VisitorIdentity other = new VisitorIdentity(new ExternalUserId("someone-else"), ProfileUpdate.none(),
                NOW.plusSeconds(30), Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> storedUser().apply(other, NOW)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void leavesTheStoredUserAsItWasWhenApplying() {
        User stored = storedUser();

        applied(stored, Token.aToken().name(FieldUpdate.assign("Changed")).custom("plan", FieldUpdate.clear()));

        assertThat(stored.profile()).isEqualTo(storedProfile());
    }
}
