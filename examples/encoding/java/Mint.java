// Mints a visitor token with jose4j: HS256, the widget secret's UTF-8 bytes, 30-second expiry.
// WIDGET_SECRET=… USER_ID=42 USER_NAME="Ada Lovelace" USER_EMAIL=ada@example.com \
//   java -cp jose4j-0.9.7.jar:slf4j-api-2.0.17.jar Mint.java
import java.nio.charset.StandardCharsets;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;

public class Mint {
    public static void main(String[] args) throws Exception {
        String secret = System.getenv("WIDGET_SECRET"); // from your server's configuration, never sent to the browser

        JwtClaims claims = new JwtClaims();
        claims.setClaim("id", System.getenv("USER_ID"));
        claims.setClaim("name", System.getenv("USER_NAME"));
        claims.setClaim("email", System.getenv("USER_EMAIL"));
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(0.5f); // 30 seconds

        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setHeader("typ", "JWT");
        jws.setKey(new HmacKey(secret.getBytes(StandardCharsets.UTF_8))); // the string's UTF-8 bytes
        jws.setPayload(claims.toJson());
        System.out.println(jws.getCompactSerialization());
    }
}
