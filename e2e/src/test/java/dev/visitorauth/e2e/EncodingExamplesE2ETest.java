package dev.visitorauth.e2e;

import static dev.visitorauth.testing.RequiredTools.require;
import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.e2e.E2EServer.Widget;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.json.Json;

/**
 * Every example of docs/encoding-user-data.md (examples/encoding/&lt;language&gt;) mints a token that
 * starts an authenticated session on the real server. A language whose toolchain (or JWT library) is
 * not installed is skipped, saying what to install.
 *
 * <p>The key-pair examples of docs/public-keys.md run the way a user runs them: the test makes a key
 * pair (PEM files, as {@code openssl genpkey} writes them), the language's own helper prints the
 * public JWK, that JWK is uploaded ({@code POST /v1/admin/widgets/{id}/keys}), and the example signs
 * with the private key and the {@code keyId} the upload answered.
 */
class EncodingExamplesE2ETest {
    private static final String NAME = "Ada Lovelace";
    private static final String EMAIL = "ada@example.com";
    private static E2EServer server;
    private static Widget widget;
    private static Path examples;

    @BeforeAll
    static void start() {
        server = E2EServer.get();
        widget = server.createWidget("Encoding examples");
        examples = Path.of(System.getProperty("visitorauth.examples.dir", "../examples/encoding")).toAbsolutePath().normalize();
    }

    @Test
    void nodeWithJsonwebtoken() {
        Path dir = examples.resolve("node");
        assumeNodePackages(dir);
        startsAnAuthenticatedSession("node-jsonwebtoken", run(dir, "node-jsonwebtoken", List.of("node", "mint-jsonwebtoken.js")));
    }

    @Test
    void nodeWithJose() {
        Path dir = examples.resolve("node");
        assumeNodePackages(dir);
        startsAnAuthenticatedSession("node-jose", run(dir, "node-jose", List.of("node", "mint-jose.mjs")));
    }

    @Test
    void pythonWithPyJwt() {
        Optional<String> python = List.of("python3", "/usr/bin/python3").stream()
                .filter(p -> succeeds(List.of(p, "-c", "import jwt; jwt.encode({}, 'k', algorithm='HS256')")))
                .findFirst();
        require(python.isPresent(), "Skipped Python: needs python3 with PyJWT (apt-get install -y python3-jwt, or pip install PyJWT)");
        startsAnAuthenticatedSession("python", run(examples.resolve("python"), "python", List.of(python.get(), "mint.py")));
    }

    @Test
    void rubyWithRubyJwt() {
        require(succeeds(List.of("ruby", "-e", "require 'jwt'")),
                "Skipped Ruby: needs ruby with the jwt gem (apt-get install -y ruby ruby-jwt, or gem install jwt)");
        startsAnAuthenticatedSession("ruby", run(examples.resolve("ruby"), "ruby", List.of("ruby", "mint.rb")));
    }

    @Test
    void goWithGolangJwt() throws IOException {
        Path debianJwt = Path.of("/usr/share/gocode/src/github.com/golang-jwt/jwt");
        require(succeeds(List.of("go", "version")) && Files.exists(debianJwt.resolve("go.mod")),
                "Skipped Go: needs go and golang-jwt v4 (apt-get install -y golang-go golang-github-golang-jwt-jwt-dev)");
        // A throw-away module around the example that takes golang-jwt from Debian's package, offline.
        Path module = Files.createTempDirectory(E2EServer.workDir(), "go-mint-");
        Files.copy(examples.resolve("go/main.go"), module.resolve("main.go"));
        Files.writeString(module.resolve("go.mod"), """
                module visitorauth.example/mint

                go 1.19

                require github.com/golang-jwt/jwt/v4 v4.4.3

                replace github.com/golang-jwt/jwt/v4 => %s
                """.formatted(debianJwt));
        startsAnAuthenticatedSession("go", run(module, "go", List.of("go", "run", ".")));
    }

    @Test
    void phpWithHashHmac() {
        require(succeeds(List.of("php", "-r", "exit(function_exists('hash_hmac') ? 0 : 1);")),
                "Skipped PHP: needs the php command line (apt-get install -y php-cli)");
        startsAnAuthenticatedSession("php", run(examples.resolve("php"), "php", List.of("php", "mint.php")));
    }

    @Test
    void javaWithJose4j() {
        startsAnAuthenticatedSession("java", run(examples.resolve("java"), "java",
                List.of(java(), "-cp", jose4jClassPath(), "Mint.java")));
    }

    // ---- Signing with the widget's own key pair (spec section 12) -----------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ES256", "RS256"})
    void nodeWithJoseAndAKeyPair(String alg) {
        Path dir = examples.resolve("node");
        assumeNodePackages(dir);
        String language = "node-" + alg;
        PemKeyPair pair = PemKeyPair.generate(alg);
        Map<String, String> key = pair.fileEnv(language);
        String keyId = uploadPublicJwk(language, run(dir, language, List.of("node", "public-jwk.mjs"), key));
        String token = run(dir, language, List.of("node", "mint-jose-key-pair.mjs"), withKeyId(key, keyId));
        startsAnAuthenticatedSession(language, token, alg, keyId);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ES256", "RS256"})
    void pythonWithPyJwtAndAKeyPair(String alg) {
        Optional<String> python = List.of("python3", "/usr/bin/python3").stream()
                .filter(p -> succeeds(List.of(p, "-c", "import jwt; from jwt.algorithms import ECAlgorithm, RSAAlgorithm")))
                .findFirst();
        require(python.isPresent(), "Skipped Python key pairs: needs python3 with PyJWT and cryptography "
                + "(apt-get install -y python3-jwt python3-cryptography, or pip install \"PyJWT[crypto]\")");
        Path dir = examples.resolve("python");
        String language = "python-" + alg;
        // The PEM text in WIDGET_PRIVATE_KEY here (the other languages read WIDGET_PRIVATE_KEY_FILE).
        Map<String, String> key = PemKeyPair.generate(alg).textEnv(language);
        String keyId = uploadPublicJwk(language, run(dir, language, List.of(python.get(), "public_jwk.py"), key));
        String token = run(dir, language, List.of(python.get(), "mint_key_pair.py"), withKeyId(key, keyId));
        startsAnAuthenticatedSession(language, token, alg, keyId);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ES256", "RS256"})
    void javaWithJose4jAndAKeyPair(String alg) {
        Path dir = examples.resolve("java");
        String language = "java-" + alg;
        Map<String, String> key = PemKeyPair.generate(alg).fileEnv(language);
        String keyId = uploadPublicJwk(language, run(dir, language, List.of(java(), "-cp", jose4jClassPath(), "PublicJwk.java"), key));
        String token = run(dir, language, List.of(java(), "-cp", jose4jClassPath(), "MintWithKeyPair.java"), withKeyId(key, keyId));
        startsAnAuthenticatedSession(language, token, alg, keyId);
    }

    /** Uploads the JWK a helper printed, after checking it carries nothing private; answers its keyId. */
    @SuppressWarnings("unchecked")
    private static String uploadPublicJwk(String language, String printed) {
        Map<String, Object> jwk = new Json().toType(printed, Map.class);
        // Member names only in the message: a failure must not print key material.
        assertThat(jwk.keySet()).as(language + ": the public JWK to upload").contains("kty", "kid", "alg")
                .doesNotContain("d", "p", "q", "dp", "dq", "qi", "oth", "k");
        Map<String, Object> created = server.call("POST", "/v1/admin/widgets/" + widget.id() + "/keys", widget.apiKey(),
                Map.of("jwk", jwk), 201);
        assertThat(created.get("keyId")).as(language + ": the keyId is the JWK's kid").isEqualTo(jwk.get("kid"));
        return (String) created.get("keyId");
    }

    private static Map<String, String> withKeyId(Map<String, String> env, String keyId) {
        Map<String, String> more = new HashMap<>(env);
        more.put("WIDGET_KEY_ID", keyId);
        return more;
    }

    /**
     * A fresh key pair as the docs make one ({@code openssl genpkey}): the private key as PKCS#8
     * PEM, the public key as SubjectPublicKeyInfo PEM; P-256 for ES256, 2048-bit RSA for RS256.
     */
    private record PemKeyPair(String alg, String privatePem, String publicPem) {
        static PemKeyPair generate(String alg) {
            try {
                KeyPairGenerator generator;
                if (alg.startsWith("ES")) {
                    generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec("secp256r1"));
                } else {
                    generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(2048);
                }
                KeyPair pair = generator.generateKeyPair();
                return new PemKeyPair(alg, pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
                        pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            } catch (GeneralSecurityException e) {
                throw new AssertionError(e);
            }
        }

        private static String pem(String type, byte[] der) {
            return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                    + "\n-----END " + type + "-----\n";
        }

        /** The examples' environment with the keys in files (the kid the JWK will carry included). */
        Map<String, String> fileEnv(String language) {
            try {
                Path dir = Files.createTempDirectory(E2EServer.workDir(), "keys-");
                Path privateFile = Files.writeString(dir.resolve("widget-key.pem"), privatePem);
                Path publicFile = Files.writeString(dir.resolve("widget-key.pub.pem"), publicPem);
                return Map.of("WIDGET_PRIVATE_KEY_FILE", privateFile.toString(), "WIDGET_PUBLIC_KEY_FILE", publicFile.toString(),
                        "WIDGET_KEY_ALG", alg, "WIDGET_KEY_ID", language);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The examples' environment with the private key's PEM text itself. */
        Map<String, String> textEnv(String language) {
            return Map.of("WIDGET_PRIVATE_KEY", privatePem, "WIDGET_KEY_ALG", alg, "WIDGET_KEY_ID", language);
        }
    }

    // ------------------------------------------------------------------

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String jose4jClassPath() {
        return List.of(System.getProperty("java.class.path").split(File.pathSeparator)).stream()
                .filter(e -> e.contains("jose4j") || e.contains("slf4j-api"))
                .reduce((a, b) -> a + File.pathSeparator + b)
                .orElseThrow();
    }

    static void assumeNodePackages(Path dir) {
        require(succeeds(List.of("node", "--version")), "Skipped Node: needs node and npm (apt-get install -y nodejs npm)");
        if (!Files.isDirectory(dir.resolve("node_modules/jsonwebtoken")) || !Files.isDirectory(dir.resolve("node_modules/jose"))) {
            // The packages of the committed package-lock.json, from the npm registry.
            Result ci = exec(dir, List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 300);
            require(ci.exit == 0, "Skipped Node: `npm ci` in examples/encoding/node failed (" + ci.exit + "): " + ci.stderr);
        }
    }

    private static String userId(String language) {
        return "enc-" + language;
    }

    private static String run(Path dir, String language, List<String> command) {
        return run(dir, language, command, Map.of(
                "WIDGET_SECRET", widget.secret(),
                "GOPROXY", "off",
                "GOFLAGS", "-mod=mod",
                "GOCACHE", workPath("go-cache"),
                "GOPATH", workPath("go-path")));
    }

    /** Runs an example with the user's variables and {@code key}'s; answers the last line it printed. */
    private static String run(Path dir, String language, List<String> command, Map<String, String> key) {
        Map<String, String> env = new HashMap<>(key);
        env.put("USER_ID", userId(language));
        env.put("USER_NAME", NAME);
        env.put("USER_EMAIL", EMAIL);
        Result r = exec(dir, command, env, 180);
        assertThat(r.exit).as(language + " example failed: " + r.stderr + r.stdout).isZero();
        List<String> lines = r.stdout.lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as(language + " printed nothing; stderr: " + r.stderr).isNotEmpty();
        return lines.get(lines.size() - 1).trim();
    }

    private static void startsAnAuthenticatedSession(String language, String token) {
        startsAnAuthenticatedSession(language, token, "HS256", null);
    }

    /** The token has {@code alg} (and {@code kid}, unless null) and starts an authenticated session. */
    @SuppressWarnings("unchecked")
    private static void startsAnAuthenticatedSession(String language, String token, String alg, String kid) {
        Json json = new Json();
        String[] parts = token.split("\\.");
        assertThat(parts).as(language + " token").hasSize(3);
        Map<String, Object> header = json.toType(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8), Map.class);
        Map<String, Object> claims = json.toType(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8), Map.class);
        assertThat(header.get("alg")).as(language).isEqualTo(alg);
        if (kid != null) {
            assertThat(header.get("kid")).as(language + ": the header names the uploaded key").isEqualTo(kid);
        }
        assertThat(((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue())
                .as(language + ": a 30-second token").isEqualTo(30L);

        Map<String, Object> session = server.call("POST", "/v1/widgets/" + widget.id() + "/sessions", null,
                Map.of("visitorToken", token), 201);
        assertThat(session.get("status")).as(language).isEqualTo("authenticated");
        Map<String, Object> user = (Map<String, Object>) session.get("user");
        assertThat(user.get("id")).isEqualTo(userId(language));
        assertThat(user.get("name")).isEqualTo(NAME);
        assertThat(user.get("email")).isEqualTo(EMAIL);
    }

    private static String workPath(String name) {
        try {
            Path p = E2EServer.workDir().resolve(name);
            Files.createDirectories(p);
            return p.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean succeeds(List<String> command) {
        try {
            return exec(Path.of("."), command, Map.of(), 60).exit == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    record Result(int exit, String stdout, String stderr) {
    }

    static Result exec(Path dir, List<String> command, Map<String, String> env, int timeoutSeconds) {
        try {
            ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile());
            pb.environment().putAll(env);
            Path out = Files.createTempFile(E2EServer.workDir(), "out-", ".txt");
            Path err = Files.createTempFile(E2EServer.workDir(), "err-", ".txt");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "", "timed out after " + timeoutSeconds + " s: " + command);
            }
            Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return r;
        } catch (IOException e) {
            return new Result(-1, "", "cannot run " + command + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
