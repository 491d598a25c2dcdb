package dev.visitorauth.domain.widget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which JWKs a widget may use (spec sections 12 and 14), {@link WidgetPublicKey#accept}. */
class WidgetPublicKeyTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final KeyId ASSIGNED = new KeyId("assigned-1");

    private static JwkFacts facts(String kty, String crv, String alg, String kid, int bits, Set<String> privateMembers) {
        return new JwkFacts(kty, Optional.ofNullable(crv), Optional.ofNullable(alg), Optional.ofNullable(kid),
                Optional.empty(), bits, privateMembers, "{}");
    }

    private static Result<WidgetPublicKey> accept(JwkFacts facts) {
        return WidgetPublicKey.accept(facts, ASSIGNED, T0, WidgetPublicKey.Origin.UPLOADED);
    }

    private static Refusal refusal(JwkFacts facts) {
        Result<WidgetPublicKey> result = accept(facts);
        assertThat(result).isInstanceOf(Result.Refused.class);
        Refusal refusal = ((Result.Refused<WidgetPublicKey>) result).refusal();
        assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(refusal.field()).contains(InputField.JWK);
        return refusal;
    }

    @ParameterizedTest
    @CsvSource({"RSA,,,2048,RS256|PS256", "RSA,,RS256,4096,RS256", "RSA,,PS256,2048,PS256",
            "EC,P-256,,256,ES256", "EC,P-256,ES256,256,ES256", "OKP,Ed25519,,256,EdDSA", "OKP,Ed25519,EdDSA,256,EdDSA"})
    void acceptsThePublicKeysOfSection12WithTheAlgorithmsTheyAllow(String kty, String crv, String alg, int bits, String allowed) {
        WidgetPublicKey key = accept(facts(kty, crv, alg, "k1", bits, Set.of())).orElseThrow();

        assertThat(key.algorithms()).extracting(TokenAlgorithm::headerName).containsExactlyInAnyOrder(allowed.split("\\|"));
        assertThat(key.keyId()).isEqualTo(new KeyId("k1"));
    }

    @Test
    void refusesAnOctKeyWhichIsASharedSecret() {
        assertThat(refusal(facts("oct", null, null, null, 256, Set.of("k"))).message()).contains("oct");
    }

    @Test
    void refusesAJwkHoldingPrivateMembersWithoutEchoingThem() {
        Refusal refusal = refusal(facts("EC", "P-256", null, null, 256, Set.of("d")));

        assertThat(refusal.message()).contains("private members (d)");
    }

    @Test
    void refusesAnRsaKeyUnder2048Bits() {
        assertThat(refusal(facts("RSA", null, null, null, 1024, Set.of())).message()).contains("1024 bits");
    }

    @ParameterizedTest
    @CsvSource({"EC,P-384,", "EC,secp256k1,", "OKP,X25519,", "OKP,Ed448,", "EC,P-256,RS256", "RSA,,ES256", "RSA,,HS256",
            "OKP,Ed25519,ES256", "RSA,,none"})
    void refusesOtherCurvesAndAlgorithmsTheKeyTypeDoesNotAllow(String kty, String crv, String alg) {
        refusal(facts(kty, crv, alg, null, kty.equals("RSA") ? 2048 : 256, Set.of()));
    }

    @Test
    void refusesAnEncryptionKey() {
        JwkFacts encryption = new JwkFacts("EC", Optional.of("P-256"), Optional.empty(), Optional.empty(), Optional.of("enc"),
                256, Set.of(), "{}");

        assertThat(refusal(encryption).message()).contains("use");
    }

    @Test
    void usesTheAssignedKeyIdWhenTheJwkHasNone() {
        assertThat(accept(facts("EC", "P-256", null, null, 256, Set.of())).orElseThrow().keyId()).isEqualTo(ASSIGNED);
    }

    @Test
    void refusesAKidThatCannotNameAKeyInAPath() {
        refusal(facts("EC", "P-256", null, "a/b", 256, Set.of()));
        refusal(facts("EC", "P-256", null, "x".repeat(KeyId.MAX_LENGTH + 1), 256, Set.of()));
    }

    @Test
    void anRsaSignatureIsAsLongAsTheModulus() {
        WidgetPublicKey key = accept(facts("RSA", null, null, null, 3072, Set.of())).orElseThrow();

        assertThat(key.signatureBytes(TokenAlgorithm.RS256)).isEqualTo(384);
        assertThat(TokenAlgorithm.ES256.signatureBytes(256)).isEqualTo(64);
    }
}
