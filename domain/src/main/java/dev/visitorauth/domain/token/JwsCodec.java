package dev.visitorauth.domain.token;

import dev.visitorauth.domain.widget.TokenAlgorithm;
import dev.visitorauth.domain.widget.WidgetPublicKey;
import dev.visitorauth.domain.widget.WidgetSecret;

/**
 * What the token rules need from a JOSE implementation, and nothing more: strict decoding of the
 * compact form's segments and the signature check. The token adapter implements it; every rule
 * (which segment, which key, which length, what a failure means) stays in
 * {@link VisitorTokenVerification}.
 *
 * <p>{@code ascii} is the whole token as ASCII bytes; positions are indexes into it. Implementations
 * never throw for anything a token can hold: an unexpected failure of a library on untrusted bytes
 * is a decoding failure, and any other exception is a bug that must surface.
 */
public interface JwsCodec {

    /**
     * The member names the rules look up: the header's and the payload's. A codec may hand these very
     * instances out as the parsed names (a parsed {@code "exp"} being this {@code "exp"}), so that
     * the look-ups compare by identity; any other instance reads the same, only slower.
     */
    java.util.List<String> NAMES_READ = java.util.List.of(
            VisitorTokenVerification.ALG, VisitorTokenVerification.TYP, VisitorTokenVerification.KID,
            VisitorTokenRules.EXP, VisitorTokenRules.NBF, VisitorTokenRules.IAT, VisitorTokenRules.AUD,
            VisitorTokenRules.JTI, VisitorTokenRules.ID, VisitorTokenRules.NAME, VisitorTokenRules.EMAIL,
            VisitorTokenRules.AVATAR, VisitorTokenRules.COMPANY_ID, VisitorTokenRules.COMPANY_NAME,
            VisitorTokenRules.CUSTOM_DATA);

    /** The segment {@code ascii[from, to)} decoded as strict base64url, or null when it is not strict base64url. */
    byte[] decodeSegment(byte[] ascii, int from, int to);

    /**
     * The header segment {@code ascii[0, end)} decoded and parsed as a strict JSON object (a codec may
     * recognise the headers common libraries write and skip the work); null when it is not strict
     * base64url.
     */
    JsonValue.JsonObject decodeHeader(byte[] ascii, int end) throws JsonSyntaxException;

    /** {@code utf8} parsed as one strict JSON object. */
    JsonValue.JsonObject parseObject(byte[] utf8) throws JsonSyntaxException;

    /**
     * Decodes the signature segment {@code ascii[from, to)} into {@code into}, true only when it is
     * strict, canonical base64url of exactly {@code into.length} bytes.
     */
    boolean decodeSignature(byte[] ascii, int from, int to, byte[] into);

    /** True when {@code signature} is the HS256 MAC of {@code ascii[0, signedLength)} under the secret, compared in constant time. */
    boolean verifiesHmac(WidgetSecret secret, byte[] ascii, int signedLength, byte[] signature);

    /** True when {@code signature} verifies {@code ascii[0, signedLength)} with the public key and {@code algorithm}. */
    boolean verifiesSignature(WidgetPublicKey key, TokenAlgorithm algorithm, byte[] ascii, int signedLength, byte[] signature);
}
