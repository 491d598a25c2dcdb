package dev.visitorauth.server;

import dev.visitorauth.adapter.persistence.AesGcmSecretCipher;
import dev.visitorauth.adapter.persistence.JdbcPersistence;
import dev.visitorauth.adapter.token.Jose4jJwkParser;
import dev.visitorauth.adapter.token.StrictJwsCodec;
import dev.visitorauth.adapter.token.jwks.Jose4jJwksFetcher;
import dev.visitorauth.adapter.outbound.OutboundAddressGuard;
import dev.visitorauth.adapter.outbound.OutboundHttpClient;
import dev.visitorauth.application.VisitorAuthentication;
import dev.visitorauth.application.port.in.PurgeExpiredDataUseCase;
import dev.visitorauth.application.port.out.SecretCipherPort;
import dev.visitorauth.application.port.out.CursorCodecPort;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the core explicitly (the model carries no Spring): the JDBC store over Boot's pooled
 * {@link DataSource}, the jose4j verifier, the outbound client, the metrics the core's ports are
 * decorated with, and the {@link VisitorAuthentication} facade itself. Its use cases are exposed
 * to the inbound adapters one bean each by {@link UseCaseConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
public class CoreConfiguration {

    /** {@link VisitorAuthentication#systemClock()}: UTC, ticking in microseconds, as the store keeps time. */
    @Bean
    Clock clock() {
        return VisitorAuthentication.systemClock();
    }

    @Bean
    Path dataDirectory(VisitorAuthProperties properties) {
        return DataDirectory.prepare(properties.dataDir());
    }

    @Bean
    SecretCipherPort secretCipher(VisitorAuthProperties properties, Path dataDirectory) {
        return properties.masterKey().isEmpty()
                ? AesGcmSecretCipher.fromDataDirectory(dataDirectory)
                : AesGcmSecretCipher.fromBase64(properties.masterKey());
    }

    /** Cursors MACed under a key derived from the master key, so every node opens every other node's. */
    @Bean
    CursorCodecPort cursorCodec(SecretCipherPort cipher) {
        if (cipher instanceof AesGcmSecretCipher aes) {
            return aes.cursorCodec();
        }
        throw new IllegalStateException("the cursor key is derived from the AES-GCM master key");
    }

    @Bean
    JdbcPersistence persistence(DataSource dataSource, SecretCipherPort cipher, Clock clock, VisitorAuthProperties properties) {
        return JdbcPersistence.builder(dataSource, cipher).clock(clock)
                .failureRateLimit(properties.failureLimit(), properties.failureWindow())
                .requestLimits(properties.requestLimits())
                .widgetCache(properties.widgetCache().size(), properties.widgetCache().timeToLive()).build();
    }

    @Bean
    VerificationMetrics verificationMetrics(MeterRegistry meters) {
        return new VerificationMetrics(meters);
    }

    @Bean
    RateLimitMetrics rateLimitMetrics(MeterRegistry meters, VerificationMetrics metrics) {
        return new RateLimitMetrics(meters, metrics);
    }

    /**
     * The one client for outbound requests (JWKS URLs), behind the outbound address guard; closed
     * with the context.
     */
    @Bean
    OutboundHttpClient outboundHttpClient(OutboundAddressGuard guard) {
        return new OutboundHttpClient(guard, OutboundHttpClient.Limits.DEFAULTS);
    }

    /** The one outbound address guard, for JWKS URLs and webhooks alike. */
    @Bean
    OutboundAddressGuard outboundAddressGuard(VisitorAuthProperties properties) {
        if (properties.outbound().allowPrivate()) {
            LoggerFactory.getLogger(CoreConfiguration.class).warn("VISITORAUTH_OUTBOUND_ALLOW_PRIVATE is on: outbound requests "
                    + "(JWKS URLs, webhooks) may use plain http and reach loopback and private addresses. Never in production.");
        }
        return new OutboundAddressGuard(properties.outbound().allowPrivate());
    }

    @Bean
    VisitorAuthentication visitorAuthentication(JdbcPersistence persistence, Clock clock, VerificationMetrics metrics,
                                                VisitorAuthProperties properties, MeterRegistry meters,
                                                RateLimitMetrics limitMetrics, CursorCodecPort cursorCodec,
                                                OutboundHttpClient outbound) {
        CaffeineCacheMetrics.monitor(meters, persistence.cachedWidgets().widgetCache(), "visitorauth.widgets");
        CaffeineCacheMetrics.monitor(meters, persistence.cachedWidgets().keyringCache(), "visitorauth.keyrings");
        return VisitorAuthentication.builder(new TimedTokenVerifier(new StrictJwsCodec(), meters))
                .jwks(new Jose4jJwksFetcher(outbound))
                .widgetReads(persistence.cachedWidgets())
                .storage(persistence.storage().withRecordFailures(
                        new LoggingAuthFailureRecorder(persistence.authFailures(), metrics))
                        .withRateLimits(limitMetrics.counting(persistence.failureRateLimiter()),
                                limitMetrics.counting(persistence.rateLimiter())))
                .clock(clock).sessionLifetime(properties.sessionLifetime())
                .cursors(cursorCodec)
                .jwkParser(new Jose4jJwkParser())
                .allowPrivateOutbound(properties.outbound().allowPrivate())
                .build();
    }

    /** The data-lifecycle job of spec section 8, on every node. */
    @Bean
    DataLifecycleJob dataLifecycleJob(VisitorAuthentication core, VisitorAuthProperties properties, Clock clock) {
        return new DataLifecycleJob(core.purgeExpiredData(),
                new PurgeExpiredDataUseCase.PurgeCommand(properties.anonymousVisitorRetention(), properties.purgeBatchSize()),
                properties.purgeInterval(), () -> Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "visitorauth-data-lifecycle");
                    t.setDaemon(true);
                    return t;
                }), clock);
    }
}
