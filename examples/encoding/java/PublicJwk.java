// Prints the public JWK of your key pair, to upload to the widget:
//   POST /v1/admin/widgets/{id}/keys {"jwk": <this>} -> 201 {"keyId"}
// Only the public members (kty, crv, x, y or n, e) plus kid, alg and use: nothing secret.
// It reads the public key's PEM: openssl pkey -in widget-key.pem -pubout -out widget-key.pub.pem
// WIDGET_PUBLIC_KEY_FILE=widget-key.pub.pem WIDGET_KEY_ID=web-1 [WIDGET_KEY_ALG=RS256] \
//   java -cp jose4j-0.9.7.jar:slf4j-api-2.0.17.jar PublicJwk.java
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.Use;
import org.jose4j.keys.EcKeyUtil;
import org.jose4j.keys.RsaKeyUtil;

public class PublicJwk {
    public static void main(String[] args) throws Exception {
        String alg = System.getenv().getOrDefault("WIDGET_KEY_ALG", "ES256");
        String pem = Files.readString(Path.of(System.getenv("WIDGET_PUBLIC_KEY_FILE")));
        PublicKey publicKey = alg.startsWith("ES") ? new EcKeyUtil().fromPemEncoded(pem) : new RsaKeyUtil().fromPemEncoded(pem);

        PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(publicKey);
        jwk.setKeyId(System.getenv("WIDGET_KEY_ID"));
        jwk.setAlgorithm(alg);
        jwk.setUse(Use.SIGNATURE);
        System.out.println(jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
    }
}
