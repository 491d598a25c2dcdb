package dev.visitorauth.adapter.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.application.port.out.TokenCheck;
import dev.visitorauth.application.port.out.TokenVerificationRequest;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.widget.AuthenticationPolicy;
import dev.visitorauth.domain.widget.JwkFacts;
import dev.visitorauth.domain.widget.KeyId;
import dev.visitorauth.domain.widget.WidgetKeyring;
import dev.visitorauth.domain.widget.WidgetPublicKey;
import dev.visitorauth.testing.VisitorTokens;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.OkpJwkGenerator;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The codec's signature check for public keys (spec section 12): jose4j verifies RS256, PS256,
 * ES256 and EdDSA over exactly the signed bytes. The exact signature length is the codec's
 * ({@code StrictJwsCodecTest.StrictSegments}); which key is tried, key confusion and the length each
 * algorithm needs are the domain's rules ({@code KeyChoiceTest}, {@code VisitorTokenVerificationTest.PublicKeys}).
 */
class PublicKeySignaturesTest {
    private static final Instant NOW = TestTokens.NOW;
    private static final StrictJwsCodec CODEC = new StrictJwsCodec();
    private static PublicJsonWebKey ec;
    private static PublicJsonWebKey rsa;
    private static OctetKeyPairJsonWebKey ed;
    private static WidgetKeyring keyring;

    @BeforeAll
    static void keys() throws JoseException {
        ec = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        ec.setKeyId("ec-1");
        rsa = RsaJwkGenerator.generateJwk(2048);
        rsa.setKeyId("rsa-1");
        ed = OkpJwkGenerator.generateJwk("Ed25519");
        ed.setKeyId("ed-1");
        keyring = TestTokens.KEYRING;
        keyring = keyring.withPublicKey(publicKey(ec, "EC", "P-256", 256)).orElseThrow();
        keyring = keyring.withPublicKey(publicKey(rsa, "RSA", null, 2048)).orElseThrow();
        keyring = keyring.withPublicKey(publicKey(ed, "OKP", "Ed25519", 256)).orElseThrow();
    }

    private static WidgetPublicKey publicKey(PublicJsonWebKey jwk, String kty, String crv, int bits) {
        JwkFacts facts = new JwkFacts(kty, Optional.ofNullable(crv), Optional.empty(), Optional.of(jwk.getKeyId()),
                Optional.empty(), bits, Set.of(), jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        return WidgetPublicKey.accept(facts, new KeyId("unused"), NOW, WidgetPublicKey.Origin.UPLOADED).orElseThrow();
    }

    private static String sign(PublicJsonWebKey key, String alg, String kid) throws JoseException {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(alg);
        if (kid != null) {
            jws.setKeyIdHeaderValue(kid);
        }
        jws.setPayload(TestTokens.claims());
        jws.setKey(key.getPrivateKey());
        return jws.getCompactSerialization();
    }

    private static TokenCheck verify(String token) {
        return CODEC.verify(new TokenVerificationRequest(token, TestTokens.WIDGET, AuthenticationPolicy.defaults(), keyring, NOW));
    }

    private static void assertVerifiedWith(String token, String keyId) {
        TokenCheck check = verify(token);
        assertThat(check).isInstanceOf(TokenCheck.Verified.class);
        assertThat(((TokenCheck.Verified) check).keyId()).isEqualTo(new KeyId(keyId));
        assertThat(((TokenCheck.Verified) check).identity().externalId().value()).isEqualTo(TestTokens.USER);
    }

    private static ErrorCode codeOf(String token) {
        TokenCheck check = verify(token);
        assertThat(check).isInstanceOf(TokenCheck.Refused.class);
        return ((TokenCheck.Refused) check).refusal().code();
    }

    @Test
    void verifiesEs256WithTheKeyItsKidNames() throws JoseException {
        assertVerifiedWith(sign(ec, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, "ec-1"), "ec-1");
    }

    @Test
    void verifiesEs256WithoutAKidByTryingTheKeysThatAllowIt() throws JoseException {
        assertVerifiedWith(sign(ec, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, null), "ec-1");
    }

    @Test
    void verifiesRs256AndPs256WithAnRsaKeyWithoutAlg() throws JoseException {
        assertVerifiedWith(sign(rsa, AlgorithmIdentifiers.RSA_USING_SHA256, "rsa-1"), "rsa-1");
        assertVerifiedWith(sign(rsa, AlgorithmIdentifiers.RSA_PSS_USING_SHA256, "rsa-1"), "rsa-1");
    }

    @Test
    void verifiesEdDsa() throws JoseException {
        assertVerifiedWith(sign(ed, AlgorithmIdentifiers.EDDSA, "ed-1"), "ed-1");
    }

    @Test
    void refusesASignatureByAnotherKeyPair() throws JoseException {
        PublicJsonWebKey stranger = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        String token = sign(stranger, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, "ec-1");
        assertThat(codeOf(token)).isEqualTo(ErrorCode.INVALID_SIGNATURE);
    }

    @Test
    void refusesAPayloadChangedAfterSigning() throws JoseException {
        String[] parts = TestTokens.segments(sign(ec, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, "ec-1"));
        String other = VisitorTokens.b64(TestTokens.claims().replace(TestTokens.USER, "user-43"));
        assertThat(codeOf(parts[0] + "." + other + "." + parts[2])).isEqualTo(ErrorCode.INVALID_SIGNATURE);
    }
}
