package dev.visitorauth.e2e;

import static dev.visitorauth.testing.RequiredTools.require;
import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.e2e.E2EServer.Widget;
import dev.visitorauth.e2e.EncodingExamplesE2ETest.Result;
import dev.visitorauth.testing.VisitorTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.json.Json;

/**
 * The migration of docs/public-keys.md ("Moving a live widget from its secret to a key pair"), run
 * as it is written: each step's shell lines, in order, in bash against the real server, with the
 * variables the earlier steps exported. Between the steps the test starts sessions as live pages do,
 * with HS256 tokens (the widget secret) and ES256 tokens (the new key); not one may fail.
 */
class KeyPairMigrationE2ETest {
    private static final String SECTION = "## Moving a live widget from its secret to a key pair";
    private static final Json JSON = new Json();

    private final E2EServer server = E2EServer.get();

    @Test
    void movesALiveWidgetFromItsSecretToAKeyPairWithNoFailedStartUp() throws Exception {
        Path node = Path.of(System.getProperty("visitorauth.examples.dir", "../examples/encoding"), "node").toAbsolutePath().normalize();
        for (String tool : List.of("bash", "curl", "jq", "openssl")) {
            require(EncodingExamplesE2ETest.succeeds(List.of("sh", "-c", "command -v " + tool)),
                    "Skipped the key-pair migration guide: needs " + tool + " (apt-get install -y bash curl jq openssl)");
        }
        EncodingExamplesE2ETest.assumeNodePackages(node);
        Map<Integer, String> steps = guideSteps();
        assertThat(steps).as("the guide's steps with shell lines (step 4 is a deployment)").containsOnlyKeys(1, 2, 3, 5, 6);

        Widget widget = server.createWidget("Key-pair migration");
        String oldSecret = widget.secret();
        String secretKeyId = (String) server.call("GET", "/v1/admin/widgets/" + widget.id() + "/secret", widget.apiKey(), null, 200)
                .get("keyId");
        Shell shell = new Shell(node, Map.of("B", server.url(), "KEY", widget.apiKey(), "WID", widget.id()));
        startsAnAuthenticatedSession(widget, hs256(oldSecret), "an HS256 page before the migration");

        // 1. The key pair.
        shell.run(1, steps.get(1));
        Path privateKey = Path.of(shell.exported("WIDGET_PRIVATE_KEY_FILE"));
        String kid = shell.exported("WIDGET_KEY_ID");
        assertThat(privateKey).exists();

        // 2. The public key uploaded while the secret still verifies.
        assertThat(json(shell.run(2, steps.get(2)))).containsEntry("keyId", kid);
        startsAnAuthenticatedSession(widget, hs256(oldSecret), "an HS256 page once the key is uploaded");

        // 3. The inspector: the key verifies a token signed with it.
        Map<String, Object> inspected = json(shell.run(3, steps.get(3)));
        assertThat(inspected).containsEntry("valid", true).containsEntry("keyId", kid);
        assertThat((String) inspected.get("signature")).contains("ES256", "public key " + kid);

        // 4. The roll-out: some servers sign with the key (the example itself), some still with the secret.
        String signedWithTheKey = shell.run(4, "USER_ID=" + userId() + " node mint-jose-key-pair.mjs").strip();
        startsAnAuthenticatedSession(widget, signedWithTheKey, "an ES256 page during the roll-out");
        startsAnAuthenticatedSession(widget, hs256(oldSecret), "an HS256 page during the roll-out");

        // 5. Watching: no failure at all so far; and an expired token still names its key in the inspector.
        Map<String, Object> watched = json(shell.run(5, steps.get(5)));
        assertThat((Map<?, ?>) watched.get("countsByCode")).as("failures during the migration").isEmpty();
        assertThat((List<?>) watched.get("recent")).isEmpty();
        Map<String, Object> expired = server.call("POST", "/v1/admin/widgets/" + widget.id() + "/token-inspections",
                widget.apiKey(), Map.of("token", es256(privateKey, kid, -300)), 200);
        assertThat(expired).containsEntry("valid", false).containsEntry("code", "token_expired").containsEntry("keyId", kid);

        // 6. The secret retired with a grace: a token minted just before still starts; the key goes on.
        shell.run(6, steps.get(6));
        String newKeyId = (String) server.call("GET", "/v1/admin/widgets/" + widget.id() + "/secret", widget.apiKey(), null, 200)
                .get("keyId");
        assertThat(newKeyId).as("the secret was rotated").isNotEqualTo(secretKeyId);
        startsAnAuthenticatedSession(widget, hs256(oldSecret), "an HS256 token minted just before the secret was retired");
        startsAnAuthenticatedSession(widget, es256(privateKey, kid, 30), "an ES256 page after the migration");
        Map<String, Object> failures = server.call("GET", "/v1/admin/widgets/" + widget.id() + "/auth-failures",
                widget.apiKey(), null, 200);
        assertThat(E2EServer.list(failures.get("failures"))).as("no failed start-up").isEmpty();
    }

    /** The shell lines of each numbered step of the guide, by step number. */
    private static Map<Integer, String> guideSteps() throws IOException {
        Path doc = Path.of(System.getProperty("visitorauth.docs.dir", "../docs"), "public-keys.md");
        String text = Files.readString(doc);
        int start = text.indexOf(SECTION);
        assertThat(start).as(doc + " has the section " + SECTION).isNotNegative();
        int end = text.indexOf("\n## ", start + SECTION.length());
        String section = text.substring(start, end < 0 ? text.length() : end);
        Map<Integer, String> steps = new LinkedHashMap<>();
        Matcher step = Pattern.compile("(?m)^\\*\\*(\\d+)\\. ").matcher(section);
        List<int[]> starts = new ArrayList<>();
        while (step.find()) {
            starts.add(new int[] {Integer.parseInt(step.group(1)), step.start()});
        }
        for (int i = 0; i < starts.size(); i++) {
            String body = section.substring(starts.get(i)[1], i + 1 < starts.size() ? starts.get(i + 1)[1] : section.length());
            Matcher block = Pattern.compile("(?ms)^```\\n(.*?)^```").matcher(body);
            StringBuilder lines = new StringBuilder();
            while (block.find()) {
                lines.append(block.group(1));
            }
            if (!lines.isEmpty()) {
                steps.put(starts.get(i)[0], lines.toString());
            }
        }
        return steps;
    }

    private void startsAnAuthenticatedSession(Widget widget, String token, String what) {
        Map<String, Object> session = server.call("POST", "/v1/widgets/" + widget.id() + "/sessions", null,
                Map.of("visitorToken", token), 201);
        assertThat(session.get("status")).as(what).isEqualTo("authenticated");
    }

    private static String userId() {
        return "migrating-user";
    }

    /** A token as the live pages make it before the migration: HS256 with the secret, no kid. */
    private static String hs256(String secret) {
        return VisitorTokens.sign(secret, VisitorTokens.claims(userId()));
    }

    /** A token signed with the guide's private key (PKCS#8 PEM from step 1), expiring in {@code expiresIn} s. */
    private static String es256(Path privateKeyPem, String kid, int expiresIn) throws Exception {
        String pem = Files.readString(privateKeyPem);
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(
                new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""))));
        // a 30-second token, as the examples mint
        return VisitorTokens.es256(key, kid, VisitorTokens.claims(userId()).times(expiresIn - 30, expiresIn));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) {
        return JSON.toType(text, Map.class);
    }

    /**
     * Runs steps as a user's terminal would: in bash, from {@code dir}, each step seeing the
     * variables earlier steps exported and the directory they left; {@code HOME} is a fresh
     * directory, so {@code ~/widget-keys} is the test's own.
     */
    private static final class Shell {
        private final Path state;
        private final Map<String, String> environment;

        Shell(Path dir, Map<String, String> variables) throws IOException {
            Path home = Files.createTempDirectory(E2EServer.workDir(), "migration-home-");
            this.state = home.resolve(".state.sh");
            this.environment = Map.of("HOME", home.toString());
            StringBuilder initial = new StringBuilder("export HOME=" + quote(home.toString()) + "\n");
            variables.forEach((name, value) -> initial.append("export ").append(name).append('=').append(quote(value)).append('\n'));
            initial.append("cd ").append(quote(dir.toString())).append('\n');
            Files.writeString(state, initial);
        }

        /** Runs {@code lines} after the state so far; answers what they printed; fails the test if they fail. */
        String run(int step, String lines) throws IOException {
            Path script = state.resolveSibling("step-" + step + ".sh");
            Files.writeString(script, "set -euo pipefail\nsource " + quote(state.toString()) + "\n" + lines
                    + "\n{ export -p; printf 'cd %q\\n' \"$PWD\"; } > " + quote(state + ".next")
                    + " && mv " + quote(state + ".next") + " " + quote(state.toString()) + "\n");
            Result r = EncodingExamplesE2ETest.exec(state.getParent(), List.of("bash", script.toString()), environment, 120);
            assertThat(r.exit()).as("step " + step + " of the guide failed:\n" + lines + "\nstderr: " + r.stderr() + "\nstdout: " + r.stdout())
                    .isZero();
            return r.stdout();
        }

        /** A variable the steps so far exported, as bash sees it. */
        String exported(String name) throws IOException {
            Result r = EncodingExamplesE2ETest.exec(state.getParent(),
                    List.of("bash", "-c", "source " + quote(state.toString()) + " && printf %s \"${" + name + ":?}\""), environment, 30);
            assertThat(r.exit()).as(name + " exported: " + r.stderr()).isZero();
            return r.stdout();
        }

        private static String quote(String s) {
            return "'" + s.replace("'", "'\"'\"'") + "'";
        }
    }
}
