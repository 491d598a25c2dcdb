package dev.visitorauth.server.it;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Visitor tokens as a company's server mints them: nimbus-jose-jwt, HS256, the widget secret's
 * UTF-8 bytes as the HMAC key, header {@code {"alg":"HS256","typ":"JWT"}} (plus {@code kid} when
 * asked). {@link #signRaw} signs any header and payload text, for what no library will produce.
 */
final class TokenMinter {
    /** A secret no widget has: tokens signed with it have an invalid signature. */
    static final String STRANGER_SECRET = "stranger-secret-0123456789-abcdefghijklmnopqrstuvwxyz";

    private TokenMinter() {
    }

    /** Claims for {@code userId}, issued now and expiring in 30 seconds. */
    static Claims claims(String userId) {
        long now = Instant.now().getEpochSecond();
        return new Claims().with("id", userId).with("iat", now).with("exp", now + 30);
    }

    /** A fresh external user id, unique per call. */
    static String newUserId() {
        return "user-" + UUID.randomUUID();
    }

    static String sign(String secret, Claims claims) {
        return sign(secret, null, claims);
    }

    /** A nimbus-minted HS256 token with {@code typ: JWT} and, when not null, {@code kid}. */
    static String sign(String secret, String kid, Claims claims) {
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT);
        if (kid != null) {
            header.keyID(kid);
        }
        try {
            JWSObject jws = new JWSObject(header.build(), new Payload(claims.json()));
            jws.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid token for {@code userId} signed with the widget's current secret. */
    static String valid(ApiClient.Widget widget, String userId) {
        return sign(widget.secret(), claims(userId));
    }

    /** {@code headerJson.payloadJson} base64url-encoded as they are, with an HS256 MAC over exactly those bytes. */
    static String signRaw(String headerJson, String payloadJson, String secret) {
        String input = b64(headerJson) + "." + b64(payloadJson);
        try {
            return input + "." + new MACSigner(secret.getBytes(StandardCharsets.UTF_8))
                    .sign(new JWSHeader(JWSAlgorithm.HS256), input.getBytes(StandardCharsets.US_ASCII));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Like {@link #signRaw} with another JCA MAC ({@code HmacSHA512}...), whatever the header says. */
    static String signRawWith(String jcaAlgorithm, String headerJson, String payloadJson, String secret) {
        String input = b64(headerJson) + "." + b64(payloadJson);
        try {
            Mac mac = Mac.getInstance(jcaAlgorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), jcaAlgorithm));
            return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String b64(String utf8) {
        return b64(utf8.getBytes(StandardCharsets.UTF_8));
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The signature segment of a compact token. */
    static String signatureOf(String token) {
        return token.substring(token.lastIndexOf('.') + 1);
    }

    /** A token's claims, in order; values serialise as JSON (a Java null is JSON null). */
    static final class Claims {
        private final Map<String, Object> values = new LinkedHashMap<>();

        Claims with(String name, Object value) {
            values.put(name, value);
            return this;
        }

        Claims without(String name) {
            values.remove(name);
            return this;
        }

        /** {@code iat} now + {@code iatOffset} seconds and {@code exp} now + {@code expOffset} seconds. */
        Claims times(long iatOffset, long expOffset) {
            long now = Instant.now().getEpochSecond();
            return with("iat", now + iatOffset).with("exp", now + expOffset);
        }

        /** A random, single-use {@code jti}. */
        Claims jti() {
            return with("jti", UUID.randomUUID().toString());
        }

        String json() {
            return ApiClient.json(values);
        }
    }
}
