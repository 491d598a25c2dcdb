package dev.visitorauth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.visitorauth.e2e.E2EServer.Widget;
import dev.visitorauth.example.demosite.DemoSite;
import dev.visitorauth.example.demosite.VisitorTokens;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * The whole flow in real browsers: the demo site (a company's site) embeds the widget with the
 * documented snippet and signs visitor tokens as the demo site does; the widget talks to the server jar.
 * Each {@link Device} is another browser profile, i.e. another device. The steps build on each other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class WidgetFlowE2ETest {
    private static final String ADA = "1001";
    private static final String GRACE = "1002";

    private E2EServer server;
    private Widget widget;
    private DemoSite demo;
    private HttpServer pages;
    private Path widgetScript;
    private boolean serverServesWidget;

    private Device device1;
    private Device device2;
    private Device device3;
    private String firstVisitorId;
    private String conversationId;
    private String device2VisitorId;

    @BeforeAll
    void start() throws IOException {
        Device.assumeChromium();
        server = E2EServer.get();
        widget = server.createWidget("Acme Rockets support");
        widgetScript = Path.of(System.getProperty("visitorauth.widget.js", "../widget/src/widget.js")).toAbsolutePath().normalize();
        // The server's own /widget.js when it serves one; until then the demo site serves the repository's.
        serverServesWidget = server.servesWidget() && !"local".equals(System.getProperty("visitorauth.e2e.widget"));
        demo = DemoSite.start(new DemoSite.Config(server.url(), widget.id(), widget.secret(), 0,
                serverServesWidget ? null : widgetScript));
        pages = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        pages.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                byte[] body;
                String type;
                if (path.equals("/widget.js")) {
                    body = Files.readAllBytes(widgetScript);
                    type = "text/javascript";
                } else if (path.equals("/token-function")) {
                    body = tokenFunctionPage().getBytes(StandardCharsets.UTF_8);
                    type = "text/html; charset=utf-8";
                } else if (path.startsWith("/tokens/")) {
                    // The site's token route: the first token it hands out has expired, later ones are fresh.
                    body = (path.equals("/tokens/1") ? expiredToken() : VisitorTokens.mint(widget.secret(), DemoSite.USERS.get("alan")))
                            .getBytes(StandardCharsets.UTF_8);
                    type = "text/plain";
                } else if (path.equals("/tampered")) {
                    body = tamperedPage().getBytes(StandardCharsets.UTF_8);
                    type = "text/html; charset=utf-8";
                } else {
                    body = "<!doctype html><title>blank</title><p>blank</p>".getBytes(StandardCharsets.UTF_8);
                    type = "text/html; charset=utf-8";
                }
                exchange.getResponseHeaders().set("Content-Type", type);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        pages.start();
        System.out.println("e2e: server " + server.url() + ", demo " + demo.url() + ", widget.js from "
                + (serverServesWidget ? "the server" : widgetScript));
    }

    /** A page whose server signed the token, and then something altered its signature on the way. */
    private String tamperedPage() {
        String token = VisitorTokens.mint(widget.secret(), DemoSite.USERS.get("ada"));
        int sig = token.lastIndexOf('.') + 1;
        char first = token.charAt(sig);
        String tampered = token.substring(0, sig) + (first == 'A' ? 'B' : 'A') + token.substring(sig + 1);
        String src = serverServesWidget ? server.url() + "/widget.js" : "/widget.js";
        String apiBase = serverServesWidget ? "" : ", apiBase: \"" + server.url() + "\"";
        return """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>tampered</title></head><body>
                <p>A page whose visitor token was altered.</p>
                <script>
                  window.__errors = [];
                  window.__authErrors = [];
                  var originalError = console.error;
                  console.error = function () {
                    window.__errors.push(Array.prototype.map.call(arguments, String).join(' '));
                    return originalError.apply(console, arguments);
                  };
                  window.algomoSettings = { widgetId: "%s", visitorToken: "%s"%s,
                    onAuthError: function (code, detail, e) { window.__authErrors.push({code: code, detail: detail, error: e}); } };
                </script>
                <script async src="%s"></script>
                </body></html>
                """.formatted(widget.id(), tampered, apiBase, src);
    }

    /** Signed with the right secret, but expired two minutes ago. */
    private String expiredToken() {
        return dev.visitorauth.testing.VisitorTokens.sign(widget.secret(),
                dev.visitorauth.testing.VisitorTokens.claims("1003").times(-200, -120));
    }

    /** A single-page app: a token function, and a command queued before the widget loads. */
    private String tokenFunctionPage() {
        String src = serverServesWidget ? server.url() + "/widget.js" : "/widget.js";
        String apiBase = serverServesWidget ? "" : ", apiBase: \"" + server.url() + "\"";
        return """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>token function</title></head><body>
                <p>A single-page app.</p>
                <script>
                  window.__errors = [];
                  var originalError = console.error;
                  console.error = function () {
                    window.__errors.push(Array.prototype.map.call(arguments, String).join(' '));
                    return originalError.apply(console, arguments);
                  };
                  window.__tokenCalls = 0;
                  window.Algomo = window.Algomo || function () { (window.Algomo.q = window.Algomo.q || []).push(arguments); };
                  window.Algomo('open');
                  window.algomoSettings = { widgetId: "%s"%s, visitorToken: function () {
                    window.__tokenCalls++;
                    return fetch('/tokens/' + window.__tokenCalls).then(function (r) { return r.text(); });
                  } };
                </script>
                <script async src="%s"></script>
                </body></html>
                """.formatted(widget.id(), apiBase, src);
    }

    @AfterAll
    void stop() {
        for (Device d : new Device[] {device1, device2, device3}) {
            if (d != null) {
                d.close();
            }
        }
        if (demo != null) {
            demo.close();
        }
        if (pages != null) {
            pages.stop(0);
        }
    }

    private Map<String, Object> adminUser(String externalId) {
        return server.call("GET", "/v1/admin/users/" + externalId, widget.apiKey(), null, 200);
    }

    @Test
    @Order(1)
    void anAnonymousVisitorStartsAConversation() {
        device1 = new Device("device-1");
        device1.go(demo.url());
        device1.openPanel();
        assertThat(device1.status()).isEqualTo("anonymous");
        assertThat(device1.text("#va-who")).isEqualTo("Chatting as a guest");
        // A new visitor lands in the composer, focused.
        assertThat(device1.focusedInWidget()).isEqualTo("va-input");

        device1.send("Hello, is anyone there?");
        assertThat(device1.messages()).containsExactly("visitor: Hello, is anyone there?");
        firstVisitorId = device1.visitorId(widget.id());
        assertThat(firstVisitorId).isNotBlank();
        device1.screenshot("01-anonymous-visitor.png");

        // Escape closes the panel and gives the focus back to the launcher.
        device1.in("#va-input").sendKeys(Keys.ESCAPE);
        device1.await("the panel is closed", () -> !device1.panelOpen());
        assertThat(device1.focusedInWidget()).contains("va-launcher");
    }

    @Test
    @Order(2)
    void loggingInKeepsTheConversationAndAuthenticatesIt() {
        device1.driver.findElement(By.id("login-ada")).click();
        device1.await("the site shows Ada signed in", () -> !device1.driver.findElements(By.id("signed-in")).isEmpty());
        device1.await("the widget is authenticated", () -> "authenticated".equals(device1.status()));
        assertThat(device1.text("#va-who")).isEqualTo("Signed in as Ada Lovelace");
        // The anonymous visitor was upgraded: same visitor id, its conversation now Ada's.
        assertThat(device1.visitorId(widget.id())).isEqualTo(firstVisitorId);
        List<Map<String, Object>> conversations = E2EServer.list(adminUser(ADA).get("conversations"));
        assertThat(conversations).hasSize(1);
        conversationId = (String) conversations.get(0).get("id");

        device1.openPanel();
        device1.openConversation(conversationId);
        device1.await("the first message is shown", () -> device1.messages().contains("visitor: Hello, is anyone there?"));
        device1.send("I just signed in.");
        assertThat(device1.messages()).containsExactly(
                "visitor: Hello, is anyone there?", "visitor(verified): I just signed in.");

        Map<String, Object> admin = server.call("GET", "/v1/admin/conversations/" + conversationId, widget.apiKey(), null, 200);
        assertThat(admin.get("owner").toString()).contains("user").contains(ADA);
        assertThat(E2EServer.list(admin.get("messages"))).extracting(m -> m.get("authenticated")).containsExactly(false, true);
        device1.screenshot("02-signed-in-same-conversation.png");
    }

    @Test
    @Order(3)
    void anotherDeviceOfTheSameUserSeesTheConversation() {
        device2 = new Device("device-2");
        device2.go(demo.url());
        device2.driver.findElement(By.id("login-ada")).click();
        device2.await("the widget is authenticated", () -> "authenticated".equals(device2.status()));
        device2VisitorId = device2.visitorId(widget.id());
        assertThat(device2VisitorId).isNotEqualTo(firstVisitorId);

        device2.openPanel();
        assertThat(device2.listedConversations()).containsExactly(conversationId);
        device2.openConversation(conversationId);
        device2.await("both messages are shown", () -> device2.messages().size() == 2);
        assertThat(device2.messages()).containsExactly(
                "visitor: Hello, is anyone there?", "visitor(verified): I just signed in.");
        device2.screenshot("03-second-device.png");
    }

    @Test
    @Order(4)
    void anAgentReplyAppearsOnBothDevices() {
        String reply = "Hi Ada, Grace from support here. Your rockets ship today!";
        server.call("POST", "/v1/admin/conversations/" + conversationId + "/messages", widget.apiKey(), Map.of("text", reply), 201);
        for (Device d : List.of(device1, device2)) {
            d.await("the agent's reply is shown", () -> d.messages().contains("agent: " + reply));
        }
        device1.screenshot("04-agent-reply-device-1.png");
        device2.screenshot("04-agent-reply-device-2.png");

        // Text from agents (and visitors) is shown as text: nothing in it becomes markup.
        String markup = "<img src=x onerror=\"window.__pwned=1\"><b>not bold</b>";
        server.call("POST", "/v1/admin/conversations/" + conversationId + "/messages", widget.apiKey(), Map.of("text", markup), 201);
        for (Device d : List.of(device1, device2)) {
            d.await("the reply with markup is shown as text", () -> d.messages().contains("agent: " + markup));
            assertThat(d.js("return document.getElementById('visitorauth-widget').shadowRoot.querySelectorAll('.va-log img, .va-log b').length;"))
                    .isEqualTo(0L);
            assertThat(d.js("return window.__pwned === undefined;")).isEqualTo(true);
        }
    }

    @Test
    @Order(5)
    void loggingOutGivesAFreshAnonymousVisitorWithNoHistory() {
        device1.driver.findElement(By.id("logout")).click();
        device1.await("the site shows the login form", () -> !device1.driver.findElements(By.id("login-ada")).isEmpty());
        device1.await("the widget is anonymous", () -> "anonymous".equals(device1.status()));
        device1.await("a new visitor id is stored", () -> {
            String id = device1.visitorId(widget.id());
            return id != null && !id.equals(firstVisitorId);
        });
        device1.openPanel();
        device1.await("the composer is shown", () -> device1.visible("#va-input"));
        assertThat(device1.listedConversations()).isEmpty();
        assertThat(device1.messages()).isEmpty();
        device1.screenshot("05-logged-out.png");
    }

    @Test
    @Order(6)
    void aCopiedLinkedVisitorIdOpensNothing() {
        device3 = new Device("device-3");
        device3.go(demo.url());
        device3.await("the widget has started", () -> "anonymous".equals(device3.status()));
        device3.setVisitorId(widget.id(), firstVisitorId); // Ada's first device's visitor, linked to Ada
        device3.go(demo.url());
        device3.await("the widget is anonymous", () -> "anonymous".equals(device3.status()));
        device3.await("a fresh visitor id replaced the copied one", () -> {
            String id = device3.visitorId(widget.id());
            return id != null && !id.equals(firstVisitorId);
        });
        device3.openPanel();
        device3.await("the composer is shown", () -> device3.visible("#va-input"));
        assertThat(device3.listedConversations()).isEmpty();
        assertThat(device3.messages()).isEmpty();
        // Ada's conversation is untouched.
        assertThat(E2EServer.list(adminUser(ADA).get("conversations"))).extracting(c -> c.get("id")).containsExactly(conversationId);
    }

    @Test
    @Order(7)
    void aTamperedTokenShowsTheConsoleErrorWithItsCodeAndCarriesOnAnonymous() {
        String pagesUrl = "http://localhost:" + pages.getAddress().getPort();
        device3.go(pagesUrl + "/blank");
        device3.setVisitorId(widget.id(), device2VisitorId); // a visitor linked to Ada, stored on this origin
        device3.browserErrors(); // drain
        device3.go(pagesUrl + "/tampered");
        device3.await("the widget carries on as an anonymous visitor", () -> "anonymous".equals(device3.status()));

        @SuppressWarnings("unchecked")
        List<String> errors = (List<String>) device3.js("return window.__errors;");
        System.out.println("e2e: the widget's console error: " + errors);
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).contains("invalid_signature").contains("What to fix").contains("integrating.md#error-codes");
        assertThat(device3.js("return window.__authErrors.length;")).isEqualTo(1L);
        assertThat(device3.js("return window.__authErrors[0].code;")).isEqualTo("invalid_signature");
        assertThat(device3.js("return window.__authErrors[0].error.code;")).as("onAuthError(code, detail, error)")
                .isEqualTo("invalid_signature");
        // The browser's own console shows it too.
        assertThat(device3.browserErrors()).anySatisfy(e -> assertThat(e).contains("invalid_signature"));

        // Never with the stored (linked) visitor's history: the visitor id was dropped.
        String now = device3.visitorId(widget.id());
        assertThat(now).isNotNull().isNotEqualTo(device2VisitorId);
        device3.openPanel();
        device3.await("the composer is shown", () -> device3.visible("#va-input"));
        assertThat(device3.listedConversations()).isEmpty();
        assertThat(device3.messages()).isEmpty();
        device3.screenshot("07-tampered-token.png");

        // Ada's other device was not disturbed by the refused token.
        device2.await("device 2 is still Ada's", () -> "authenticated".equals(device2.status()));
    }

    @Test
    @Order(8)
    void aSecondUserOnTheFirstDeviceSeesNoneOfTheFirstUsersConversations() {
        device1.driver.findElement(By.id("login-grace")).click();
        device1.await("the widget is authenticated", () -> "authenticated".equals(device1.status()));
        device1.await("the widget names Grace", () -> device1.text("#va-who").equals("Signed in as Grace Hopper"));
        device1.openPanel();
        device1.await("the composer is shown", () -> device1.visible("#va-input"));
        assertThat(device1.listedConversations()).isEmpty();
        assertThat(device1.messages()).isEmpty();
        device1.send("Grace here, a different customer.");

        assertThat(E2EServer.list(adminUser(GRACE).get("conversations"))).hasSize(1);
        assertThat(E2EServer.list(adminUser(ADA).get("conversations"))).extracting(c -> c.get("id")).containsExactly(conversationId);
        device1.screenshot("08-second-user-first-device.png");
    }

    @Test
    @Order(9)
    void thePanelFillsAPhoneScreen() {
        device2.resize(390, 844);
        device2.go(demo.url() + "/pricing");
        device2.await("the widget is authenticated", () -> "authenticated".equals(device2.status()));
        device2.openPanel();
        Object width = device2.js("return Math.round(document.getElementById('visitorauth-widget').shadowRoot"
                + ".querySelector('.va-panel').getBoundingClientRect().width);");
        Object viewport = device2.js("return window.innerWidth;");
        assertThat(width).isEqualTo(viewport);
        device2.openConversation(conversationId);
        device2.await("the agent's reply is shown", () -> device2.messages().stream().anyMatch(m -> m.startsWith("agent: ")));
        device2.screenshot("09-phone-width.png");
    }

    @Test
    @Order(10)
    void aSinglePageAppLogsInAndOutWithTheCommandApi() {
        device3.go(demo.url() + "/app");
        device3.await("the widget is anonymous", () -> "anonymous".equals(device3.status()));
        device3.js("window.__noReload = true;");
        String anonymous = device3.visitorId(widget.id());

        device3.driver.findElement(By.cssSelector(".spa-login[data-user='alan']")).click();
        device3.await("Algomo('login', fn) authenticated Alan", () -> "authenticated".equals(device3.status())
                && device3.text("#va-who").equals("Signed in as Alan Turing"));
        assertThat(device3.visitorId(widget.id())).isEqualTo(anonymous); // upgraded in place

        device3.driver.findElement(By.id("spa-logout")).click();
        device3.await("Algomo('logout') gave a new anonymous visitor", () -> "anonymous".equals(device3.status())
                && device3.visitorId(widget.id()) != null && !device3.visitorId(widget.id()).equals(anonymous));
        assertThat(device3.js("return window.__noReload === true;")).isEqualTo(true);
    }

    @Test
    @Order(11)
    void aTokenFunctionIsAskedAgainAfterTokenExpiredAndQueuedCommandsRun() {
        device3.go("http://localhost:" + pages.getAddress().getPort() + "/token-function");
        device3.await("the widget is authenticated with the second token", () -> "authenticated".equals(device3.status()));
        assertThat(device3.text("#va-who")).isEqualTo("Signed in as Alan Turing");
        assertThat(device3.js("return window.__tokenCalls;")).isEqualTo(2L);
        assertThat(device3.js("return window.__errors;")).asList().isEmpty(); // retried, so not an error
        // Algomo('open') was queued before the script loaded.
        assertThat(device3.panelOpen()).isTrue();
        device3.js("window.Algomo('close');");
        device3.await("Algomo('close') closed the panel", () -> !device3.panelOpen());
        device3.js("window.Algomo('open');");
        device3.await("Algomo('open') opened the panel", device3::panelOpen);
    }

    @Test
    @Order(12)
    void aReplyWhileThePanelIsClosedShowsABadgeOnTheLauncher() {
        device2.openPanel();
        device2.click(".va-close");
        device2.await("the panel is closed", () -> !device2.panelOpen());
        server.call("POST", "/v1/admin/conversations/" + conversationId + "/messages", widget.apiKey(),
                Map.of("text", "One more thing: the tracking number is in your email."), 201);
        device2.await("the launcher shows one new reply", () -> device2.visible(".va-badge") && device2.text(".va-badge").equals("1"));
        assertThat(device2.in(".va-launcher").getAttribute("aria-label")).isEqualTo("Open support chat, 1 new reply");
        device2.click(".va-launcher");
        device2.await("the badge is gone once the panel is open", () -> device2.panelOpen() && !device2.visible(".va-badge"));
    }

    @Test
    @Order(13)
    void aLongThreadOpensWithItsNewestFiftyAndLoadsEarlierOnRequest() {
        for (int i = 0; i < 50; i++) {
            server.call("POST", "/v1/admin/conversations/" + conversationId + "/messages", widget.apiKey(),
                    Map.of("text", "Status update " + i), 201);
        }
        Number total = (Number) server.call("GET", "/v1/admin/conversations/" + conversationId + "?limit=1", widget.apiKey(),
                null, 200).get("messageCount");
        assertThat(total.intValue()).isGreaterThan(50);

        device2.openPanel();
        if (device2.visible(".va-back")) {
            device2.click(".va-back");
        }
        device2.openConversation(conversationId);
        device2.await("the newest fifty messages are shown", () -> device2.messages().size() == 50);
        assertThat(device2.messages().get(49)).isEqualTo("agent: Status update 49");
        device2.await("older messages can be loaded", () -> device2.visible(".va-earlier"));

        device2.click(".va-earlier");

        device2.await("every message is shown", () -> device2.messages().size() == total.intValue());
        assertThat(device2.messages().get(0)).isEqualTo("visitor: Hello, is anyone there?");
        device2.await("nothing older is left to load", () -> !device2.visible(".va-earlier"));
    }
}
