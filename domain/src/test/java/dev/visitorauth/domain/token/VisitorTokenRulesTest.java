package dev.visitorauth.domain.token;

import static dev.visitorauth.domain.token.Json.arr;
import static dev.visitorauth.domain.token.Json.num;
import static dev.visitorauth.domain.token.Json.obj;
import static dev.visitorauth.domain.token.TokenPayloads.NOW;
import static dev.visitorauth.domain.token.TokenPayloads.NOW_SECONDS;
import static dev.visitorauth.domain.token.TokenPayloads.aValidPayload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.identity.FieldUpdate;
import dev.visitorauth.domain.identity.ProfileUpdate;
import dev.visitorauth.domain.identity.VisitorIdentity;
import dev.visitorauth.domain.widget.AuthMode;
import dev.visitorauth.domain.widget.AuthenticationPolicy;
import dev.visitorauth.domain.widget.WidgetId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class VisitorTokenRulesTest {
    private static final WidgetId WIDGET = new WidgetId("wgt_demo");
    /** Defaults: 600 s maximum lifetime, 30 s clock skew, jti not required. */
    private static final AuthenticationPolicy POLICY = AuthenticationPolicy.defaults();
    private static final AuthenticationPolicy REQUIRE_JTI =
            new AuthenticationPolicy(AuthMode.OPTIONAL, Duration.ofSeconds(600), Duration.ofSeconds(30), true);
    private static final AuthenticationPolicy NO_SKEW =
            new AuthenticationPolicy(AuthMode.OPTIONAL, Duration.ofSeconds(600), Duration.ZERO, false);
    private static final Duration ONE_NANO = Duration.ofNanos(1);

    private static Result<VisitorIdentity> evaluate(TokenPayloads payload) {
        return evaluate(payload, POLICY);
    }

    private static Result<VisitorIdentity> evaluate(TokenPayloads payload, AuthenticationPolicy policy) {
        return VisitorTokenRules.evaluate(payload.build(), WIDGET, policy, NOW, RuleTrace.NONE);
    }

    private static VisitorIdentity accepted(TokenPayloads payload) {
        return accepted(payload, POLICY);
    }

    private static VisitorIdentity accepted(TokenPayloads payload, AuthenticationPolicy policy) {
        Result<VisitorIdentity> result = evaluate(payload, policy);
        assertThat(result.isOk()).as("accepted, but got %s", result).isTrue();
        return result.orElseThrow();
    }

    private static Refusal refused(TokenPayloads payload, ErrorCode code, String claim) {
        return refused(evaluate(payload, POLICY), code, claim);
    }

    private static Refusal refused(Result<VisitorIdentity> result, ErrorCode code, String claim) {
        assertThat(result).isInstanceOf(Result.Refused.class);
        Refusal refusal = ((Result.Refused<VisitorIdentity>) result).refusal();
        assertThat(refusal.code()).as("code of %s", refusal).isEqualTo(code);
        assertThat(refusal.claim()).as("claim of %s", refusal).contains(claim);
        assertThat(refusal.message()).isNotBlank();
        return refusal;
    }

    private static ProfileUpdate profileOf(TokenPayloads payload) {
        return accepted(payload).profile();
    }

    @Test
    void acceptsAMinimalValidTokenAndReportsItsFacts() {
        VisitorIdentity identity = accepted(aValidPayload());

        assertThat(identity.externalId()).isEqualTo(new ExternalUserId("user-42"));
        assertThat(identity.expiresAt()).isEqualTo(NOW.plusSeconds(30));
        assertThat(identity.issuedAt()).contains(NOW);
        assertThat(identity.tokenId()).isEmpty();
        assertThat(identity.profile()).isEqualTo(ProfileUpdate.none());
    }

    @Test
    void acceptsATokenWithEveryClaimAndCarriesThemIntoTheProfileUpdate() {
        VisitorIdentity identity = accepted(aValidPayload()
                .with("aud", "wgt_demo")
                .with("jti", "c0ffee-1")
                .with("nbf", NOW_SECONDS - 5)
                .with("name", "Ada Lovelace")
                .with("email", "ada@example.com")
                .with("avatar", "https://cdn.example.com/ada.png")
                .with("companyId", 7)
                .with("companyName", "Analytical Engines")
                .with("customData", obj("plan", "pro", "seats", 5)));

        assertThat(identity.tokenId()).contains("c0ffee-1");
        assertThat(identity.profile()).isEqualTo(new ProfileUpdate(
                FieldUpdate.assign("Ada Lovelace"), FieldUpdate.assign("ada@example.com"),
                FieldUpdate.assign("https://cdn.example.com/ada.png"), FieldUpdate.assign("7"),
                FieldUpdate.assign("Analytical Engines"),
                Map.of("plan", FieldUpdate.assign("pro"), "seats", FieldUpdate.assign("5"))));
    }

    /**
     * A parser hands out the rules' own instances of the claim names, which the rules find by
     * identity; a name read any other way (with an escape, by another parser) is found by its text.
     */
    @Test
    void readsClaimNamesByTheirTextWhateverTheInstance() {
        JsonValue.JsonObject interned = aValidPayload().with("name", "Ada").with("companyId", 7)
                .with("customData", obj("plan", "pro")).build();
        JsonValue.JsonObject.Builder copies = new JsonValue.JsonObject.Builder();
        for (int i = 0; i < interned.size(); i++) {
            copies.add(new String(interned.name(i).toCharArray()), interned.value(i));
        }
        JsonValue.JsonObject fresh = copies.build();
        assertThat(fresh.name(0)).isEqualTo("exp").isNotSameAs("exp");

        Result<VisitorIdentity> read = VisitorTokenRules.evaluate(fresh, WIDGET, POLICY, NOW, RuleTrace.NONE);
        assertThat(read).isEqualTo(VisitorTokenRules.evaluate(interned, WIDGET, POLICY, NOW, RuleTrace.NONE));
        ProfileUpdate profile = read.orElseThrow().profile();
        assertThat(profile.name()).isEqualTo(FieldUpdate.assign("Ada"));
        assertThat(profile.companyId()).isEqualTo(FieldUpdate.assign("7"));
        assertThat(profile.customData()).containsEntry("plan", FieldUpdate.assign("pro"));
    }

    @Test
    void ignoresClaimsItDoesNotKnowWhateverTheirType() {
        VisitorIdentity identity = accepted(aValidPayload()
                .with("iss", "https://shop.example.com")
                .with("sub", 12)
                .with("roles", arr("admin", obj("nested", true)))
                .with("Email", false));

        assertThat(identity.profile()).isEqualTo(ProfileUpdate.none());
    }

    @Nested
    class Expiration {
        @Test
        void refusesATokenWithoutExp() {
            refused(aValidPayload().without("exp"), ErrorCode.MISSING_EXPIRATION, "exp");
        }

        @Test
        void treatsNullExpAsMissing() {
            refused(aValidPayload().with("exp", null), ErrorCode.MISSING_EXPIRATION, "exp");
        }

        @ParameterizedTest
        @MethodSource("dev.visitorauth.domain.token.VisitorTokenRulesTest#notNumericDates")
        void refusesAnExpThatIsNotANumericDate(JsonValue exp) {
            Refusal refusal = refused(aValidPayload().with("exp", exp), ErrorCode.INVALID_CLAIM, "exp");

            assertThat(refusal.message()).contains("NumericDate");
        }

        @Test
        void acceptsATokenExpiredExactlyByTheClockSkew() {
            VisitorIdentity identity = accepted(aValidPayload().without("iat").with("exp", NOW_SECONDS - 30));

            assertThat(identity.expiresAt()).isEqualTo(NOW.minusSeconds(30));
        }

        @Test
        void refusesATokenExpiredOneNanosecondBeyondTheClockSkew() {
            refused(aValidPayload().without("iat").at("exp", Duration.ofSeconds(-30).minus(ONE_NANO)),
                    ErrorCode.TOKEN_EXPIRED, "exp");
        }

        @Test
        void refusesATokenExpiredWellBeyondTheClockSkew() {
            Refusal refusal = refused(aValidPayload().without("iat").with("exp", NOW_SECONDS - 3600),
                    ErrorCode.TOKEN_EXPIRED, "exp");

            assertThat(refusal.message()).contains("2025-03-01T11:00:00Z", "3600 s", "30 s");
        }

        @Test
        void withoutSkewAcceptsExpEqualToNowAndRefusesOneMillisecondEarlier() {
            accepted(aValidPayload().without("iat").with("exp", NOW_SECONDS), NO_SKEW);

            refused(evaluate(aValidPayload().without("iat").at("exp", Duration.ofMillis(-1)), NO_SKEW),
                    ErrorCode.TOKEN_EXPIRED, "exp");
        }

        @Test
        void readsExpZeroAsLongExpired() {
            refused(aValidPayload().without("iat").with("exp", 0), ErrorCode.TOKEN_EXPIRED, "exp");
        }
    }

    @Nested
    class NotBeforeAndIssuedAt {
        @ParameterizedTest
        @ValueSource(strings = {"nbf", "iat"})
        void treatsANullTimeClaimAsAbsent(String claim) {
            VisitorIdentity identity = accepted(aValidPayload().with(claim, null));

            if (claim.equals("iat")) {
                assertThat(identity.issuedAt()).isEmpty();
            }
        }

        @Test
        void reportsNoIssuedAtWhenIatIsAbsent() {
            assertThat(accepted(aValidPayload().without("iat")).issuedAt()).isEmpty();
        }

        @ParameterizedTest
        @MethodSource("dev.visitorauth.domain.token.VisitorTokenRulesTest#timeClaimsWithNotNumericDates")
        void refusesANbfOrIatThatIsNotANumericDate(String claim, JsonValue value) {
            refused(aValidPayload().with(claim, value), ErrorCode.INVALID_CLAIM, claim);
        }

        @ParameterizedTest
        @ValueSource(strings = {"nbf", "iat"})
        void acceptsATimeClaimInTheFutureByExactlyTheClockSkew(String claim) {
            accepted(aValidPayload().with(claim, NOW_SECONDS + 30).with("exp", NOW_SECONDS + 60));
        }

        @ParameterizedTest
        @ValueSource(strings = {"nbf", "iat"})
        void refusesATimeClaimInTheFutureBeyondTheClockSkew(String claim) {
            Refusal refusal = refused(aValidPayload().at(claim, Duration.ofSeconds(30).plus(ONE_NANO))
                    .with("exp", NOW_SECONDS + 60), ErrorCode.TOKEN_NOT_YET_VALID, claim);

            assertThat(refusal.message()).contains(claim, "clock");
        }

        @Test
        void acceptsNbfInThePast() {
            accepted(aValidPayload().with("nbf", NOW_SECONDS - 100));
        }
    }

    @Nested
    class Lifetime {
        @Test
        void acceptsExpExactlyMaximumLifetimePlusSkewFromNow() {
            accepted(aValidPayload().without("iat").with("exp", NOW_SECONDS + 630));
        }

        @Test
        void refusesExpFurtherThanMaximumLifetimePlusSkewFromNow() {
            Refusal refusal = refused(aValidPayload().without("iat").at("exp", Duration.ofSeconds(630).plus(ONE_NANO)),
                    ErrorCode.TOKEN_LIFETIME_TOO_LONG, "exp");

            assertThat(refusal.message()).contains("600 s", "30 s");
        }

        @Test
        void acceptsExpMinusIatExactlyTheMaximumLifetime() {
            accepted(aValidPayload().with("iat", NOW_SECONDS - 570).with("exp", NOW_SECONDS + 30));
        }

        @Test
        void refusesExpMinusIatOverTheMaximumLifetimeWithoutAddingSkew() {
            refused(aValidPayload().at("iat", Duration.ofSeconds(-570).minus(ONE_NANO)).with("exp", NOW_SECONDS + 30),
                    ErrorCode.TOKEN_LIFETIME_TOO_LONG, "iat");
        }

        @Test
        void reportsExpBeforeIatWhenBothLifetimesAreTooLong() {
            refused(aValidPayload().with("iat", NOW_SECONDS - 1000).with("exp", NOW_SECONDS + 1000),
                    ErrorCode.TOKEN_LIFETIME_TOO_LONG, "exp");
        }

        @Test
        void followsTheWidgetsMaximumLifetime() {
            AuthenticationPolicy oneMinute =
                    new AuthenticationPolicy(AuthMode.OPTIONAL, Duration.ofSeconds(60), Duration.ofSeconds(30), false);

            accepted(aValidPayload().with("exp", NOW_SECONDS + 60), oneMinute);
            refused(evaluate(aValidPayload().with("exp", NOW_SECONDS + 61), oneMinute),
                    ErrorCode.TOKEN_LIFETIME_TOO_LONG, "iat");
        }

        @ParameterizedTest
        @ValueSource(strings = {"253402300799", "253402300800", "99999999999999999999", "1e300", "1E+999999999999",
                "7e2147483647", "123456789012345678901234567890.5"})
        @Timeout(5)
        void refusesAHugeExpAsTooLongWithoutOverflowing(String exp) {
            Refusal refusal = refused(aValidPayload().without("iat").with("exp", num(exp)),
                    ErrorCode.TOKEN_LIFETIME_TOO_LONG, "exp");

            assertThat(refusal.message()).doesNotContain(exp);
        }

        @ParameterizedTest
        @ValueSource(strings = {"nbf", "iat"})
        void refusesAHugeNbfOrIatAsNotYetValid(String claim) {
            refused(aValidPayload().with(claim, num("1e999999999999")), ErrorCode.TOKEN_NOT_YET_VALID, claim);
        }
    }

    @Nested
    class NumericDateForms {
        @Test
        void keepsDecimalSecondsToTheNanosecond() {
            VisitorIdentity identity = accepted(aValidPayload().with("exp", num((NOW_SECONDS + 10) + ".123456789"))
                    .with("iat", num((NOW_SECONDS - 1) + ".5")));

            assertThat(identity.expiresAt()).isEqualTo(NOW.plusSeconds(10).plusNanos(123_456_789));
            assertThat(identity.issuedAt()).contains(NOW.minusMillis(500));
        }

        @Test
        void truncatesDigitsBeyondTheNanosecond() {
            VisitorIdentity identity = accepted(aValidPayload().with("exp", num((NOW_SECONDS + 10) + ".9999999999")));

            assertThat(identity.expiresAt()).isEqualTo(NOW.plusSeconds(10).plusNanos(999_999_999));
        }

        @Test
        void readsExponentForm() {
            // NOW is 1740830400 = 1.7408304e9
            VisitorIdentity identity = accepted(aValidPayload().with("exp", num("1.740830403e9"))
                    .with("iat", num("17408300E2")));

            assertThat(identity.expiresAt()).isEqualTo(NOW.plusSeconds(3));
            assertThat(identity.issuedAt()).contains(NOW.minusSeconds(400));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-0", "0.0", "-0.0", "0e99999999999", "1e-99999999999", "5e-10"})
        void readsZeroAndTinyNumbersAsTheEpoch(String exp) {
            refused(aValidPayload().without("iat").with("exp", num(exp)), ErrorCode.TOKEN_EXPIRED, "exp");
        }
    }

    @Nested
    class Audience {
        @Test
        void acceptsATokenWithoutAud() {
            accepted(aValidPayload());
        }

        @Test
        void treatsNullAudAsAbsent() {
            accepted(aValidPayload().with("aud", null));
        }

        @Test
        void acceptsAudEqualToTheWidgetId() {
            accepted(aValidPayload().with("aud", "wgt_demo"));
        }

        @Test
        void acceptsAnAudArrayContainingTheWidgetId() {
            accepted(aValidPayload().with("aud", arr("https://api.example.com", "wgt_demo")));
        }

        @ParameterizedTest
        @MethodSource("dev.visitorauth.domain.token.VisitorTokenRulesTest#badAudiences")
        void refusesAnAudThatDoesNotNameThisWidget(JsonValue aud) {
            Refusal refusal = refused(aValidPayload().with("aud", aud), ErrorCode.INVALID_CLAIM, "aud");

            assertThat(refusal.message()).contains("\"wgt_demo\"");
        }
    }

    @Nested
    class TokenId {
        @Test
        void acceptsATokenWithoutJtiWhenTheWidgetDoesNotRequireIt() {
            assertThat(accepted(aValidPayload()).tokenId()).isEmpty();
        }

        @Test
        void refusesATokenWithoutJtiWhenTheWidgetRequiresIt() {
            refused(evaluate(aValidPayload(), REQUIRE_JTI), ErrorCode.MISSING_CLAIM, "jti");
        }

        @Test
        void treatsNullJtiAsMissingWhenTheWidgetRequiresIt() {
            refused(evaluate(aValidPayload().with("jti", null), REQUIRE_JTI), ErrorCode.MISSING_CLAIM, "jti");
        }

        @Test
        void treatsNullJtiAsAbsentWhenTheWidgetDoesNotRequireIt() {
            assertThat(accepted(aValidPayload().with("jti", null)).tokenId()).isEmpty();
        }

        @Test
        void reportsTheJti() {
            assertThat(accepted(aValidPayload().with("jti", "0b4e2f"), REQUIRE_JTI).tokenId()).contains("0b4e2f");
        }

        @Test
        void acceptsAJtiOf255Characters() {
            assertThat(accepted(aValidPayload().with("jti", "j".repeat(255))).tokenId()).contains("j".repeat(255));
        }

        @ParameterizedTest
        @MethodSource("dev.visitorauth.domain.token.VisitorTokenRulesTest#badTokenIds")
        void refusesAJtiThatIsNotANonEmptyStringOfAtMost255Characters(JsonValue jti) {
            refused(aValidPayload().with("jti", jti), ErrorCode.INVALID_CLAIM, "jti");
        }
    }

    @Nested
    class UserId {
        @Test
        void refusesATokenWithoutId() {
            Refusal refusal = refused(aValidPayload().without("id"), ErrorCode.MISSING_CLAIM, "id");

            assertThat(refusal.message()).contains("id");
        }

        @Test
        void treatsNullIdAsMissing() {
            refused(aValidPayload().with("id", null), ErrorCode.MISSING_CLAIM, "id");
        }

        @Test
        void readsTheIntegerOneAndTheStringOneAsTheSameUser() {
            ExternalUserId fromNumber = accepted(aValidPayload().with("id", 1)).externalId();
            ExternalUserId fromString = accepted(aValidPayload().with("id", "1")).externalId();

            assertThat(fromNumber).isEqualTo(fromString).isEqualTo(new ExternalUserId("1"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"1234567890123456789", "-9999999999999999999", "9999999999999999999", "-42", "0"})
        void acceptsIntegersOfUpTo19DigitsAsTheirDecimalText(String integer) {
            assertThat(accepted(aValidPayload().with("id", num(integer))).externalId().value()).isEqualTo(integer);
        }

        @Test
        void readsNegativeZeroAsZero() {
            assertThat(accepted(aValidPayload().with("id", num("-0"))).externalId().value()).isEqualTo("0");
        }

        @ParameterizedTest
        @ValueSource(strings = {"007", "01", "abc", "1.", ".5", "+1", "1e", "", "-", "NaN", "Infinity", "1 "})
        void aJsonNumberIsValidByConstructionSoNoRuleSeesAMalformedOne(String text) {
            assertThatThrownBy(() -> num(text)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void takesStringIdsVerbatim() {
            assertThat(accepted(aValidPayload().with("id", " 007 ")).externalId().value()).isEqualTo(" 007 ");
        }

        @Test
        void acceptsAStringIdOf255Characters() {
            assertThat(accepted(aValidPayload().with("id", "u".repeat(255))).externalId().value()).hasSize(255);
        }

        @Test
        void countsCharactersAsCodePoints() {
            String emoji = "\uD83D\uDE00"; // one code point, two Java chars
            String id = emoji.repeat(255);

            assertThat(accepted(aValidPayload().with("id", id)).externalId().value()).isEqualTo(id);
            refused(aValidPayload().with("id", id + emoji), ErrorCode.INVALID_CLAIM, "id");
        }

        @ParameterizedTest
        @MethodSource("dev.visitorauth.domain.token.VisitorTokenRulesTest#badIds")
        void refusesAnIdThatIsNeitherAShortStringNorAnInteger(JsonValue id) {
            refused(aValidPayload().with("id", id), ErrorCode.INVALID_CLAIM, "id");
        }

        @Test
        void neverEchoesALongIdInTheMessage() {
            String id = "secret-looking-" + "x".repeat(300);

            Refusal refusal = refused(aValidPayload().with("id", id), ErrorCode.INVALID_CLAIM, "id");

            assertThat(refusal.message()).doesNotContain("secret-looking").contains("315 characters", "255");
        }
    }

    @Nested
    class NameAndCompanyName {
        @ParameterizedTest
        @ValueSource(strings = {"name", "companyName"})
        void assignsAPresentValue(String claim) {
            assertThat(field(claim).apply(profileOf(aValidPayload().with(claim, "Ada"))))
                    .isEqualTo(FieldUpdate.assign("Ada"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"name", "companyName"})
        void clearsOnEmptyString(String claim) {
            assertThat(field(claim).apply(profileOf(aValidPayload().with(claim, "")))).isEqualTo(FieldUpdate.clear());
        }

        @ParameterizedTest
        @ValueSource(strings = {"name", "companyName"})
        void keepsWhenAbsent(String claim) {
            assertThat(field(claim).apply(profileOf(aValidPayload()))).isEqualTo(FieldUpdate.keep());
        }

        @ParameterizedTest
        @ValueSource(strings = {"name", "companyName"})
        void keepsWhenNull(String claim) {
            assertThat(field(claim).apply(profileOf(aValidPayload().with(claim, null)))).isEqualTo(FieldUpdate.keep());
        }

        @ParameterizedTest
        @ValueSource(strings = {"name", "companyName"})
        void acceptsUpTo255Characters(String claim) {
            assertThat(field(claim).apply(profileOf(aValidPayload().with(claim, "n".repeat(255)))))
                    .isEqualTo(FieldUpdate.assign("n".repeat(255)));
        }

        @ParameterizedTest
        @MethodSource("dev.visitorauth.domain.token.VisitorTokenRulesTest#badNames")
        void refusesAnythingButAStringOfAtMost255Characters(String claim, JsonValue value) {
            refused(aValidPayload().with(claim, value), ErrorCode.INVALID_CLAIM, claim);
        }
    }

    @Nested
    class Email {
        @ParameterizedTest
        @ValueSource(strings = {"ada@example.com", "a@b", "first.last+tag@sub.example.co.uk", "\"odd\"@example.com",
                "ädä@exämple.com"})
        void assignsAnAddress(String address) {
            assertThat(profileOf(aValidPayload().with("email", address)).email()).isEqualTo(FieldUpdate.assign(address));
        }

        @Test
        void clearsOnEmptyString() {
            assertThat(profileOf(aValidPayload().with("email", "")).email()).isEqualTo(FieldUpdate.clear());
        }

        @Test
        void keepsWhenAbsentOrNull() {
            assertThat(profileOf(aValidPayload()).email()).isEqualTo(FieldUpdate.keep());
            assertThat(profileOf(aValidPayload().with("email", null)).email()).isEqualTo(FieldUpdate.keep());
        }

        @Test
        void acceptsAnAddressOf320Characters() {
            String address = "a".repeat(308) + "@example.com";

            assertThat(address).hasSize(320);
            assertThat(profileOf(aValidPayload().with("email", address)).email()).isEqualTo(FieldUpdate.assign(address));
        }

        @Test
        void refusesAnAddressOf321Characters() {
            refused(aValidPayload().with("email", "a".repeat(309) + "@example.com"), ErrorCode.INVALID_CLAIM, "email");
        }

        @Test
        void countsCodePointsNotUtf16Units() {
            String emoji = "\uD83D\uDE00"; // one code point, two Java chars
            String address = emoji.repeat(308) + "@example.com";

            assertThat(profileOf(aValidPayload().with("email", address)).email()).isEqualTo(FieldUpdate.assign(address));
            refused(aValidPayload().with("email", emoji + address), ErrorCode.INVALID_CLAIM, "email");
        }

        @ParameterizedTest
        @ValueSource(strings = {"ada", "ada.example.com", "ada@@example.com", "a@b@example.com", "@example.com", "ada@",
                "@", "ada @example.com", " ada@example.com", "ada@example.com ", "ada@exa\tmple.com", "ada\n@example.com",
                "ada\u00A0@example.com", "ada\u2003@example.com", "ada\u0007@example.com", "ada\u0000@example.com",
                "ada\uD800@example.com"})
        void refusesSomethingThatDoesNotLookLikeAnAddress(String email) {
            Refusal refusal = refused(aValidPayload().with("email", email), ErrorCode.INVALID_CLAIM, "email");

            assertThat(refusal.message()).contains("ada@example.com", "one @, no spaces", "\"\" for none");
        }

        @ParameterizedTest
        @MethodSource("dev.visitorauth.domain.token.VisitorTokenRulesTest#notStrings")
        void refusesANonString(JsonValue value) {
            refused(aValidPayload().with("email", value), ErrorCode.INVALID_CLAIM, "email");
        }

        @Test
        void neverEchoesTheAddressInTheMessage() {
            Refusal refusal = refused(aValidPayload().with("email", "hunter2@@example.com"), ErrorCode.INVALID_CLAIM,
                    "email");

            assertThat(refusal.message()).doesNotContain("hunter2");
        }
    }

    @Nested
    class Avatar {
        @ParameterizedTest
        @ValueSource(strings = {"https://cdn.example.com/ada.png", "http://example.com/a.png", "HTTPS://EXAMPLE.COM/A.PNG",
                "https://example.com:8443/u/1/avatar?size=64&v=2#x", "https://127.0.0.1/a.png", "https://[::1]/a.png",
                "https://example.com"})
        void assignsAnAbsoluteHttpUrl(String url) {
            assertThat(profileOf(aValidPayload().with("avatar", url)).avatar()).isEqualTo(FieldUpdate.assign(url));
        }

        @Test
        void clearsOnEmptyString() {
            assertThat(profileOf(aValidPayload().with("avatar", "")).avatar()).isEqualTo(FieldUpdate.clear());
        }

        @Test
        void keepsWhenAbsentOrNull() {
            assertThat(profileOf(aValidPayload()).avatar()).isEqualTo(FieldUpdate.keep());
            assertThat(profileOf(aValidPayload().with("avatar", null)).avatar()).isEqualTo(FieldUpdate.keep());
        }

        @Test
        void acceptsAUrlOf2048Characters() {
            String url = "https://cdn.example.com/" + "a".repeat(2048 - 24);

            assertThat(url).hasSize(2048);
            assertThat(profileOf(aValidPayload().with("avatar", url)).avatar()).isEqualTo(FieldUpdate.assign(url));
        }

        @Test
        void refusesAUrlOf2049Characters() {
            refused(aValidPayload().with("avatar", "https://cdn.example.com/" + "a".repeat(2049 - 24)),
                    ErrorCode.INVALID_CLAIM, "avatar");
        }

        @ParameterizedTest
        @ValueSource(strings = {"javascript:alert(1)", "JavaScript://example.com/%0Aalert(1)",
                "data:image/png;base64,iVBORw0KGgo=", "vbscript:msgbox", "file:///etc/passwd", "ftp://example.com/a.png",
                "mailto:ada@example.com", "/avatars/ada.png", "avatars/ada.png", "//cdn.example.com/ada.png",
                "https:", "https://", "https:///ada.png", "https:ada.png", "http:example.com/a.png",
                "https://user:password@example.com/a.png", "https://example.com/a b.png", "https://exa mple.com/a.png",
                " https://example.com/a.png", "https://example.com/a.png\n", "https://example.com/\u0000",
                "https://example.com/a\u00A0.png", "https://exa<mple.com/", "https://example.com/%zz"})
        void refusesAnythingButAnAbsoluteHttpOrHttpsUrlWithAHost(String url) {
            Refusal refusal = refused(aValidPayload().with("avatar", url), ErrorCode.INVALID_CLAIM, "avatar");

            assertThat(refusal.message()).contains("https://", "\"\" for none");
        }

        @ParameterizedTest
        @MethodSource("dev.visitorauth.domain.token.VisitorTokenRulesTest#notStrings")
        void refusesANonString(JsonValue value) {
            refused(aValidPayload().with("avatar", value), ErrorCode.INVALID_CLAIM, "avatar");
        }
    }

    @Nested
    class CompanyId {
        @Test
        void assignsAString() {
            assertThat(profileOf(aValidPayload().with("companyId", "acme")).companyId())
                    .isEqualTo(FieldUpdate.assign("acme"));
        }

        @Test
        void normalisesAnIntegerToItsDecimalText() {
            assertThat(profileOf(aValidPayload().with("companyId", 1234567890123456789L)).companyId())
                    .isEqualTo(FieldUpdate.assign("1234567890123456789"));
        }

        @Test
        void clearsOnEmptyString() {
            assertThat(profileOf(aValidPayload().with("companyId", "")).companyId()).isEqualTo(FieldUpdate.clear());
        }

        @Test
        void keepsWhenAbsentOrNull() {
            assertThat(profileOf(aValidPayload()).companyId()).isEqualTo(FieldUpdate.keep());
            assertThat(profileOf(aValidPayload().with("companyId", null)).companyId()).isEqualTo(FieldUpdate.keep());
        }

        @Test
        void acceptsAStringOf255Characters() {
            assertThat(profileOf(aValidPayload().with("companyId", "c".repeat(255))).companyId())
                    .isEqualTo(FieldUpdate.assign("c".repeat(255)));
        }

        @ParameterizedTest
        @MethodSource("dev.visitorauth.domain.token.VisitorTokenRulesTest#badCompanyIds")
        void refusesWhatAnIdWouldRefuse(JsonValue companyId) {
            refused(aValidPayload().with("companyId", companyId), ErrorCode.INVALID_CLAIM, "companyId");
        }
    }

    @Nested
    class CustomData {
        private Map<String, FieldUpdate<String>> patchOf(Object customData) {
            return profileOf(aValidPayload().with("customData", customData)).customData();
        }

        @Test
        void isAnEmptyPatchWhenAbsentOrNull() {
            assertThat(profileOf(aValidPayload()).customData()).isEmpty();
            assertThat(patchOf(null)).isEmpty();
        }

        @Test
        void assignsStrings() {
            assertThat(patchOf(obj("plan", "pro"))).containsExactly(Map.entry("plan", FieldUpdate.assign("pro")));
        }

        @ParameterizedTest
        @ValueSource(strings = {"3.0", "1e3", "-0.50", "12345678901234567890123", "0", "2E-7"})
        void keepsANumbersJsonTextExactly(String number) {
            assertThat(patchOf(obj("n", num(number)))).containsExactly(Map.entry("n", FieldUpdate.assign(number)));
        }

        @Test
        void turnsBooleansIntoTrueAndFalse() {
            assertThat(patchOf(obj("yes", true, "no", false))).containsExactly(
                    Map.entry("yes", FieldUpdate.assign("true")), Map.entry("no", FieldUpdate.assign("false")));
        }

        @Test
        void removesAKeyOnNull() {
            assertThat(patchOf(obj("gone", null))).containsExactly(Map.entry("gone", FieldUpdate.clear()));
        }

        @Test
        void keepsAnEmptyStringAsAValue() {
            assertThat(patchOf(obj("note", ""))).containsExactly(Map.entry("note", FieldUpdate.assign("")));
        }

        @Test
        void keepsTheTokensKeyOrder() {
            assertThat(patchOf(obj("z", 1, "a", 2, "m", 3)).keySet()).containsExactly("z", "a", "m");
        }

        @Test
        void acceptsAValueOf1024Characters() {
            assertThat(patchOf(obj("v", "v".repeat(1024)))).containsEntry("v", FieldUpdate.assign("v".repeat(1024)));
        }

        @Test
        void refusesAValueOf1025CharactersNamingItsKey() {
            Refusal refusal = refused(aValidPayload().with("customData", obj("ok", 1, "bio", "v".repeat(1025))),
                    ErrorCode.INVALID_CLAIM, "customData.bio");

            assertThat(refusal.message()).contains("1025 characters").doesNotContain("vvvv");
        }

        @Test
        void refusesANumberWhoseTextIsOver1024Characters() {
            refused(aValidPayload().with("customData", obj("n", num("1".repeat(1025)))), ErrorCode.INVALID_CLAIM,
                    "customData.n");
        }

        @ParameterizedTest
        @MethodSource("dev.visitorauth.domain.token.VisitorTokenRulesTest#nestedValues")
        void refusesNestedObjectsAndArraysNamingTheirKey(JsonValue nested) {
            Refusal refusal = refused(aValidPayload().with("customData", obj("plan", nested)), ErrorCode.INVALID_CLAIM,
                    "customData.plan");

            assertThat(refusal.message()).contains("nested");
        }

        @Test
        void refusesAStringThatCannotBeStored() {
            refused(aValidPayload().with("customData", obj("k", "a\uDC00b")), ErrorCode.INVALID_CLAIM, "customData.k");
        }

        @Test
        void accepts50Keys() {
            assertThat(patchOf(keys(50))).hasSize(50);
        }

        @Test
        void refuses51Keys() {
            Refusal refusal = refused(aValidPayload().with("customData", keys(51)), ErrorCode.INVALID_CLAIM, "customData");

            assertThat(refusal.message()).contains("51", "50");
        }

        @Test
        void acceptsAKeyOf64Characters() {
            assertThat(patchOf(obj("k".repeat(64), 1))).containsOnlyKeys("k".repeat(64));
        }

        @Test
        void refusesAKeyOf65CharactersWithoutEchoingIt() {
            Refusal refusal = refused(aValidPayload().with("customData", obj("a", 1, "k".repeat(65), 1)),
                    ErrorCode.INVALID_CLAIM, "customData");

            assertThat(refusal.message()).contains("key number 2", "65 characters").doesNotContain("kkkk");
        }

        @Test
        void acceptsKeysOfLettersDigitsUnderscoreDashAndDot() {
            assertThat(patchOf(obj("Plan_tier-2.0", 1))).containsOnlyKeys("Plan_tier-2.0");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "a b", "a/b", "a:b", "ä", "$where", "a\u0000", "key\n", "\uD83D\uDE00"})
        void refusesKeysWithOtherCharacters(String key) {
            refused(aValidPayload().with("customData", obj(key, 1)), ErrorCode.INVALID_CLAIM, "customData");
        }

        @ParameterizedTest
        @MethodSource("dev.visitorauth.domain.token.VisitorTokenRulesTest#notObjects")
        void refusesAnythingButAnObject(JsonValue customData) {
            refused(aValidPayload().with("customData", customData), ErrorCode.INVALID_CLAIM, "customData");
        }

        private JsonValue.JsonObject keys(int count) {
            Map<String, Object> members = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                members.put("k" + i, i);
            }
            return (JsonValue.JsonObject) Json.of(members);
        }
    }

    @Nested
    class Ordering {
        @Test
        void checksExpTypeBeforeNbfAndIatTypes() {
            refused(aValidPayload().with("exp", "soon").with("nbf", "now").with("iat", true), ErrorCode.INVALID_CLAIM,
                    "exp");
        }

        @Test
        void checksNbfTypeBeforeIatType() {
            refused(aValidPayload().with("nbf", "now").with("iat", true), ErrorCode.INVALID_CLAIM, "nbf");
        }

        @Test
        void checksTimeClaimTypesBeforeExpiry() {
            refused(aValidPayload().with("exp", NOW_SECONDS - 3600).with("iat", "yesterday"), ErrorCode.INVALID_CLAIM,
                    "iat");
        }

        @Test
        void reportsExpiredBeforeNotYetValid() {
            refused(aValidPayload().with("exp", NOW_SECONDS - 3600).with("nbf", NOW_SECONDS + 3600),
                    ErrorCode.TOKEN_EXPIRED, "exp");
        }

        @Test
        void reportsNbfBeforeIatWhenBothAreInTheFuture() {
            refused(aValidPayload().with("nbf", NOW_SECONDS + 100).with("iat", NOW_SECONDS + 100)
                    .with("exp", NOW_SECONDS + 120), ErrorCode.TOKEN_NOT_YET_VALID, "nbf");
        }

        @Test
        void reportsNotYetValidBeforeLifetime() {
            refused(aValidPayload().with("iat", NOW_SECONDS + 100).with("exp", NOW_SECONDS + 86_400),
                    ErrorCode.TOKEN_NOT_YET_VALID, "iat");
        }

        @Test
        void reportsAnExpiredTokenRatherThanItsBadId() {
            refused(aValidPayload().with("exp", NOW_SECONDS - 3600).with("id", true), ErrorCode.TOKEN_EXPIRED, "exp");
        }

        @Test
        void reportsAMissingExpRatherThanAMissingId() {
            refused(aValidPayload().without("exp").without("id"), ErrorCode.MISSING_EXPIRATION, "exp");
        }

        @Test
        void reportsABadAudienceRatherThanABadId() {
            refused(aValidPayload().with("aud", "other").with("id", ""), ErrorCode.INVALID_CLAIM, "aud");
        }

        @Test
        void reportsAMissingRequiredJtiRatherThanAMissingId() {
            refused(evaluate(aValidPayload().without("id"), REQUIRE_JTI), ErrorCode.MISSING_CLAIM, "jti");
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.visitorauth.domain.token.VisitorTokenRulesTest#claimOrder")
        void reportsTheFirstBadClaimInTheSpecsOrder(String firstBad, int index) {
            TokenPayloads payload = aValidPayload();
            for (int i = index; i < BAD_CLAIMS.size(); i++) {
                payload.with(BAD_CLAIMS.get(i).getKey(), BAD_CLAIMS.get(i).getValue());
            }

            refused(payload, ErrorCode.INVALID_CLAIM, firstBad);
        }
    }

    @Nested
    class Trace {
        private final List<String> records = new ArrayList<>();
        private final RuleTrace trace = (check, passed, detail) -> {
            assertThat(detail).isNotNull();
            records.add(check + (passed ? " passed" : " failed"));
        };

        @Test
        void recordsEveryCheckInOrderWhenTheTokenIsValid() {
            VisitorTokenRules.evaluate(aValidPayload().build(), WIDGET, POLICY, NOW, trace);

            assertThat(records).containsExactly("exp passed", "nbf passed", "iat passed", "lifetime passed",
                    "aud passed", "jti passed", "id passed", "name passed", "email passed", "avatar passed",
                    "companyId passed", "companyName passed", "customData passed");
        }

        @Test
        void stopsAtTheFirstFailure() {
            VisitorTokenRules.evaluate(aValidPayload().with("email", "nope").with("avatar", "nope").build(), WIDGET,
                    POLICY, NOW, trace);

            assertThat(records).containsExactly("exp passed", "nbf passed", "iat passed", "lifetime passed",
                    "aud passed", "jti passed", "id passed", "name passed", "email failed");
        }

        @Test
        void recordsAnExpiredTokenAsTheExpCheckFailing() {
            VisitorTokenRules.evaluate(aValidPayload().with("exp", NOW_SECONDS - 3600).build(), WIDGET, POLICY, NOW,
                    trace);

            assertThat(records).containsExactly("exp failed");
        }

        @Test
        void recordsALifetimeFailureUnderLifetime() {
            VisitorTokenRules.evaluate(aValidPayload().with("exp", NOW_SECONDS + 3600).build(), WIDGET, POLICY, NOW,
                    trace);

            assertThat(records).containsExactly("exp passed", "nbf passed", "iat passed", "lifetime failed");
        }

        @Test
        void recordsACustomDataValueFailureUnderCustomData() {
            VisitorTokenRules.evaluate(aValidPayload().with("customData", obj("a", arr())).build(), WIDGET, POLICY, NOW,
                    trace);

            assertThat(records).last().isEqualTo("customData failed");
        }

        @Test
        void givesDetailsADeveloperCanUse() {
            List<String> details = new ArrayList<>();
            VisitorTokenRules.evaluate(aValidPayload().with("nbf", null).build(), WIDGET, POLICY, NOW,
                    (check, passed, detail) -> details.add(check + ": " + detail));

            assertThat(details).contains("nbf: null, treated as absent", "aud: absent")
                    .anySatisfy(d -> assertThat(d).startsWith("exp: ").contains("2025-03-01T12:00:30Z"));
        }

        @Test
        void givesTheSameResultWithAndWithoutATrace() {
            TokenPayloads payload = aValidPayload().with("name", "Ada").with("customData", obj("a", 1));

            assertThat(VisitorTokenRules.evaluate(payload.build(), WIDGET, POLICY, NOW, trace))
                    .isEqualTo(VisitorTokenRules.evaluate(payload.build(), WIDGET, POLICY, NOW, RuleTrace.NONE));
        }
    }

    @Nested
    class IssuedAtForDiagnostics {
        @Test
        void readsAnIntegerIat() {
            assertThat(VisitorTokenRules.issuedAt(aValidPayload().build())).contains(NOW);
        }

        @Test
        void readsADecimalIat() {
            assertThat(VisitorTokenRules.issuedAt(aValidPayload().with("iat", num(NOW_SECONDS + ".25")).build()))
                    .contains(NOW.plusMillis(250));
        }

        @Test
        void readsAnIatEvenWhenTheRestOfTheTokenIsBroken() {
            JsonValue.JsonObject payload = aValidPayload().with("exp", "never").without("id").build();

            assertThat(VisitorTokenRules.issuedAt(payload)).contains(NOW);
        }

        @ParameterizedTest
        @MethodSource("dev.visitorauth.domain.token.VisitorTokenRulesTest#unusableIats")
        void isEmptyForAnIatThatIsNotAUsableNumericDate(JsonValue iat) {
            assertThat(VisitorTokenRules.issuedAt(aValidPayload().with("iat", iat).build())).isEmpty();
        }

        @Test
        void isEmptyWithoutIatOrPayload() {
            assertThat(VisitorTokenRules.issuedAt(aValidPayload().without("iat").build())).isEmpty();
            assertThat(VisitorTokenRules.issuedAt(null)).isEmpty();
        }
    }

    // ---- data ----

    /** One bad value per claim, in the order the claims are checked. */
    private static final List<Map.Entry<String, Object>> BAD_CLAIMS = List.of(
            Map.entry("aud", "another-widget"),
            Map.entry("jti", ""),
            Map.entry("id", num("1.5")),
            Map.entry("name", 1),
            Map.entry("email", "no-at-sign"),
            Map.entry("avatar", "javascript:alert(1)"),
            Map.entry("companyId", true),
            Map.entry("companyName", List.of()),
            Map.entry("customData", "not an object"));

    static Stream<Arguments> claimOrder() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (int i = 0; i < BAD_CLAIMS.size(); i++) {
            cases.add(Arguments.of(BAD_CLAIMS.get(i).getKey(), i));
        }
        return cases.build();
    }

    static Stream<JsonValue> notNumericDates() {
        return Stream.of(Json.str("123"), Json.str(""), Json.of(true), obj(), arr(NOW_SECONDS), num("-1"),
                num("-0.000000001"), num("-1e99999999999"));
    }

    static Stream<Arguments> timeClaimsWithNotNumericDates() {
        return Stream.of("nbf", "iat").flatMap(claim -> Stream.of(Json.str(Long.toString(NOW_SECONDS)), Json.of(false),
                obj(), arr(), num("-1"), num("-1.5e3")).map(value -> Arguments.of(claim, value)));
    }

    static Stream<JsonValue> badAudiences() {
        return Stream.of(Json.str("other"), Json.str("WGT_DEMO"), Json.str(""), Json.str("wgt_demo "), arr(),
                arr("other"), arr("wgt_demo", 1), arr(1, "wgt_demo"), arr("wgt_demo", null), arr(arr("wgt_demo")),
                num("1"), Json.of(true), obj("aud", "wgt_demo"));
    }

    static Stream<JsonValue> badTokenIds() {
        return Stream.of(Json.str(""), Json.str("j".repeat(256)), Json.str("a\uD800"), num("42"), Json.of(true), obj(),
                arr("x"));
    }

    static Stream<JsonValue> badIds() {
        return Stream.of(Json.str(""), Json.str("u".repeat(256)), Json.str("a\u0000b"), Json.str("\uDFFFx"),
                Json.of(true), Json.of(false), obj(), obj("id", 1), arr(), arr(1), num("1.0"), num("1.5"), num("1e3"),
                num("1E3"), num("-1e3"), num("12345678901234567890"), num("-12345678901234567890"));
    }

    static Stream<JsonValue> badCompanyIds() {
        return Stream.of(Json.str("c".repeat(256)), Json.of(true), obj(), arr("acme"), num("1.0"), num("2e2"),
                num("12345678901234567890"));
    }

    static Stream<Arguments> badNames() {
        return Stream.of("name", "companyName").flatMap(claim -> Stream.of(Json.str("n".repeat(256)), Json.str("a\u0000"),
                num("1"), Json.of(true), obj(), arr("Ada")).map(value -> Arguments.of(claim, value)));
    }

    static Stream<JsonValue> notStrings() {
        return Stream.of(num("1"), Json.of(true), obj(), arr("https://example.com/a.png"));
    }

    static Stream<JsonValue> nestedValues() {
        return Stream.of(obj(), obj("tier", "pro"), arr(), arr("pro"));
    }

    static Stream<JsonValue> notObjects() {
        return Stream.of(Json.str("{}"), Json.str(""), num("1"), Json.of(true), arr(), arr(obj("a", 1)));
    }

    static Stream<JsonValue> unusableIats() {
        return Stream.of(Json.nul(), Json.str("1740830400"), Json.of(true), obj(), arr(), num("-1"),
                num("1e99999999999"), num("-1e99999999999"), num("253402300800"), num("99999999999999999999999"));
    }

    private static Function<ProfileUpdate, FieldUpdate<String>> field(String claim) {
        return claim.equals("name") ? ProfileUpdate::name : ProfileUpdate::companyName;
    }

    @Test
    void takesTheIatFromTheSameReadingAsIssuedAt() {
        TokenPayloads payload = aValidPayload().with("iat", num("1.7408304e9"));

        assertThat(accepted(payload).issuedAt()).isEqualTo(VisitorTokenRules.issuedAt(payload.build()))
                .contains(Instant.ofEpochSecond(NOW_SECONDS));
    }
}
