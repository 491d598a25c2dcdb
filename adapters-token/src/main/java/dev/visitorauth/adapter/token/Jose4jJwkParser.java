package dev.visitorauth.adapter.token;

import dev.visitorauth.application.port.out.ParseJwkPort;
import dev.visitorauth.domain.widget.JwkFacts;
import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.EllipticCurve;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jose4j.base64url.Base64Url;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.OctetSequenceJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * Reads an uploaded JWK with jose4j ({@link JsonWebKey.Factory#newJwk}) and reports what it says
 * about itself; the domain judges it, and the use case picks the refusal for an unreadable one.
 * Beyond what jose4j checks, a key whose coordinates are longer than their curve's, or whose EC point
 * is not on its curve, is not a readable key (RFC 7518 section 6.2.1); a coordinate written without
 * its leading zero bytes is read (some libraries write them so) and stored at full size. Problems name what
 * is wrong, never a key member's value. Thread-safe.
 */
public final class Jose4jJwkParser implements ParseJwkPort {
    /** Members that only a private or symmetric key has (RFC 7518 sections 6.2.2, 6.3.2 and 6.4; RFC 8037). */
    private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");
    private static final Set<String> KNOWN_TYPES = Set.of("RSA", "EC", "OKP", "oct");

    @Override
    public JwkReading parse(String jwkJson) {
        Map<String, Object> members;
        try {
            members = JsonUtil.parseJson(jwkJson);
        } catch (JoseException | RuntimeException e) {
            // jose4j's JSON reader meets untrusted text here: any failure means "not a JSON object"
            return refuse("The JWK must be a JSON object (RFC 7517) with its kty and key members.");
        }
        if (members == null) {
            return refuse("The JWK must be a JSON object (RFC 7517) with its kty and key members.");
        }
        Object kty = members.get(JsonWebKey.KEY_TYPE_PARAMETER);
        if (!(kty instanceof String type)) {
            return refuse(kty == null ? "The JWK has no kty (key type)." : "The JWK's kty must be a string.");
        }
        if (!KNOWN_TYPES.contains(type)) {
            return refuse("The JWK's kty is not one this server reads; use RSA, EC (P-256) or OKP (Ed25519).");
        }
        JsonWebKey jwk;
        try {
            jwk = JsonWebKey.Factory.newJwk(members);
        } catch (JoseException | RuntimeException e) {
            return refuse("The JWK could not be read as a " + type + " key: a required member is missing, of the wrong type "
                    + "or malformed, or its curve is not supported.");
        }
        Optional<String> problem = keyProblem(jwk, members);
        if (problem.isPresent()) {
            return refuse(problem.get());
        }
        Set<String> privateMembers = new TreeSet<>(members.keySet());
        privateMembers.retainAll(PRIVATE_MEMBERS);
        return new Read(new JwkFacts(jwk.getKeyType(), curve(jwk), Optional.ofNullable(jwk.getAlgorithm()),
                Optional.ofNullable(jwk.getKeyId()), Optional.ofNullable(jwk.getUse()), keyBits(jwk), privateMembers,
                jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
    }

    private static Optional<String> curve(JsonWebKey jwk) {
        if (jwk instanceof EllipticCurveJsonWebKey ec) {
            return Optional.ofNullable(ec.getCurveName());
        }
        if (jwk instanceof OctetKeyPairJsonWebKey okp) {
            return Optional.ofNullable(okp.getSubtype());
        }
        return Optional.empty();
    }

    private static int keyBits(JsonWebKey jwk) {
        if (jwk instanceof RsaJsonWebKey rsa) {
            return rsa.getRsaPublicKey().getModulus().bitLength();
        }
        if (jwk instanceof EllipticCurveJsonWebKey ec) {
            return ec.getECPublicKey().getParams().getCurve().getField().getFieldSize();
        }
        if (jwk instanceof OctetKeyPairJsonWebKey okp) {
            return okpPublicKeyBytes(okp.getSubtype()) * 8;
        }
        if (jwk instanceof OctetSequenceJsonWebKey oct) {
            return oct.getOctetSequence().length * 8;
        }
        return 0;
    }

    /** Why an EC or OKP key jose4j read is still not a valid public key, if it is not. */
    private static Optional<String> keyProblem(JsonWebKey jwk, Map<String, Object> members) {
        if (jwk instanceof EllipticCurveJsonWebKey ec) {
            ECPublicKey key = ec.getECPublicKey();
            int bytes = (key.getParams().getCurve().getField().getFieldSize() + 7) / 8;
            // RFC 7518 asks for the full size; PyJWT before 2.7 (Debian 12's) writes a coordinate with its
            // leading zero bytes dropped, one key in 128. The integer is the same, so shorter is read as
            // it is (and stored at full size); longer is refused.
            int x = decodedLength(members.get("x"));
            int y = decodedLength(members.get("y"));
            if (x < 1 || x > bytes || y < 1 || y > bytes) {
                return Optional.of("The JWK's x and y must each be at most " + bytes + " bytes (base64url), the size of a "
                        + ec.getCurveName() + " coordinate.");
            }
            if (!onCurve(key.getW(), key.getParams())) {
                return Optional.of("The JWK's point (x, y) is not on the " + ec.getCurveName() + " curve.");
            }
        }
        if (jwk instanceof OctetKeyPairJsonWebKey okp) {
            int bytes = okpPublicKeyBytes(okp.getSubtype());
            if (decodedLength(members.get("x")) != bytes) {
                return Optional.of("The JWK's x must be " + bytes + " bytes (base64url) for " + okp.getSubtype() + ".");
            }
        }
        return Optional.empty();
    }

    /** y² = x³ + ax + b over the curve's prime field, with both coordinates in the field. */
    private static boolean onCurve(ECPoint point, ECParameterSpec params) {
        if (point.equals(ECPoint.POINT_INFINITY) || !(params.getCurve().getField() instanceof ECFieldFp field)) {
            return false;
        }
        BigInteger p = field.getP();
        BigInteger x = point.getAffineX();
        BigInteger y = point.getAffineY();
        if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        EllipticCurve curve = params.getCurve();
        BigInteger left = y.multiply(y).mod(p);
        BigInteger right = x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
        return left.equals(right);
    }

    private static int okpPublicKeyBytes(String subtype) {
        if (subtype == null) {
            return 0;
        }
        return switch (subtype) {
            case OctetKeyPairJsonWebKey.SUBTYPE_ED25519, OctetKeyPairJsonWebKey.SUBTYPE_X25519 -> 32;
            case OctetKeyPairJsonWebKey.SUBTYPE_ED448 -> 57;
            case OctetKeyPairJsonWebKey.SUBTYPE_X448 -> 56;
            default -> 0;
        };
    }

    private static int decodedLength(Object member) {
        return member instanceof String text ? Base64Url.decode(text).length : -1;
    }

    private static JwkReading refuse(String problem) {
        return new Unreadable(problem);
    }
}
