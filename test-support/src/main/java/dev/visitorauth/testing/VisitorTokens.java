package dev.visitorauth.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one visitor-token fixture of the test code: visitor tokens as a company's server mints them,
 * with the JDK only. {@link #claims} starts a {@link Claims} builder; {@link #sign} gives a compact
 * HS256 token whose header is {@code {"alg":"HS256","typ":"JWT"}} (plus {@code kid} when asked),
 * keyed with the secret string's UTF-8 bytes; {@link #es256} and {@link #rs256} sign with a private
 * key. {@link #signRaw} and {@link #signRawWith} sign any header and payload bytes, for what no
 * library will produce.
 */
public final class VisitorTokens {
    /** A secret no widget has: tokens signed with it have an invalid signature. */
    public static final String STRANGER_SECRET = "stranger-secret-0123456789-abcdefghijklmnopqrstuvwxyz";

    private VisitorTokens() {
    }

    /** Claims for {@code userId}, issued now (the system clock) and expiring in 30 seconds. */
    public static Claims claims(String userId) {
        return claims(userId, Instant.now());
    }

    /** Claims for {@code userId}, issued at {@code now} and expiring 30 seconds later. */
    public static Claims claims(String userId, Instant now) {
        long seconds = now.getEpochSecond();
        return new Claims(now).with("id", userId).with("iat", seconds).with("exp", seconds + 30);
    }

    /** A fresh external user id, unique per call. */
    public static String newUserId() {
        return "user-" + UUID.randomUUID();
    }

    public static String sign(String secret, Claims claims) {
        return sign(secret, null, claims);
    }

    /** An HS256 token with {@code typ: JWT} and, when not null, {@code kid}, keyed with the secret's UTF-8 bytes. */
    public static String sign(String secret, String kid, Claims claims) {
        return signRaw(header("HS256", kid), claims.json(), secret);
    }

    /** An ES256 token (the signature as R || S, 64 bytes) with {@code typ: JWT} and {@code kid}. */
    public static String es256(PrivateKey key, String kid, Claims claims) {
        return signRawWith("SHA256withECDSAinP1363Format", key, header("ES256", kid), claims.json());
    }

    /** An RS256 token with {@code typ: JWT} and {@code kid}. */
    public static String rs256(PrivateKey key, String kid, Claims claims) {
        return signRawWith("SHA256withRSA", key, header("RS256", kid), claims.json());
    }

    /** {@code headerJson.payloadJson} base64url-encoded as they are, with an HS256 MAC over exactly those bytes. */
    public static String signRaw(String headerJson, String payloadJson, String secret) {
        return signRawWith("HmacSHA256", headerJson, payloadJson, secret);
    }

    /** Like {@link #signRaw(String, String, String)} for any bytes and key bytes. */
    public static String signRaw(byte[] header, byte[] payload, byte[] key) {
        String input = b64(header) + "." + b64(payload);
        return input + "." + b64(mac("HmacSHA256", key, input));
    }

    /** Like {@link #signRaw} with another JCA MAC ({@code HmacSHA512}...), whatever the header says. */
    public static String signRawWith(String jcaAlgorithm, String headerJson, String payloadJson, String secret) {
        String input = b64(headerJson) + "." + b64(payloadJson);
        return input + "." + b64(mac(jcaAlgorithm, secret.getBytes(StandardCharsets.UTF_8), input));
    }

    /** {@code headerJson.payloadJson} signed with a JCA signature algorithm ({@code SHA256withRSA}...) and the private key. */
    public static String signRawWith(String jcaAlgorithm, PrivateKey key, String headerJson, String payloadJson) {
        String input = b64(headerJson) + "." + b64(payloadJson);
        try {
            Signature signature = Signature.getInstance(jcaAlgorithm);
            signature.initSign(key);
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + b64(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JCA MAC ({@code HmacSHA256}...) of the ASCII signing input with the key bytes. */
    public static byte[] mac(String jcaAlgorithm, byte[] key, String signingInput) {
        try {
            Mac mac = Mac.getInstance(jcaAlgorithm);
            mac.init(new SecretKeySpec(key, jcaAlgorithm));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String b64(String utf8) {
        return b64(utf8.getBytes(StandardCharsets.UTF_8));
    }

    public static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The signature segment of a compact token. */
    public static String signatureOf(String token) {
        return token.substring(token.lastIndexOf('.') + 1);
    }

    private static String header(String alg, String kid) {
        return "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"" + (kid == null ? "" : ",\"kid\":" + json(kid)) + "}";
    }

    /** JSON text of a string, number, boolean, null, {@link Map} or {@link List}, members in their order. */
    public static String json(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value instanceof Map<?, ?> map) {
            out.append('{');
            String separator = "";
            for (Map.Entry<?, ?> member : map.entrySet()) {
                out.append(separator);
                separator = ",";
                write(String.valueOf(member.getKey()), out);
                out.append(':');
                write(member.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(list.get(i), out);
            }
            out.append(']');
        } else if (value instanceof String text) {
            out.append('"');
            for (char c : text.toCharArray()) {
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < 0x20) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            out.append('"');
        } else {
            out.append(value); // a number, a boolean or null
        }
    }

    /** A token's claims, in order; values as {@link #json} writes them (a Java null is JSON null). */
    public static final class Claims {
        private final Instant now;
        private final Map<String, Object> values = new LinkedHashMap<>();

        private Claims(Instant now) {
            this.now = now;
        }

        public Claims with(String name, Object value) {
            values.put(name, value);
            return this;
        }

        public Claims without(String name) {
            values.remove(name);
            return this;
        }

        /** {@code iat} now + {@code iatOffset} seconds and {@code exp} now + {@code expOffset} seconds. */
        public Claims times(long iatOffset, long expOffset) {
            return with("iat", now.getEpochSecond() + iatOffset).with("exp", now.getEpochSecond() + expOffset);
        }

        /** A random, single-use {@code jti}. */
        public Claims jti() {
            return with("jti", UUID.randomUUID().toString());
        }

        public String json() {
            return VisitorTokens.json(values);
        }
    }
}
