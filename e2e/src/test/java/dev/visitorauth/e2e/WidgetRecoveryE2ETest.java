package dev.visitorauth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.e2e.E2EServer.Widget;
import dev.visitorauth.example.demosite.DemoSite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The widget's live behaviour in Chromium when things go away (issue 10), each on its own server
 * process (the shared one must not restart, and needs the default session lifetime): the server is
 * killed and restarted under an open widget, which reconnects and misses no reply; and a single-page
 * app's session expires, and the widget asks the page's token function again and carries on as the
 * same user with the same history.
 */
class WidgetRecoveryE2ETest {
    /** Long enough for a server start on a busy machine plus the stream's backoff (capped at 60 s). */
    private static final Duration ACROSS_RESTART = Duration.ofSeconds(150);

    private final Path dataDir = ServerProcess.freshDataDirectory();
    private ServerProcess process;
    private DemoSite demo;
    private Device device;

    @BeforeAll
    static void chromium() {
        Device.assumeChromium();
    }

    @AfterEach
    void cleanUp() {
        if (device != null) {
            device.close();
        }
        if (demo != null) {
            demo.close();
        }
        if (process != null) {
            process.stop();
        }
        ServerProcess.deleteRecursively(dataDir);
    }

    @Test
    void theWidgetReconnectsAfterTheServerRestartsAndMissesNoReply() {
        process = ServerProcess.start(dataDir, Map.of());
        E2EServer server = new E2EServer(process);
        Widget widget = server.createWidget("Acme Rockets restart");
        demo = demoSite(server, widget);
        device = new Device("live-restart");
        device.go(demo.url() + "/");
        device.openPanel();
        device.send("Will you still be there after a restart?");
        String conversationId = onlyConversation(server, widget, device);
        device.await("the widget reads the stream", () -> "live".equals(state(device)));
        String before = "Yes: this reply came before the restart.";
        server.call("POST", "/v1/admin/conversations/" + conversationId + "/messages", widget.apiKey(), Map.of("text", before), 201);
        device.await("the reply before the restart is shown", () -> device.messages().contains("agent: " + before));
        List<String> shownBefore = device.messages();
        device.js("window.__sameDocument = true;");

        int port = process.port();
        process.kill9();
        device.await("the widget noticed the stream is gone", () -> !"live".equals(state(device)));

        process = ServerProcess.start(dataDir, Map.of(), port);
        server = new E2EServer(process);
        String first = "Back up: the first reply after the restart.";
        server.call("POST", "/v1/admin/conversations/" + conversationId + "/messages", widget.apiKey(), Map.of("text", first), 201);
        device.await("the widget is back on the stream", ACROSS_RESTART, () -> "live".equals(state(device)));
        device.await("the first reply after the restart is shown", () -> device.messages().contains("agent: " + first));
        String second = "And a second reply, once the widget is back.";
        server.call("POST", "/v1/admin/conversations/" + conversationId + "/messages", widget.apiKey(), Map.of("text", second), 201);
        device.await("the second reply is shown", () -> device.messages().contains("agent: " + second));

        List<String> expected = new ArrayList<>(shownBefore);
        expected.addAll(List.of("agent: " + first, "agent: " + second));
        assertThat(device.messages()).as("every message once, in order").containsExactlyElementsOf(expected);
        assertThat(device.js("return window.__sameDocument === true;")).as("without a reload").isEqualTo(true);
        assertThat(state(device)).as("pushed on the stream, not polled").isEqualTo("live");
        device.screenshot("live-04-reconnect-after-restart.png");
    }

    @Test
    void anExpiredSessionInASinglePageAppIsRenewedThroughTheTokenFunction() {
        // No movable clock in the jar: a short session lifetime makes the server end the session itself.
        process = ServerProcess.start(dataDir, Map.of("VISITORAUTH_SESSION_LIFETIME", "15s"));
        E2EServer server = new E2EServer(process);
        Widget widget = server.createWidget("Acme Rockets expiry");
        demo = demoSite(server, widget);
        device = new Device("live-expiry");
        device.go(demo.url() + "/app");
        device.await("the widget is anonymous", () -> "anonymous".equals(device.status()));
        // The single-page app signs Alan in and hands the widget a function that mints a fresh token
        // (the demo site's /token) on every call, counting the calls.
        device.js("""
                window.__tokenCalls = 0;
                fetch('/api/login', { method: 'POST', body: 'user=alan',
                    headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })
                  .then(function () {
                    window.Algomo('login', function () { window.__tokenCalls++; return fetchVisitorToken(); });
                  });
                """);
        device.await("Alan is signed in", () -> "authenticated".equals(device.status()) && tokenCalls(device) == 1);
        device.openPanel();
        String question = "Alan's question, asked before the session expires";
        device.send(question);
        device.await("the widget reads the stream", () -> "live".equals(state(device)));
        List<String> history = device.messages();
        assertThat(history).containsExactly("visitor(verified): " + question);
        String visitor = device.visitorId(widget.id());
        device.js("window.__sameDocument = true;");

        device.await("the session expired and the widget asked the function for a second token",
                Duration.ofSeconds(60), () -> tokenCalls(device) >= 2);
        device.await("the widget carries on as Alan", () -> "authenticated".equals(device.status())
                && "live".equals(state(device)));
        assertThat(tokenCalls(device)).as("the function was called once per session").isEqualTo(2);
        assertThat(device.text("#va-who")).isEqualTo("Signed in as Alan Turing");
        assertThat(device.messages()).as("Alan's conversation is still shown").isEqualTo(history);
        assertThat(device.visitorId(widget.id())).as("the same visitor").isEqualTo(visitor);
        assertThat(device.js("return window.__sameDocument === true;")).as("without a reload").isEqualTo(true);

        String after = "Alan again, on the renewed session";
        device.send(after);
        Map<String, Object> alan = server.call("GET", "/v1/admin/users/" + DemoSite.USERS.get("alan").id(), widget.apiKey(), null, 200);
        List<Map<String, Object>> conversations = E2EServer.list(alan.get("conversations"));
        assertThat(conversations).as("one conversation, Alan's").hasSize(1);
        Map<String, Object> thread = server.call("GET", "/v1/admin/conversations/" + conversations.get(0).get("id"),
                widget.apiKey(), null, 200);
        assertThat(E2EServer.list(thread.get("messages"))).extracting(m -> m.get("text")).containsExactly(question, after);
        device.screenshot("live-05-expired-session-renewed.png");
    }

    private static DemoSite demoSite(E2EServer server, Widget widget) {
        Path widgetScript = Path.of(System.getProperty("visitorauth.widget.js", "../widget/src/widget.js")).toAbsolutePath().normalize();
        boolean serverServesWidget = server.servesWidget() && !"local".equals(System.getProperty("visitorauth.e2e.widget"));
        try {
            return DemoSite.start(new DemoSite.Config(server.url(), widget.id(), widget.secret(), 0,
                    serverServesWidget ? null : widgetScript));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long tokenCalls(Device d) {
        Object n = d.js("return window.__tokenCalls || 0;");
        return ((Number) n).longValue();
    }

    private static String state(Device d) {
        Object s = d.js("var h = document.getElementById('visitorauth-widget'); return h ? h.getAttribute('data-state') : null;");
        return s == null ? null : s.toString();
    }

    private static String onlyConversation(E2EServer server, Widget widget, Device d) {
        String visitor = d.visitorId(widget.id());
        assertThat(visitor).isNotNull();
        Map<String, Object> session = server.call("POST", "/v1/widgets/" + widget.id() + "/sessions", null,
                Map.of("visitorId", visitor), 201);
        Map<String, Object> list = server.call("GET", "/v1/conversations", (String) session.get("sessionToken"), null, 200);
        return (String) E2EServer.list(list.get("conversations")).get(0).get("id");
    }
}
