package dev.visitorauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MintTokenCommandTest {
    private static final String SECRET = "Qk9wGz4s2Vb7Yx1nR8tL5mC3dF6hJ0aPeUiOyTqWsXz";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "mint-token";
        System.arraycopy(args, 0, all, 1, args.length);
        return MintTokenCommand.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void mintsAnHs256TokenWithTheGivenClaims() throws Exception {
        int code = run("--secret", SECRET, "--id", "user-1", "--name", "Ada", "--data", "plan=pro", "--kid", "k_1",
                "--ttl", "60", "--jti");

        assertThat(code).isZero();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(out.toString(StandardCharsets.UTF_8).trim());
        jws.setKey(new HmacKey(SECRET.getBytes(StandardCharsets.UTF_8)));
        assertThat(jws.verifySignature()).isTrue();
        assertThat(jws.getKeyIdHeaderValue()).isEqualTo("k_1");
        JwtClaims claims = JwtClaims.parse(jws.getPayload());
        assertThat(claims.getStringClaimValue("id")).isEqualTo("user-1");
        assertThat(claims.getStringClaimValue("name")).isEqualTo("Ada");
        assertThat(claims.getClaimValue("customData")).isEqualTo(Map.of("plan", "pro"));
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue()).isEqualTo(60);
        assertThat(claims.getJwtId()).hasSize(32);
    }

    /** A typo must not mint a token that silently lacks what was asked for. */
    @ParameterizedTest
    @ValueSource(strings = {"--iat", "--nmae", "-id", "name"})
    void refusesAnUnknownOptionNamingIt(String option) {
        int code = run("--secret", SECRET, "--id", "user-1", option, "x");

        assertThat(code).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option " + option);
    }

    @Test
    void refusesAnOptionWithoutItsValueAndATtlThatIsNotANumber() {
        assertThat(run("--secret", SECRET, "--id")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--id needs a value");

        assertThat(run("--secret", SECRET, "--id", "u", "--ttl", "soon")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--ttl takes a whole number of seconds");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
