package dev.visitorauth.domain.token;

import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.widget.TokenAlgorithm;
import dev.visitorauth.domain.widget.WidgetPublicKey;
import java.util.EnumMap;
import java.util.Map;

/**
 * The refusals of the token's size, form, header and signature rules, in one place. Messages say
 * what to fix and never echo the token; header text that is reported back goes through
 * {@link #reportable}.
 */
public final class TokenRefusals {
    /** The longest header text (a kid, a member name) reported back as it is. */
    static final int REPORTED_LENGTH = 64;

    static final Refusal TOO_LARGE = Refusal.of(ErrorCode.TOKEN_TOO_LARGE,
            "The visitor token is over 8 KiB; keep the claims small.");
    static final Refusal NOT_ASCII = Refusal.of(ErrorCode.MALFORMED_TOKEN,
            "The visitor token holds characters outside base64url and '.'; send the compact JWS as it was produced.");
    static final Refusal JSON_SERIALIZATION = Refusal.of(ErrorCode.MALFORMED_TOKEN,
            "JWS JSON serialization is not accepted; send the compact form header.payload.signature.");
    static final Refusal JWE = Refusal.of(ErrorCode.MALFORMED_TOKEN,
            "JWE (encrypted, five-part) tokens are not accepted; sign the token with HS256 instead.");
    static final Refusal NOT_THREE_SEGMENTS = Refusal.of(ErrorCode.MALFORMED_TOKEN,
            "The visitor token is not a compact JWS: it must have three '.'-separated segments.");
    static final Refusal EMPTY_HEADER = Refusal.of(ErrorCode.MALFORMED_TOKEN, "The token's header segment is empty.");
    static final Refusal EMPTY_PAYLOAD = Refusal.of(ErrorCode.MALFORMED_TOKEN, "The token's payload segment is empty.");
    static final Refusal HEADER_NOT_BASE64URL = Refusal.of(ErrorCode.MALFORMED_TOKEN,
            "The token's header is not strict base64url (no padding, whitespace or characters outside A-Z a-z 0-9 - _).");
    static final Refusal PAYLOAD_NOT_BASE64URL = Refusal.of(ErrorCode.MALFORMED_TOKEN,
            "The token's payload is not strict base64url (no padding, whitespace or characters outside A-Z a-z 0-9 - _).");
    static final Refusal NO_ALG = Refusal.of(ErrorCode.MALFORMED_TOKEN, "alg",
            "The token header must have \"alg\": \"HS256\" (a string).");
    static final Refusal WRONG_ALG = Refusal.of(ErrorCode.UNSUPPORTED_ALGORITHM, "alg",
            "Only HS256 is accepted: sign the token with HS256 and the widget secret (never none, RS256 or another size).");
    static final Refusal WRONG_ALG_WITH_PUBLIC_KEYS = Refusal.of(ErrorCode.UNSUPPORTED_ALGORITHM, "alg",
            "alg must be HS256 (with the widget secret) or RS256, PS256, ES256 or EdDSA (with one of the widget's public keys); "
                    + "never none or another size.");
    static final Refusal WRONG_TYP = Refusal.of(ErrorCode.UNSUPPORTED_TOKEN, "typ",
            "The header's \"typ\", when present, must be \"JWT\".");
    static final Refusal KID_NOT_STRING = Refusal.of(ErrorCode.MALFORMED_TOKEN, "kid",
            "The header's \"kid\", when present, must be a string: the key id shown with the widget secret.");
    static final Refusal HMAC_MALFORMED = Refusal.of(ErrorCode.MALFORMED_TOKEN, "signature",
            "The signature must be exactly 43 strict base64url characters (an HS256 MAC of 32 bytes).");
    static final Refusal BAD_HMAC = Refusal.of(ErrorCode.INVALID_SIGNATURE,
            "The signature does not verify with the widget secret; sign with the widget's current secret (its UTF-8 bytes).");
    static final Refusal BAD_PUBLIC_KEY_SIGNATURE = Refusal.of(ErrorCode.INVALID_SIGNATURE,
            "The signature does not verify with the widget's public key; sign with the private key whose public key the "
                    + "widget holds, and name it in kid.");
    static final Refusal ROTATED_SIGNATURE = Refusal.of(ErrorCode.SECRET_ROTATED,
            "The token was signed with a widget secret that has been rotated out; sign with the current secret.");

    private static final Map<JsonSyntaxException.Failure, Refusal> HEADER_JSON = jsonRefusals("header");
    private static final Map<JsonSyntaxException.Failure, Refusal> PAYLOAD_JSON = jsonRefusals("payload");

    private TokenRefusals() {
    }

    /** A header member other than alg, typ and kid. */
    static Refusal memberNotAllowed(String name) {
        String reported = reportable(name);
        return Refusal.of(ErrorCode.UNSUPPORTED_TOKEN, reported,
                "The header may hold only \"alg\", \"typ\" and \"kid\"; remove \"" + reported + "\".");
    }

    /** A signature of the wrong length or encoding for a public key's algorithm. */
    static Refusal signatureMalformed(TokenAlgorithm algorithm, WidgetPublicKey key) {
        int bytes = key.signatureBytes(algorithm);
        int chars = (bytes * 8 + 5) / 6;
        return Refusal.of(ErrorCode.MALFORMED_TOKEN, "signature", "The signature must be exactly " + chars
                + " strict base64url characters (an " + algorithm.headerName() + " signature of " + bytes + " bytes"
                + (algorithm == TokenAlgorithm.ES256 ? ", R and S side by side, not DER" : "") + ").");
    }

    /** The refusal for a segment that is not a strict JSON object. */
    static Refusal json(boolean header, JsonSyntaxException.Failure failure) {
        return (header ? HEADER_JSON : PAYLOAD_JSON).get(failure);
    }

    /**
     * Header text as it may be reported back and recorded: unchanged when it is at most 64
     * printable ASCII characters (every real key id and member name), else cut to 64 characters
     * with anything else shown as {@code ?} and {@code ...} appended.
     */
    public static String reportable(String text) {
        int length = text.length();
        boolean printable = length <= REPORTED_LENGTH;
        for (int i = 0; printable && i < length; i++) {
            char c = text.charAt(i);
            printable = c >= 0x20 && c < 0x7F;
        }
        if (printable) {
            return text;
        }
        StringBuilder shown = new StringBuilder(REPORTED_LENGTH + 3);
        for (int i = 0; i < Math.min(length, REPORTED_LENGTH); i++) {
            char c = text.charAt(i);
            shown.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return length > REPORTED_LENGTH ? shown.append("...").toString() : shown.toString();
    }

    private static Map<JsonSyntaxException.Failure, Refusal> jsonRefusals(String segment) {
        Map<JsonSyntaxException.Failure, Refusal> refusals = new EnumMap<>(JsonSyntaxException.Failure.class);
        for (JsonSyntaxException.Failure failure : JsonSyntaxException.Failure.values()) {
            refusals.put(failure, Refusal.of(ErrorCode.MALFORMED_TOKEN, "The token's " + segment + " " + failure.phrase() + "."));
        }
        return refusals;
    }
}
