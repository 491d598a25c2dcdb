package dev.visitorauth.e2e;

import static dev.visitorauth.testing.RequiredTools.require;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * One browser "device": a headless Debian Chromium with a fresh profile (its own localStorage), driven
 * by Debian's chromedriver, with helpers that read and drive the widget in its shadow root.
 */
final class Device implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    // Selenium has no CDP bindings for this Chromium version and says so at every start; CDP is not used.
    // (Strong references: java.util.logging forgets the level of a logger nobody holds.)
    private static final java.util.logging.Logger QUIET_DEVTOOLS = quiet("org.openqa.selenium.devtools");
    private static final java.util.logging.Logger QUIET_CHROMIUM = quiet("org.openqa.selenium.chromium");

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(Level.OFF);
        return logger;
    }

    final String name;
    final ChromeDriver driver;
    private final Path profile;

    /** Skips the calling test when Debian's chromium or chromedriver is not installed. */
    static void assumeChromium() {
        require(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Skipped: needs Debian's Chromium and ChromeDriver (/usr/bin/chromium, /usr/bin/chromedriver): "
                        + "apt-get install -y chromium chromium-driver");
    }

    Device(String name) {
        this.name = name;
        try {
            this.profile = Files.createTempDirectory(E2EServer.workDir(), "chromium-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    void go(String url) {
        driver.get(url);
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    // ------------------------------------------------------------------ the widget

    SearchContext widget() {
        return driver.findElement(By.id("visitorauth-widget")).getShadowRoot();
    }

    WebElement in(String css) {
        return widget().findElement(By.cssSelector(css));
    }

    /**
     * Clicks the widget's element {@code css}, finding it again if the widget re-rendered it between
     * the look-up and the click (a poll or a stream event can replace it: a stale element).
     */
    void click(String css) {
        await("clicked " + css, () -> {
            in(css).click();
            return true;
        });
    }

    /** The widget's state: starting, anonymous, authenticated or unavailable (data-status on its host). */
    String status() {
        Object s = js("var h = document.getElementById('visitorauth-widget'); return h ? h.getAttribute('data-status') : null;");
        return s == null ? null : s.toString();
    }

    String visitorId(String widgetId) {
        return (String) js("return localStorage.getItem(arguments[0]);", "visitorauth:" + widgetId + ":visitorId");
    }

    void setVisitorId(String widgetId, String visitorId) {
        js("localStorage.setItem(arguments[0], arguments[1]);", "visitorauth:" + widgetId + ":visitorId", visitorId);
    }

    /** Text of the shadow-root element matching css, or "" when absent. */
    String text(String css) {
        Object t = js("var h = document.getElementById('visitorauth-widget'); var e = h && h.shadowRoot.querySelector(arguments[0]);"
                + " return e ? e.textContent : '';", css);
        return t == null ? "" : t.toString();
    }

    boolean visible(String css) {
        Object v = js("var h = document.getElementById('visitorauth-widget'); var e = h && h.shadowRoot.querySelector(arguments[0]);"
                + " return !!e && !e.closest('[hidden]') && e.getClientRects().length > 0;", css);
        return Boolean.TRUE.equals(v);
    }

    /** The visible thread's messages as "author: text". */
    @SuppressWarnings("unchecked")
    List<String> messages() {
        Object list = js("var h = document.getElementById('visitorauth-widget'); if (!h) return [];"
                + " return Array.from(h.shadowRoot.querySelectorAll('.va-msg')).map(function (m) {"
                + "   return m.getAttribute('data-author') + (m.getAttribute('data-author') !== 'agent' && m.getAttribute('data-authenticated') === 'true' ? '(verified)' : '')"
                + "     + ': ' + m.querySelector('.va-msg-text').textContent; });");
        return new ArrayList<>((List<String>) list);
    }

    /** The conversation ids listed in the panel. */
    @SuppressWarnings("unchecked")
    List<String> listedConversations() {
        Object list = js("var h = document.getElementById('visitorauth-widget'); if (!h) return [];"
                + " var v = h.shadowRoot.querySelector('.va-list-view'); if (!v || v.hidden) return [];"
                + " return Array.from(h.shadowRoot.querySelectorAll('.va-conv')).map(function (b) { return b.getAttribute('data-conversation-id'); });");
        return new ArrayList<>((List<String>) list);
    }

    boolean panelOpen() {
        return visible(".va-panel");
    }

    void openPanel() {
        await("the widget has started", () -> status() != null && !status().equals("starting"));
        if (!panelOpen()) {
            click(".va-launcher");
        }
        await("the panel is open", this::panelOpen);
    }

    void openConversation(String id) {
        await("conversation " + id + " is listed", () -> listedConversations().contains(id));
        click(".va-conv[data-conversation-id='" + id + "']");
        await("the thread is shown", () -> visible(".va-form"));
    }

    /** Types the text into the message box and presses Enter. */
    void send(String text) {
        await("the message box is shown", () -> visible("#va-input"));
        int before = messages().size();
        in("#va-input").sendKeys(text + Keys.ENTER);
        await("the message \"" + text + "\" is shown", () -> messages().size() > before
                && messages().get(messages().size() - 1).endsWith(": " + text));
    }

    /** The element focused inside the widget's shadow root (its class), or null. */
    String focusedInWidget() {
        Object c = js("var h = document.getElementById('visitorauth-widget'); var a = h && h.shadowRoot.activeElement;"
                + " return a ? (a.id || a.className) : null;");
        return c == null ? null : c.toString();
    }

    /** console.error and severe entries of the browser log since the last call. */
    List<String> browserErrors() {
        List<String> errors = new ArrayList<>();
        try {
            for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
                if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    errors.add(e.getMessage());
                }
            }
        } catch (RuntimeException e) {
            errors.add("(browser log unavailable: " + e.getMessage() + ")");
        }
        return errors;
    }

    void screenshot(String file) {
        try {
            Path dir = Path.of(System.getProperty("visitorauth.screenshots.dir", "target/screenshots"));
            Files.createDirectories(dir);
            Files.write(dir.resolve(file), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void await(String what, Supplier<Boolean> condition) {
        await(what, TIMEOUT, condition);
    }

    /** As {@link #await(String, Supplier)}, bounded by {@code timeout} (e.g. across a server restart). */
    void await(String what, Duration timeout, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(condition.get())) {
                    return;
                }
                last = null;
            } catch (RuntimeException e) {
                last = e; // e.g. the page is reloading
            }
            E2EServer.sleep(150);
        }
        throw new AssertionError(name + ": timed out waiting until " + what + " (status " + safeStatus() + ", messages "
                + safeMessages() + ")", last);
    }

    private String safeStatus() {
        try {
            return status();
        } catch (RuntimeException e) {
            return "?";
        }
    }

    private String safeMessages() {
        try {
            return messages().toString();
        } catch (RuntimeException e) {
            return "?";
        }
    }

    Map<String, Object> windowValue(String expression) {
        @SuppressWarnings("unchecked")
        Map<String, Object> v = (Map<String, Object>) js("return " + expression + ";");
        return v;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException ignored) {
                // best effort
            }
        }
    }
}
