package dev.visitorauth.example.demosite;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.visitorauth.example.demosite.VisitorTokens.DemoUser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * A company's site, as small as it gets: fake users, a login form, a session cookie, and pages that
 * embed the chat widget with the documented snippet and a visitor token signed on the server for
 * every page load (see {@link VisitorTokens}).
 *
 * <pre>
 * java -jar examples/demo-site/target/visitorauth-example-demo-site.jar \
 *      --visitorauth-url=http://localhost:8080 --widget-id=wgt_… --widget-secret=… [--port=3000]
 * </pre>
 *
 * Every option can also be given as an environment variable: VISITORAUTH_URL, WIDGET_ID,
 * WIDGET_SECRET, PORT, and WIDGET_SCRIPT (a local widget.js to serve from this site instead of the
 * server's /widget.js; the snippet then sets apiBase).
 */
public final class DemoSite implements AutoCloseable {
    static final String COOKIE = "demo_session";

    /** The fake users: no passwords, pick one to sign in. */
    public static final Map<String, DemoUser> USERS;

    static {
        Map<String, DemoUser> users = new LinkedHashMap<>();
        users.put("ada", new DemoUser("1001", "Ada Lovelace", "ada@example.com"));
        users.put("grace", new DemoUser("1002", "Grace Hopper", "grace@example.com"));
        users.put("alan", new DemoUser("1003", "Alan Turing", "alan@example.com"));
        USERS = Collections.unmodifiableMap(users);
    }

    /** What the site needs to know. {@code widgetScript} null: the snippet loads {@code <visitorauthUrl>/widget.js}. */
    public record Config(String visitorauthUrl, String widgetId, String widgetSecret, int port, Path widgetScript) {
        public Config {
            visitorauthUrl = visitorauthUrl.replaceAll("/+$", "");
        }
    }

    private final Config config;
    private final HttpServer server;
    private final Map<String, String> sessions = new ConcurrentHashMap<>(); // cookie value -> user key
    private final SecureRandom random = new SecureRandom();

    private DemoSite(Config config, HttpServer server) {
        this.config = config;
        this.server = server;
    }

    public static DemoSite start(Config config) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", config.port()), 0);
        DemoSite site = new DemoSite(config, server);
        server.createContext("/", site::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return site;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://localhost:" + port();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                System.err.println("Unknown argument " + arg + ". Options: --visitorauth-url= --widget-id= --widget-secret= --port= --widget-script=");
                System.exit(2);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        String url = option(options, "visitorauth-url", "VISITORAUTH_URL", "http://localhost:8080");
        String widgetId = option(options, "widget-id", "WIDGET_ID", null);
        String secret = option(options, "widget-secret", "WIDGET_SECRET", null);
        int port = Integer.parseInt(option(options, "port", "PORT", "3000"));
        String script = option(options, "widget-script", "WIDGET_SCRIPT", null);
        if (widgetId == null || secret == null) {
            System.err.println("Needs the widget's id and secret: --widget-id=… --widget-secret=… (or WIDGET_ID, WIDGET_SECRET).");
            System.exit(2);
        }
        DemoSite site = start(new Config(url, widgetId, secret, port, script == null ? null : Path.of(script)));
        System.out.println("Demo site on " + site.url() + " (visitorauth at " + url + ", widget " + widgetId + ")");
    }

    private static String option(Map<String, String> options, String name, String env, String fallback) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    // ------------------------------------------------------------------ routing

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && (path.equals("/") || path.equals("/pricing"))) {
                page(exchange, path);
            } else if (method.equals("GET") && path.equals("/app")) {
                singlePageApp(exchange);
            } else if (method.equals("POST") && path.equals("/login")) {
                login(exchange, false);
            } else if (method.equals("POST") && path.equals("/logout")) {
                logout(exchange, false);
            } else if (method.equals("POST") && path.equals("/api/login")) {
                login(exchange, true);
            } else if (method.equals("POST") && path.equals("/api/logout")) {
                logout(exchange, true);
            } else if (method.equals("GET") && path.equals("/token")) {
                token(exchange);
            } else if (method.equals("GET") && path.equals("/widget.js") && config.widgetScript() != null) {
                send(exchange, 200, "text/javascript; charset=utf-8", Files.readAllBytes(config.widgetScript()));
            } else {
                send(exchange, 404, "text/plain; charset=utf-8", "Not found".getBytes(StandardCharsets.UTF_8));
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            send(exchange, 500, "text/plain; charset=utf-8", "Internal error".getBytes(StandardCharsets.UTF_8));
        }
    }

    private Optional<String> currentUserKey(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Cookie");
        if (header == null) {
            return Optional.empty();
        }
        for (String part : header.split(";")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2 && kv[0].equals(COOKIE)) {
                return Optional.ofNullable(sessions.get(kv[1]));
            }
        }
        return Optional.empty();
    }

    private void login(HttpExchange exchange, boolean api) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String userKey = null;
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2 && kv[0].equals("user")) {
                userKey = URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
        }
        if (userKey == null || !USERS.containsKey(userKey)) {
            send(exchange, 400, "text/plain; charset=utf-8", "Pick one of the demo users".getBytes(StandardCharsets.UTF_8));
            return;
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String cookie = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        sessions.put(cookie, userKey);
        exchange.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + cookie + "; Path=/; HttpOnly; SameSite=Lax");
        if (api) {
            send(exchange, 204, null, new byte[0]);
        } else {
            redirect(exchange, "/");
        }
    }

    private void logout(HttpExchange exchange, boolean api) throws IOException {
        String header = exchange.getRequestHeaders().getFirst("Cookie");
        if (header != null) {
            for (String part : header.split(";")) {
                String[] kv = part.trim().split("=", 2);
                if (kv.length == 2 && kv[0].equals(COOKIE)) {
                    sessions.remove(kv[1]);
                }
            }
        }
        exchange.getResponseHeaders().add("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
        if (api) {
            send(exchange, 204, null, new byte[0]);
        } else {
            redirect(exchange, "/");
        }
    }

    /** For single-page apps: a fresh token for the signed-in user, fetched by the widget's visitorToken function. */
    private void token(HttpExchange exchange) throws IOException {
        Optional<String> user = currentUserKey(exchange);
        if (user.isEmpty()) {
            send(exchange, 401, "application/json", "{\"token\":null}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String json = "{\"token\":" + js(VisitorTokens.mint(config.widgetSecret(), USERS.get(user.get()))) + "}";
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        send(exchange, 200, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------ pages

    private void page(HttpExchange exchange, String path) throws IOException {
        Optional<DemoUser> user = currentUserKey(exchange).map(USERS::get);
        StringBuilder main = new StringBuilder();
        if (path.equals("/pricing")) {
            main.append("<h1>Pricing</h1><p>Every plan includes chat support. The widget follows you from page to page.</p>");
        } else {
            main.append("<h1>Welcome to Acme Rockets</h1>");
            main.append("<p>Questions about your order? Open the chat in the corner.</p>");
        }
        if (user.isPresent()) {
            main.append("<section class=\"account\"><p id=\"signed-in\">Signed in as <strong>")
                    .append(html(user.get().name())).append("</strong> (").append(html(user.get().email())).append(")</p>")
                    .append("<form method=\"post\" action=\"/logout\"><button id=\"logout\" type=\"submit\">Sign out</button></form></section>");
        } else {
            main.append("<section class=\"account\"><h2>Sign in</h2><p>Demo users, no password.</p>")
                    .append("<form method=\"post\" action=\"/login\">");
            USERS.forEach((key, u) -> main.append("<button type=\"submit\" name=\"user\" value=\"").append(html(key))
                    .append("\" id=\"login-").append(html(key)).append("\">Sign in as ").append(html(u.name())).append("</button> "));
            main.append("</form></section>");
        }
        // The documented snippet: settings first (a fresh token, signed on the server, for this page load), then the script.
        StringBuilder settings = new StringBuilder("widgetId: ").append(js(config.widgetId()));
        user.ifPresent(u -> settings.append(", visitorToken: ").append(js(VisitorTokens.mint(config.widgetSecret(), u))));
        String body = layout(path.equals("/pricing") ? "Pricing" : "Home", main.toString(), snippet(settings.toString()));
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        send(exchange, 200, "text/html; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    /** A single-page app: logs in and out without a reload, with a visitorToken function and the command API. */
    private void singlePageApp(HttpExchange exchange) throws IOException {
        Optional<String> userKey = currentUserKey(exchange);
        StringBuilder main = new StringBuilder("<h1>Single-page app</h1><p id=\"spa-state\">")
                .append(userKey.map(k -> "Signed in as " + html(USERS.get(k).name())).orElse("Not signed in")).append("</p>");
        USERS.forEach((key, u) -> main.append("<button type=\"button\" class=\"spa-login\" data-user=\"").append(html(key))
                .append("\">Sign in as ").append(html(u.name())).append("</button> "));
        main.append("<button type=\"button\" id=\"spa-logout\">Sign out</button>");
        String settings = "widgetId: " + js(config.widgetId()) + (userKey.isPresent() ? ", visitorToken: fetchVisitorToken" : "");
        String script = """
                <script>
                  // Asks this site's server for a fresh token whenever the widget needs one.
                  function fetchVisitorToken() {
                    return fetch('/token', { credentials: 'same-origin' })
                      .then(function (r) { return r.ok ? r.json() : { token: null }; })
                      .then(function (j) { return j.token; });
                  }
                  window.Algomo = window.Algomo || function () { (window.Algomo.q = window.Algomo.q || []).push(arguments); };
                  document.querySelectorAll('.spa-login').forEach(function (b) {
                    b.addEventListener('click', function () {
                      fetch('/api/login', { method: 'POST', body: 'user=' + encodeURIComponent(b.dataset.user),
                          headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })
                        .then(function () {
                          document.getElementById('spa-state').textContent = 'Signed in as ' + b.textContent.replace('Sign in as ', '');
                          window.Algomo('login', fetchVisitorToken);
                        });
                    });
                  });
                  document.getElementById('spa-logout').addEventListener('click', function () {
                    fetch('/api/logout', { method: 'POST' }).then(function () {
                      document.getElementById('spa-state').textContent = 'Not signed in';
                      window.Algomo('logout');
                    });
                  });
                </script>
                """;
        String body = layout("Single-page app", main.toString(), script + snippet(settings));
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        send(exchange, 200, "text/html; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    private String snippet(String settings) {
        String src = config.widgetScript() == null ? config.visitorauthUrl() + "/widget.js" : "/widget.js";
        String apiBase = config.widgetScript() == null ? "" : ", apiBase: " + js(config.visitorauthUrl());
        return "<script>\n  window.algomoSettings = { " + settings + apiBase + " };\n</script>\n"
                + "<script async src=\"" + html(src) + "\"></script>\n";
    }

    private static String layout(String title, String main, String tail) {
        return """
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · Acme Rockets (visitorauth demo)</title>
                <style>
                  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1d2330; background: #fafbfc; }
                  header { background: #13203d; color: #fff; padding: 14px 24px; display: flex; gap: 20px; align-items: center; }
                  header a { color: #fff; }
                  header .brand { font-weight: 700; font-size: 18px; margin-right: auto; }
                  main { max-width: 760px; margin: 32px auto; padding: 0 20px; }
                  .account { background: #fff; border: 1px solid #e1e5ee; border-radius: 10px; padding: 16px 20px; margin-top: 24px; }
                  button { font: inherit; padding: 8px 14px; border-radius: 8px; border: 1px solid #9aa5bd; background: #fff; cursor: pointer; margin: 4px 4px 4px 0; }
                </style>
                </head>
                <body>
                <header><span class="brand">Acme Rockets</span><a href="/">Home</a><a href="/pricing">Pricing</a><a href="/app">Single-page app</a></header>
                <main>
                %s
                </main>
                %s</body>
                </html>
                """.formatted(html(title), main, tail);
    }

    // ------------------------------------------------------------------ helpers

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", URI.create(location).toString());
        send(exchange, 303, null, new byte[0]);
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** HTML text and attribute escaping. */
    static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    /** A JavaScript string literal that is also safe inside a script element. */
    static String js(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '<' -> b.append("\\u003c");
                case '>' -> b.append("\\u003e");
                case '&' -> b.append("\\u0026");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\u2028' -> b.append("\\u2028");
                case '\u2029' -> b.append("\\u2029");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
