// Mints a visitor token with jose4j, signed with your own private key: ES256 (EC P-256) or RS256
// (RSA), the header's kid = the key id the widget knows, 30-second expiry. The private key never
// leaves your server; the widget holds only its public JWK (see PublicJwk.java).
// WIDGET_PRIVATE_KEY_FILE=widget-key.pem WIDGET_KEY_ID=web-1 [WIDGET_KEY_ALG=RS256] \
//   USER_ID=42 USER_NAME="Ada Lovelace" USER_EMAIL=ada@example.com \
//   java -cp jose4j-0.9.7.jar:slf4j-api-2.0.17.jar MintWithKeyPair.java
// (or the PEM text itself in WIDGET_PRIVATE_KEY instead of WIDGET_PRIVATE_KEY_FILE)
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;

public class MintWithKeyPair {
    public static void main(String[] args) throws Exception {
        String alg = System.getenv().getOrDefault("WIDGET_KEY_ALG", "ES256"); // ES256 for a P-256 key, RS256 for an RSA key
        String pem = System.getenv("WIDGET_PRIVATE_KEY") != null ? System.getenv("WIDGET_PRIVATE_KEY")
                : Files.readString(Path.of(System.getenv("WIDGET_PRIVATE_KEY_FILE")));
        // A PKCS#8 PEM ("BEGIN PRIVATE KEY", what openssl genpkey writes), read by the JDK itself.
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        PrivateKey privateKey = KeyFactory.getInstance(alg.startsWith("ES") ? "EC" : "RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(der));

        JwtClaims claims = new JwtClaims();
        claims.setClaim("id", System.getenv("USER_ID"));
        claims.setClaim("name", System.getenv("USER_NAME"));
        claims.setClaim("email", System.getenv("USER_EMAIL"));
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(0.5f); // 30 seconds

        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(alg);
        jws.setKeyIdHeaderValue(System.getenv("WIDGET_KEY_ID")); // the keyId the upload answered
        jws.setHeader("typ", "JWT");
        jws.setKey(privateKey);
        jws.setPayload(claims.toJson());
        System.out.println(jws.getCompactSerialization()); // ES256: the 64-byte R||S signature JOSE asks for
    }
}
