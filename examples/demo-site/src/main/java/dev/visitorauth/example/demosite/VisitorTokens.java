package dev.visitorauth.example.demosite;

import java.nio.charset.StandardCharsets;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * Signs visitor tokens exactly as docs/encoding-user-data.md tells companies to: HS256, header
 * {@code typ: JWT}, the widget secret's UTF-8 bytes as the key, a 30-second expiry, a new token for
 * every page load. The token is signed, not encrypted: put nothing secret in it.
 */
public final class VisitorTokens {
    /** The recommended lifetime. */
    public static final int LIFETIME_SECONDS = 30;

    private VisitorTokens() {
    }

    /** A fresh token for {@code user}, signed with {@code widgetSecret}. */
    public static String mint(String widgetSecret, DemoUser user) {
        JwtClaims claims = new JwtClaims();
        claims.setClaim("id", user.id());
        claims.setClaim("name", user.name());
        claims.setClaim("email", user.email());
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(LIFETIME_SECONDS / 60f);

        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setHeader("typ", "JWT");
        jws.setKey(new HmacKey(widgetSecret.getBytes(StandardCharsets.UTF_8)));
        jws.setPayload(claims.toJson());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("could not sign the visitor token", e);
        }
    }

    /** One of the demo's fake users. */
    public record DemoUser(String id, String name, String email) {
    }
}
