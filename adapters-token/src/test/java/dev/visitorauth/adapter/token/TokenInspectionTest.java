package dev.visitorauth.adapter.token;

import static dev.visitorauth.adapter.token.TestTokens.CURRENT;
import static dev.visitorauth.adapter.token.TestTokens.GRACE;
import static dev.visitorauth.adapter.token.TestTokens.K_CURRENT;
import static dev.visitorauth.adapter.token.TestTokens.K_GRACE;
import static dev.visitorauth.adapter.token.TestTokens.K_OLD;
import static dev.visitorauth.adapter.token.TestTokens.NOW;
import static dev.visitorauth.adapter.token.TestTokens.OLD;
import static dev.visitorauth.adapter.token.TestTokens.STRANGER;
import static dev.visitorauth.adapter.token.TestTokens.claims;
import static dev.visitorauth.adapter.token.TestTokens.nimbus;
import static dev.visitorauth.adapter.token.TestTokens.nimbusHs256;
import static dev.visitorauth.adapter.token.TestTokens.request;
import static dev.visitorauth.adapter.token.TestTokens.sign;
import static dev.visitorauth.adapter.token.TestTokens.valid;
import static dev.visitorauth.testing.VisitorTokens.b64;
import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.application.port.out.TokenCheck;
import dev.visitorauth.application.port.out.TokenInspection;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.token.JsonValue;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TokenInspectionTest {
    private static final StrictJwsCodec VERIFIER = new StrictJwsCodec();
    private static final List<String> TOKEN_STEPS =
            List.of("size", "form", "header", "alg", "members", "typ", "kid", "signature", "payload");
    private static final long EXP = NOW.getEpochSecond() + 30;

    private static TokenInspection inspect(String token) {
        return VERIFIER.inspect(request(token));
    }

    private static List<String> names(TokenInspection inspection) {
        return inspection.checks().stream().map(TokenInspection.Step::name).toList();
    }

    @Test
    void recordsEveryTokenCheckInOrderThenTheRules() {
        TokenInspection inspection = inspect(nimbus(nimbusHs256().keyID(K_CURRENT.value()).build(), CURRENT));

        assertThat(inspection.valid()).isTrue();
        assertThat(names(inspection)).startsWith(TOKEN_STEPS.toArray(String[]::new));
        assertThat(names(inspection).subList(TOKEN_STEPS.size(), names(inspection).size())).contains("exp", "lifetime");
        assertThat(inspection.checks()).allMatch(TokenInspection.Step::passed);
    }

    @Test
    void showsTheDecodedHeaderAndClaimsAndTheMatchedSecret() {
        TokenInspection inspection = inspect(sign("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"k-grace\"}", claims(), GRACE));

        assertThat(inspection.keyId()).contains(K_GRACE);
        assertThat(inspection.header().orElseThrow().get("kid")).contains(new JsonValue.JsonString("k-grace"));
        assertThat(inspection.claims().orElseThrow().get("id")).contains(new JsonValue.JsonString(TestTokens.USER));
        assertThat(inspection.claims().orElseThrow().get("exp")).contains(new JsonValue.JsonNumber(Long.toString(EXP)));
    }

    @Test
    void showsUnverifiedClaimsWhenTheSignatureFails() {
        TokenInspection inspection = inspect(sign("{\"alg\":\"HS256\"}", claims(), STRANGER));

        assertThat(inspection.refusal().map(Refusal::code)).contains(ErrorCode.INVALID_SIGNATURE);
        assertThat(inspection.keyId()).isEmpty();
        assertThat(inspection.claims().orElseThrow().get("id")).contains(new JsonValue.JsonString(TestTokens.USER));
        assertThat(names(inspection)).endsWith("signature");
    }

    @Test
    void saysWhichSecretTheKidPickedWhenTheSignatureFails() {
        TokenInspection inspection = inspect(sign("{\"alg\":\"HS256\",\"kid\":\"k-grace\"}", claims(), CURRENT));

        TokenInspection.Step last = inspection.checks().get(inspection.checks().size() - 1);
        assertThat(last.name()).isEqualTo("signature");
        assertThat(last.detail()).contains("k-grace");
        assertThat(inspection.refusal().map(Refusal::code)).contains(ErrorCode.INVALID_SIGNATURE);
    }

    @Test
    void showsClaimsWhenTheHeaderIsRefused() {
        TokenInspection inspection = inspect(b64("{\"alg\":\"none\"}") + "." + b64(claims()) + ".");

        assertThat(inspection.header()).isPresent();
        assertThat(inspection.claims()).isPresent();
    }

    @Test
    void namesTheRotatedOutSecretThatMatched() {
        TokenInspection inspection = inspect(nimbus(nimbusHs256().build(), OLD));

        assertThat(inspection.refusal().map(Refusal::code)).contains(ErrorCode.SECRET_ROTATED);
        assertThat(inspection.keyId()).contains(K_OLD);
    }

    @Test
    void showsNoHeaderWhenItIsNotStrictJson() {
        TokenInspection inspection = inspect(sign("{\"alg\":\"HS256\",}", claims(), CURRENT));

        assertThat(inspection.header()).isEmpty();
        assertThat(names(inspection)).containsExactly("size", "form", "header");
    }

    @Test
    void showsNoClaimsWhenThePayloadIsNotStrictJson() {
        TokenInspection inspection = inspect(sign("{\"alg\":\"HS256\"}", "{\"id\":\"a\",\"id\":\"b\"}", CURRENT));

        assertThat(inspection.claims()).isEmpty();
        assertThat(names(inspection)).endsWith("signature", "payload");
        assertThat(inspection.keyId()).contains(K_CURRENT);
    }

    @Test
    void recordsOnlyTheSizeCheckForAnOversizeToken() {
        TokenInspection inspection = inspect("x".repeat(9000));

        assertThat(names(inspection)).containsExactly("size");
        assertThat(inspection.header()).isEmpty();
        assertThat(inspection.claims()).isEmpty();
    }

    static Stream<Arguments> tokens() {
        long expired = NOW.getEpochSecond() - 3600;
        return Stream.of(
                Arguments.of("valid, hand-signed", valid()),
                Arguments.of("valid, jose4j", TestTokens.jose4j(CURRENT, null)),
                Arguments.of("valid, in grace", nimbus(nimbusHs256().build(), GRACE)),
                Arguments.of("rotated out", nimbus(nimbusHs256().build(), OLD)),
                Arguments.of("rotated-out kid", sign("{\"alg\":\"HS256\",\"kid\":\"k-old\"}", claims(), OLD)),
                Arguments.of("unknown kid", sign("{\"alg\":\"HS256\",\"kid\":\"k-x\"}", claims(), CURRENT)),
                Arguments.of("stranger", sign("{\"alg\":\"HS256\"}", claims(), STRANGER)),
                Arguments.of("alg none", b64("{\"alg\":\"none\"}") + "." + b64(claims()) + "."),
                Arguments.of("no alg", sign("{}", claims(), CURRENT)),
                Arguments.of("crit", sign("{\"alg\":\"HS256\",\"crit\":[]}", claims(), CURRENT)),
                Arguments.of("typ JOSE", sign("{\"alg\":\"HS256\",\"typ\":\"JOSE\"}", claims(), CURRENT)),
                Arguments.of("kid number", sign("{\"alg\":\"HS256\",\"kid\":1}", claims(), CURRENT)),
                Arguments.of("stripped signature", valid().substring(0, valid().lastIndexOf('.') + 1)),
                Arguments.of("expired", sign("{\"alg\":\"HS256\"}", TestTokens.claims(expired - 30, expired), CURRENT)),
                Arguments.of("no id", sign("{\"alg\":\"HS256\"}", "{\"exp\":" + EXP + "}", CURRENT)),
                Arguments.of("array payload", sign("{\"alg\":\"HS256\"}", "[1]", CURRENT)),
                Arguments.of("two segments", "abc.def"),
                Arguments.of("oversize", "x".repeat(8193)),
                Arguments.of("empty", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokens")
    void reachesTheSameVerdictAsVerify(String name, String token) {
        TokenCheck check = VERIFIER.verify(request(token));
        TokenInspection inspection = inspect(token);

        Optional<Refusal> expected = check instanceof TokenCheck.Refused refused ? Optional.of(refused.refusal()) : Optional.empty();
        assertThat(inspection.refusal()).isEqualTo(expected);
        if (check instanceof TokenCheck.Verified verified) {
            assertThat(inspection.keyId()).contains(verified.keyId());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokens")
    void onlyTheLastStepOfARefusedTokenFails(String name, String token) {
        TokenInspection inspection = inspect(token);

        List<TokenInspection.Step> checks = inspection.checks();
        assertThat(checks).isNotEmpty();
        assertThat(checks.subList(0, checks.size() - 1)).allMatch(TokenInspection.Step::passed);
        assertThat(checks.get(checks.size() - 1).passed()).isEqualTo(inspection.valid());
    }
}
