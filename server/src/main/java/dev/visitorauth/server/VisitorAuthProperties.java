package dev.visitorauth.server;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The server's own settings ({@code visitorauth.*}; see application.properties for the
 * environment variables that set them).
 *
 * @param dataDir              where the embedded database, the generated master key and the generated system API key live
 * @param masterKey            base64 of the 32-byte key that encrypts widget secrets at rest; empty: generated once in {@code dataDir}
 * @param systemApiKey         the key that may create workspaces; empty: generated once in {@code dataDir} and printed at start-up
 * @param sessionLifetime      how long a widget session lives
 * @param failureLimit         failed verifications allowed per widget and client address in {@code failureWindow}
 * @param failureWindow        the rate limit's window
 * @param httpRequestTimeout   how long a request's body may take to arrive (spec section 8; the header phase is bounded
 *                             per read by {@code server.tomcat.connection-timeout}, see docs/deployment.md)
 */
@ConfigurationProperties("visitorauth")
public record VisitorAuthProperties(Path dataDir, String masterKey, String systemApiKey, Duration sessionLifetime,
                                    int failureLimit, Duration failureWindow, Duration httpRequestTimeout) {
    public VisitorAuthProperties {
        dataDir = dataDir == null ? Path.of("visitorauth-data") : dataDir;
        masterKey = masterKey == null ? "" : masterKey.trim();
        systemApiKey = systemApiKey == null ? "" : systemApiKey.trim();
        sessionLifetime = sessionLifetime == null ? Duration.ofHours(12) : sessionLifetime;
        failureLimit = failureLimit <= 0 ? 30 : failureLimit;
        failureWindow = failureWindow == null ? Duration.ofMinutes(1) : failureWindow;
        httpRequestTimeout = httpRequestTimeout == null || httpRequestTimeout.isNegative() || httpRequestTimeout.isZero() ? Duration.ofSeconds(10)
                : httpRequestTimeout;
    }

    @Override
    public String toString() {
        return "VisitorAuthProperties[dataDir=" + dataDir + ", sessionLifetime=" + sessionLifetime + "]";
    }
}
