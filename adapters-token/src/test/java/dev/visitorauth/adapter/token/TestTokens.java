package dev.visitorauth.adapter.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.visitorauth.application.port.out.TokenVerificationRequest;
import dev.visitorauth.domain.widget.AuthenticationPolicy;
import dev.visitorauth.domain.widget.KeyId;
import dev.visitorauth.domain.widget.SecretValue;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.widget.WidgetKeyring;
import dev.visitorauth.testing.VisitorTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * Test data: one widget whose keyring holds a current secret ({@code k-current}), a secret in its
 * grace period ({@code k-grace}) and a rotated-out one ({@code k-old}), a fixed clock, and tokens
 * minted three ways: nimbus-jose-jwt, jose4j, and by hand with the shared fixture
 * ({@link VisitorTokens}: raw JSON, any bytes) for what no library will produce.
 */
final class TestTokens {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final WidgetId WIDGET = new WidgetId("wdg_test");
    /** 64 characters: a key long enough for any HMAC size a library will mint with it. */
    static final SecretValue CURRENT = SecretValue.of("cUrReNt-0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRS");
    static final SecretValue GRACE = SecretValue.of("gRaCe-0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTU");
    static final SecretValue OLD = SecretValue.of("oLd-0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVW");
    static final SecretValue STRANGER = SecretValue.of("sTrAnGeR-0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ");
    static final KeyId K_CURRENT = new KeyId("k-current");
    static final KeyId K_GRACE = new KeyId("k-grace");
    static final KeyId K_OLD = new KeyId("k-old");

    /** k-old was rotated out two days ago with no grace; k-grace a minute ago with an hour of grace. */
    static final WidgetKeyring KEYRING = WidgetKeyring.create(WIDGET, K_OLD, OLD, NOW.minus(Duration.ofDays(30)))
            .rotate(K_GRACE, GRACE, Duration.ZERO, NOW.minus(Duration.ofDays(2)))
            .rotate(K_CURRENT, CURRENT, Duration.ofHours(1), NOW.minusSeconds(60));

    static final String USER = "user-42";

    private TestTokens() {
    }

    static TokenVerificationRequest request(String token) {
        return new TokenVerificationRequest(token, WIDGET, AuthenticationPolicy.defaults(), KEYRING, NOW);
    }

    /** Valid claims: id, name, iat now, exp in 30 seconds. */
    static String claims() {
        return claims(NOW.getEpochSecond(), NOW.getEpochSecond() + 30);
    }

    static String claims(long iat, long exp) {
        return "{\"id\":\"" + USER + "\",\"name\":\"Ada Lovelace\",\"iat\":" + iat + ",\"exp\":" + exp + "}";
    }

    // ---- by hand ----

    /** header.payload with a valid HS256 signature over exactly these bytes, whatever they hold. */
    static String signRaw(byte[] header, byte[] payload, SecretValue secret) {
        return VisitorTokens.signRaw(header, payload, secret.keyBytes());
    }

    static String sign(String headerJson, String payloadJson, SecretValue secret) {
        return signRaw(headerJson.getBytes(StandardCharsets.UTF_8), payloadJson.getBytes(StandardCharsets.UTF_8), secret);
    }

    /** A valid token: {"alg":"HS256","typ":"JWT"}, no kid, the current secret. */
    static String valid() {
        return sign("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims(), CURRENT);
    }

    /** header.payload.signature as three strings, to alter one. */
    static String[] segments(String token) {
        return token.split("\\.", -1);
    }

    // ---- nimbus-jose-jwt ----

    static JWTClaimsSet nimbusClaims(Instant iat, Instant exp) {
        return new JWTClaimsSet.Builder()
                .claim("id", USER)
                .claim("name", "Ada Lovelace")
                .issueTime(Date.from(iat))
                .expirationTime(Date.from(exp))
                .build();
    }

    static String nimbus(JWSHeader header, SecretValue secret) {
        return nimbus(header, nimbusClaims(NOW, NOW.plusSeconds(30)), secret.keyBytes());
    }

    static String nimbus(JWSHeader header, JWTClaimsSet claims, byte[] key) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new MACSigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static JWSHeader.Builder nimbusHs256() {
        return new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT);
    }

    // ---- jose4j ----

    static String jose4j(SecretValue secret, String kid) {
        try {
            JwtClaims claims = new JwtClaims();
            claims.setClaim("id", USER);
            claims.setClaim("name", "Ada Lovelace");
            claims.setIssuedAt(NumericDate.fromSeconds(NOW.getEpochSecond()));
            claims.setExpirationTime(NumericDate.fromSeconds(NOW.getEpochSecond() + 30));
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
            jws.setKey(new HmacKey(secret.keyBytes()));
            if (kid != null) {
                jws.setKeyIdHeaderValue(kid);
            }
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
