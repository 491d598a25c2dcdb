package dev.visitorauth.domain.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The profile update of spec section 3 over fuzzed sequences of tokens for one user: claims in the
 * token overwrite, {@code ""} (a clear) clears, absent claims stay; custom data merges key by key
 * (a value overwrites, {@code null} removes, absent keys stay) and never holds more than 50 keys
 * (a token that would leave more is refused with {@code invalid_claim} on {@code customData}
 * and changes nothing); a token whose {@code iat} is older than the last applied one never changes
 * the profile, and a token without {@code iat} keeps the last applied one.
 */
class ProfileMergeFuzzTest {
    private static final WorkspaceId WORKSPACE = new WorkspaceId("ws_fuzz");
    private static final UserId USER = new UserId("usr_fuzz");
    private static final ExternalUserId EXTERNAL = new ExternalUserId("user-42");
    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");
    /** More keys than a profile may hold, so the 50-key bound is reached. */
    private static final int KEY_POOL = 64;
    private static final List<String> VALUES = List.of("a", "b", "Ada", "3.0", "true", "x".repeat(1024));
    private static final int MOST_TOKENS = 40;

    /** The one call into production code: a rename of the merge is a one-line change here. */
    private static Result<User> applyToken(User user, VisitorIdentity identity, Instant now) {
        return user.apply(identity, now);
    }

    @FuzzTest
    void laterTokensOverwriteClearOrKeepAndNeverExceedFiftyKeys(FuzzedDataProvider data) {
        User user = User.restore(WORKSPACE, USER, EXTERNAL, Profile.empty(), Optional.empty(), START, START);
        Instant now = START;
        for (int token = 0; token < MOST_TOKENS && data.remainingBytes() > 0; token++) {
            now = now.plusSeconds(data.consumeInt(0, 100));
            Optional<Instant> iat = data.consumeBoolean() ? Optional.empty() : Optional.of(START.plusSeconds(data.consumeInt(-50, 4_000)));
            ProfileUpdate update = new ProfileUpdate(field(data), field(data), field(data), field(data), field(data), patch(data));
            VisitorIdentity identity = new VisitorIdentity(EXTERNAL, update, now.plusSeconds(300), iat, Optional.empty());

            User before = user;
            Result<User> result = applyToken(before, identity, now);

            boolean stale = iat.isPresent() && before.lastAppliedIssuedAt().isPresent()
                    && iat.get().isBefore(before.lastAppliedIssuedAt().get());
            if (stale) {
                assertThat(result).as("a stale iat never overwrites").isEqualTo(Result.ok(before));
                continue;
            }
            Map<String, String> merged = new LinkedHashMap<>(before.profile().customData());
            update.customData().forEach((key, change) -> {
                if (change instanceof FieldUpdate.Assign<String> a) {
                    merged.put(key, a.value());
                } else {
                    merged.remove(key);
                }
            });
            if (merged.size() > Profile.MAX_CUSTOM_DATA_KEYS) {
                assertThat(result).isInstanceOfSatisfying(Result.Refused.class, r -> {
                    assertThat(r.refusal().code()).isEqualTo(ErrorCode.INVALID_CLAIM);
                    assertThat(r.refusal().claim()).contains("customData");
                });
                continue;
            }
            assertThat(result).isInstanceOf(Result.Ok.class);
            user = ((Result.Ok<User>) result).value();
            Profile was = before.profile();
            Profile is = user.profile();

            assertField(update.name(), was, is, Profile::name);
            assertField(update.email(), was, is, Profile::email);
            assertField(update.avatar(), was, is, Profile::avatar);
            assertField(update.companyId(), was, is, Profile::companyId);
            assertField(update.companyName(), was, is, Profile::companyName);
            assertThat(is.customData()).hasSizeLessThanOrEqualTo(Profile.MAX_CUSTOM_DATA_KEYS);
            for (String key : keyPool()) {
                FieldUpdate<String> change = update.customData().get(key);
                if (change instanceof FieldUpdate.Assign<String> a) {
                    assertThat(is.customData()).as("a key in the token overwrites").containsEntry(key, a.value());
                } else if (change instanceof FieldUpdate.Clear) {
                    assertThat(is.customData()).as("null removes").doesNotContainKey(key);
                } else {
                    assertThat(is.customData().get(key)).as("an absent key stays").isEqualTo(was.customData().get(key));
                }
            }
            assertThat(user.lastAppliedIssuedAt()).as("no iat keeps the last applied one")
                    .isEqualTo(iat.isPresent() ? iat : before.lastAppliedIssuedAt());
        }
    }

    private static void assertField(FieldUpdate<String> update, Profile was, Profile is, Function<Profile, Optional<String>> field) {
        Optional<String> expected;
        if (update instanceof FieldUpdate.Assign<String> a) {
            expected = Optional.of(a.value());
        } else if (update instanceof FieldUpdate.Clear) {
            expected = Optional.empty();
        } else {
            expected = field.apply(was);
        }
        assertThat(field.apply(is)).isEqualTo(expected);
    }

    private static FieldUpdate<String> field(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 2)) {
            case 0 -> FieldUpdate.keep();
            case 1 -> FieldUpdate.clear();
            default -> FieldUpdate.assign(data.pickValue(VALUES));
        };
    }

    private static Map<String, FieldUpdate<String>> patch(FuzzedDataProvider data) {
        Map<String, FieldUpdate<String>> patch = new LinkedHashMap<>();
        int keys = data.consumeInt(0, 60);
        for (int i = 0; i < keys; i++) {
            String key = "key" + data.consumeInt(0, KEY_POOL - 1);
            patch.put(key, data.consumeBoolean() ? FieldUpdate.clear() : FieldUpdate.assign(data.pickValue(VALUES)));
        }
        return patch;
    }

    private static List<String> keyPool() {
        return java.util.stream.IntStream.range(0, KEY_POOL).mapToObj(i -> "key" + i).toList();
    }
}
