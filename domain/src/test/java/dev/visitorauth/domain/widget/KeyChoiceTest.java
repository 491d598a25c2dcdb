package dev.visitorauth.domain.widget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The key-choice rule, {@link WidgetKeyring#select}: which keys a token's kid and alg may be verified with. */
class KeyChoiceTest {
    private static final WidgetId WIDGET = new WidgetId("wgt_1");
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    /** old rotated out (no grace) two days ago, grace rotated out a minute ago with an hour of grace, cur current. */
    private static final WidgetKeyring SECRETS = WidgetKeyring.create(WIDGET, new KeyId("old"), secret('o'), T0.minus(Duration.ofDays(9)))
            .rotate(new KeyId("grace"), secret('g'), Duration.ZERO, T0.minus(Duration.ofDays(2)))
            .rotate(new KeyId("cur"), secret('c'), Duration.ofHours(1), T0.minusSeconds(60));

    static SecretValue secret(char c) {
        return SecretValue.of(String.valueOf(c).repeat(43));
    }

    static WidgetPublicKey key(String kid, String kty, String crv, String alg, int bits, WidgetPublicKey.Origin origin) {
        JwkFacts facts = new JwkFacts(kty, Optional.ofNullable(crv), Optional.ofNullable(alg), Optional.of(kid),
                Optional.empty(), bits, Set.of(), "{\"kid\":\"" + kid + "\"}");
        return WidgetPublicKey.accept(facts, new KeyId("assigned"), T0, origin).orElseThrow();
    }

    private static final WidgetPublicKey EC = key("ec-1", "EC", "P-256", null, 256, WidgetPublicKey.Origin.UPLOADED);
    private static final WidgetPublicKey RSA = key("rsa-1", "RSA", null, null, 2048, WidgetPublicKey.Origin.UPLOADED);
    private static final WidgetPublicKey RSA_PS_ONLY = key("rsa-ps", "RSA", null, "PS256", 3072, WidgetPublicKey.Origin.UPLOADED);
    private static final WidgetKeyring WITH_KEYS = SECRETS.withPublicKey(EC).orElseThrow().withPublicKey(RSA).orElseThrow()
            .withPublicKey(RSA_PS_ONLY).orElseThrow();

    private static Refusal refusal(Result<KeyChoice> result) {
        return ((Result.Refused<KeyChoice>) result).refusal();
    }

    private static List<String> secretsTried(Result<KeyChoice> result) {
        return ((KeyChoice.Secrets) result.orElseThrow()).verifying().stream().map(s -> s.keyId().value()).toList();
    }

    private static List<String> keysTried(Result<KeyChoice> result) {
        return ((KeyChoice.PublicKeys) result.orElseThrow()).keys().stream().map(k -> k.keyId().value()).toList();
    }

    @Test
    void withoutAKidHs256TriesTheVerifyingSecretsCurrentFirstAndKeepsTheRotatedOutOnesForDiagnosis() {
        KeyChoice.Secrets choice = (KeyChoice.Secrets) SECRETS.select(null, TokenAlgorithm.HS256, T0).orElseThrow();

        assertThat(choice.verifying()).extracting(s -> s.keyId().value()).containsExactly("cur", "grace");
        assertThat(choice.rotatedOut()).extracting(s -> s.keyId().value()).containsExactly("old");
    }

    @Test
    void aKidPicksThatSecretOnly() {
        assertThat(secretsTried(SECRETS.select("grace", TokenAlgorithm.HS256, T0))).containsExactly("grace");
    }

    @Test
    void aKidNamingNoKeyIsUnknownKey() {
        Refusal refusal = refusal(WITH_KEYS.select("nope", TokenAlgorithm.HS256, T0));

        assertThat(refusal.code()).isEqualTo(ErrorCode.UNKNOWN_KEY);
        assertThat(refusal.claim()).contains("kid");
    }

    @Test
    void aKidNamingARotatedOutSecretIsSecretRotated() {
        assertThat(refusal(SECRETS.select("old", TokenAlgorithm.HS256, T0)).code()).isEqualTo(ErrorCode.SECRET_ROTATED);
    }

    @Test
    void aSecretInGraceBecomesRotatedOutWhenTheGraceEnds() {
        assertThat(secretsTried(SECRETS.select("grace", TokenAlgorithm.HS256, T0.plus(Duration.ofMinutes(58))))).containsExactly("grace");
        assertThat(refusal(SECRETS.select("grace", TokenAlgorithm.HS256, T0.plus(Duration.ofMinutes(59)))).code())
                .isEqualTo(ErrorCode.SECRET_ROTATED);
    }

    @Test
    void aPublicKeyIsNeverAnHmacSecret() {
        Refusal refusal = refusal(WITH_KEYS.select("ec-1", TokenAlgorithm.HS256, T0));

        assertThat(refusal.code()).isEqualTo(ErrorCode.UNSUPPORTED_ALGORITHM);
        assertThat(refusal.claim()).contains("alg");
    }

    @Test
    void aSecretNeverVerifiesAnAsymmetricAlgorithm() {
        assertThat(refusal(WITH_KEYS.select("cur", TokenAlgorithm.RS256, T0)).code()).isEqualTo(ErrorCode.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void aPublicKeyVerifiesOnlyTheAlgorithmsItAllows() {
        assertThat(keysTried(WITH_KEYS.select("rsa-1", TokenAlgorithm.PS256, T0))).containsExactly("rsa-1");
        assertThat(refusal(WITH_KEYS.select("rsa-ps", TokenAlgorithm.RS256, T0)).code()).isEqualTo(ErrorCode.UNSUPPORTED_ALGORITHM);
        assertThat(refusal(WITH_KEYS.select("ec-1", TokenAlgorithm.RS256, T0)).code()).isEqualTo(ErrorCode.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void withoutAKidAnAsymmetricAlgTriesTheKeysThatAllowItUploadedFirstThenFetched() {
        WidgetKeyring keyring = WITH_KEYS.withJwksUrl(Optional.of(new JwksUrl("https://id.example.com/jwks.json")))
                .withFetchedKeys(List.of(key("rsa-remote", "RSA", null, null, 2048, WidgetPublicKey.Origin.JWKS)));

        assertThat(keysTried(keyring.select(null, TokenAlgorithm.PS256, T0))).containsExactly("rsa-1", "rsa-ps", "rsa-remote");
        assertThat(keysTried(keyring.select(null, TokenAlgorithm.ES256, T0))).containsExactly("ec-1");
        assertThat(refusal(keyring.select(null, TokenAlgorithm.EDDSA, T0)).code()).isEqualTo(ErrorCode.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void aFetchedKeyNeverShadowsAKeyOfTheKeyring() {
        WidgetKeyring keyring = WITH_KEYS.withJwksUrl(Optional.of(new JwksUrl("https://id.example.com/jwks.json")))
                .withFetchedKeys(List.of(key("cur", "EC", "P-256", null, 256, WidgetPublicKey.Origin.JWKS),
                        key("ec-1", "RSA", null, null, 2048, WidgetPublicKey.Origin.JWKS)));

        assertThat(keyring.fetchedKeys()).isEmpty();
        assertThat(refusal(keyring.select("cur", TokenAlgorithm.ES256, T0)).code()).isEqualTo(ErrorCode.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void aKeyringAcceptsPublicKeysOnlyWithAKeyOrAJwksUrl() {
        assertThat(SECRETS.acceptsPublicKeys()).isFalse();
        assertThat(WITH_KEYS.acceptsPublicKeys()).isTrue();
        assertThat(SECRETS.withJwksUrl(Optional.of(new JwksUrl("https://id.example.com/jwks.json"))).acceptsPublicKeys()).isTrue();
    }

    @Test
    void aKeyIdIsUniqueAcrossSecretsAndPublicKeys() {
        Result<WidgetKeyring> result = SECRETS.withPublicKey(key("old", "EC", "P-256", null, 256, WidgetPublicKey.Origin.UPLOADED));

        assertThat(((Result.Refused<WidgetKeyring>) result).refusal().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void rotatingKeepsThePublicKeys() {
        WidgetKeyring rotated = WITH_KEYS.rotate(new KeyId("next"), secret('n'), Duration.ZERO, T0);

        assertThat(rotated.publicKeys()).containsExactly(EC, RSA, RSA_PS_ONLY);
        assertThat(keysTried(rotated.select("ec-1", TokenAlgorithm.ES256, T0))).containsExactly("ec-1");
    }

    @Test
    void deletingAPublicKeyMakesItsKidUnknown() {
        WidgetKeyring fewer = WITH_KEYS.withoutPublicKey(new KeyId("ec-1")).orElseThrow();

        assertThat(refusal(fewer.select("ec-1", TokenAlgorithm.ES256, T0)).code()).isEqualTo(ErrorCode.UNKNOWN_KEY);
        assertThat(WITH_KEYS.withoutPublicKey(new KeyId("cur"))).isEmpty();
    }
}
