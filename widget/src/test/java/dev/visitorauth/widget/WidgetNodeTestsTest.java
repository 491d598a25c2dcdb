package dev.visitorauth.widget;

import static dev.visitorauth.testing.RequiredTools.require;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The widget's JavaScript unit tests ({@code widget/test/*.test.js}: node's built-in test runner with
 * jsdom), run as part of {@code mvn verify}. Skipped, with what to install, when Node.js 20.19 or newer
 * or {@code widget/node_modules} (from {@code npm ci --prefix widget}) is missing.
 */
class WidgetNodeTestsTest {

    private static final Path WIDGET = Path.of(System.getProperty("visitorauth.widget.dir", ".")).toAbsolutePath();

    @Test
    void theWidgetsNodeTestsPass() throws IOException, InterruptedException {
        String version = nodeVersion();
        require(version != null, "Skipped the widget's unit tests: node is not on the PATH (install Node.js 20.19+, "
                + "then npm ci --prefix widget)");
        require(atLeast(version, 20, 19), "Skipped the widget's unit tests: node " + version
                + " is older than the 20.19 jsdom needs");
        require(Files.isRegularFile(WIDGET.resolve("node_modules/jsdom/package.json")),
                "Skipped the widget's unit tests: no widget/node_modules; run npm ci --prefix widget");

        Path log = Files.createTempFile("widget-node-tests-", ".log");
        Process node = new ProcessBuilder(List.of("node", "--test", "test/"))
                .directory(WIDGET.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean finished = node.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            node.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        System.out.println("widget unit tests (node --test test/), " + summary(output));
        assertThat(finished).as("node --test finished within 5 minutes").isTrue();
        assertThat(node.exitValue()).as("node --test test/ in widget/:%n%s", output).isZero();
        assertThat(output).as("some tests ran").containsPattern("(?m)^# pass [1-9]");
    }

    private static String summary(String tap) {
        StringBuilder s = new StringBuilder();
        Matcher m = Pattern.compile("(?m)^# (tests|pass|fail|skipped) (\\d+)$").matcher(tap);
        while (m.find()) {
            s.append(s.isEmpty() ? "" : ", ").append(m.group(1)).append(' ').append(m.group(2));
        }
        return s.toString();
    }

    private static String nodeVersion() throws InterruptedException {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean atLeast(String version, int major, int minor) {
        Matcher m = Pattern.compile("v?(\\d+)\\.(\\d+)").matcher(version);
        if (!m.find()) {
            return false;
        }
        int maj = Integer.parseInt(m.group(1));
        return maj > major || (maj == major && Integer.parseInt(m.group(2)) >= minor);
    }
}
