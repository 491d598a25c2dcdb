package dev.visitorauth.domain.token;

import dev.visitorauth.domain.widget.SecretValue;
import dev.visitorauth.domain.widget.TokenAlgorithm;
import dev.visitorauth.domain.widget.WidgetPublicKey;
import dev.visitorauth.domain.widget.WidgetSecret;
import dev.visitorauth.testing.VisitorTokens;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * A hand-written {@link JwsCodec} for the rule tests, so that every rule of
 * {@link VisitorTokenVerification} is tested without a JSON parser or a JOSE library:
 * <ul>
 *   <li>segments: the JDK's base64url decoder, with padding refused (strictness itself is the real
 *       codec's, tested in the token adapter);</li>
 *   <li>JSON: a registry from a segment's decoded text to the {@link JsonValue.JsonObject} it stands
 *       for. {@link #segment} writes an object as JSON text and registers it; {@link #notJson}
 *       registers a text that parses to the chosen {@link JsonSyntaxException.Failure}. Text that
 *       was never registered is a mistake in the test and fails it;</li>
 *   <li>HS256: the shared fixture's HMAC ({@link VisitorTokens#mac}), compared in constant time;</li>
 *   <li>public keys: a deterministic stand-in for a signature, {@link #sign}: SHA-256 of the key's JWK
 *       text (its key material here), the algorithm and the signed bytes, repeated to the length the key and algorithm require.
 *       Verifying with an algorithm the key does not allow throws, as the real codec does: the
 *       domain must never ask for it.</li>
 * </ul>
 */
final class FakeJwsCodec implements JwsCodec {
    private final Map<String, JsonValue.JsonObject> objects = new HashMap<>();
    private final Map<String, JsonSyntaxException.Failure> failures = new HashMap<>();
    private int notJsonCount;

    /** The base64url segment of {@code object} written as JSON text; the codec parses it back to {@code object}. */
    String segment(JsonValue.JsonObject object) {
        String text = write(object);
        objects.put(text, object);
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A base64url segment whose text is not a strict JSON object, for {@code failure}. */
    String notJson(JsonSyntaxException.Failure failure) {
        String text = "<not JSON #" + (++notJsonCount) + ": " + failure + ">";
        failures.put(text, failure);
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    static String b64(byte[] bytes) {
        return VisitorTokens.b64(bytes);
    }

    /** The HS256 MAC of {@code signingInput} (header.payload) with the secret, base64url. */
    static String hmac(SecretValue secret, String signingInput) {
        return hmac(secret.keyBytes(), signingInput);
    }

    /** The HS256 MAC of {@code signingInput} with any key bytes (a public key's, in a key-confusion attack), base64url. */
    static String hmac(byte[] key, String signingInput) {
        return b64(VisitorTokens.mac("HmacSHA256", key, signingInput));
    }

    /** The fake signature of {@code signingInput} by the private half of {@code key}, base64url. */
    static String sign(WidgetPublicKey key, TokenAlgorithm algorithm, String signingInput) {
        return b64(signature(key, algorithm, signingInput.getBytes(StandardCharsets.US_ASCII), signingInput.length(),
                key.signatureBytes(algorithm)));
    }

    // ---- JwsCodec ----

    @Override
    public byte[] decodeSegment(byte[] ascii, int from, int to) {
        String segment = new String(ascii, from, to - from, StandardCharsets.US_ASCII);
        if (segment.indexOf('=') >= 0) {
            return null;
        }
        try {
            return Base64.getUrlDecoder().decode(segment);
        } catch (IllegalArgumentException notBase64url) {
            return null;
        }
    }

    @Override
    public JsonValue.JsonObject decodeHeader(byte[] ascii, int end) throws JsonSyntaxException {
        byte[] decoded = decodeSegment(ascii, 0, end);
        return decoded == null ? null : parseObject(decoded);
    }

    @Override
    public JsonValue.JsonObject parseObject(byte[] utf8) throws JsonSyntaxException {
        String text = new String(utf8, StandardCharsets.UTF_8);
        JsonSyntaxException.Failure failure = failures.get(text);
        if (failure != null) {
            throw new JsonSyntaxException(failure, "as registered by the test");
        }
        JsonValue.JsonObject object = objects.get(text);
        if (object == null) {
            throw new AssertionError("the test registered no JSON for the segment text: " + text);
        }
        return object;
    }

    @Override
    public boolean decodeSignature(byte[] ascii, int from, int to, byte[] into) {
        byte[] decoded = decodeSegment(ascii, from, to);
        if (decoded == null || decoded.length != into.length) {
            return false;
        }
        System.arraycopy(decoded, 0, into, 0, into.length);
        return true;
    }

    @Override
    public boolean verifiesHmac(WidgetSecret secret, byte[] ascii, int signedLength, byte[] signature) {
        return MessageDigest.isEqual(VisitorTokens.mac("HmacSHA256", secret.value().keyBytes(),
                new String(ascii, 0, signedLength, StandardCharsets.US_ASCII)), signature);
    }

    @Override
    public boolean verifiesSignature(WidgetPublicKey key, TokenAlgorithm algorithm, byte[] ascii, int signedLength,
                                     byte[] signature) {
        if (!key.allows(algorithm)) {
            throw new IllegalArgumentException("asked to verify " + algorithm + " with " + key.keyId() + ": key confusion");
        }
        return MessageDigest.isEqual(signature(key, algorithm, ascii, signedLength, signature.length), signature);
    }

    // ---- the fakes' cryptography ----

    private static byte[] signature(WidgetPublicKey key, TokenAlgorithm algorithm, byte[] ascii, int signedLength, int length) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((key.jwk() + "|" + algorithm.headerName() + "|").getBytes(StandardCharsets.UTF_8));
            sha.update(ascii, 0, signedLength);
            byte[] digest = sha.digest();
            byte[] out = new byte[length];
            for (int i = 0; i < length; i++) {
                out[i] = digest[i % digest.length];
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- JSON text, only to key the registry and to read in a failure message ----

    static String write(JsonValue value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(JsonValue value, StringBuilder out) {
        if (value instanceof JsonValue.JsonObject object) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonValue> member : object.members().entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                string(member.getKey(), out);
                out.append(':');
                write(member.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof JsonValue.JsonArray array) {
            out.append('[');
            for (int i = 0; i < array.elements().size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(array.elements().get(i), out);
            }
            out.append(']');
        } else if (value instanceof JsonValue.JsonString string) {
            string(string.value(), out);
        } else if (value instanceof JsonValue.JsonNumber number) {
            out.append(number.text());
        } else if (value instanceof JsonValue.JsonBoolean bool) {
            out.append(bool.value());
        } else {
            out.append("null");
        }
    }

    private static void string(String text, StringBuilder out) {
        out.append(VisitorTokens.json(text));
    }
}
