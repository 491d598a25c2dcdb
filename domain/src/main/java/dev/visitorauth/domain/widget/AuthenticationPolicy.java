package dev.visitorauth.domain.widget;

import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import java.time.Duration;
import java.util.Objects;

/**
 * A widget's authentication policy: its mode, the longest token lifetime it accepts, the clock
 * skew it tolerates, and whether every token must carry a {@code jti}.
 */
public record AuthenticationPolicy(AuthMode mode, Duration maxTokenLifetime, Duration clockSkew, boolean requireJti) {
    public static final Duration DEFAULT_MAX_TOKEN_LIFETIME = Duration.ofSeconds(600);
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);
    /** Bounds an admin can set: lifetime 1 s to 24 h, skew 0 to 300 s. */
    public static final Duration MIN_MAX_TOKEN_LIFETIME = Duration.ofSeconds(1);
    public static final Duration MAX_MAX_TOKEN_LIFETIME = Duration.ofSeconds(86_400);
    public static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(300);

    public AuthenticationPolicy {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(maxTokenLifetime, "maxTokenLifetime");
        Objects.requireNonNull(clockSkew, "clockSkew");
        if (maxTokenLifetime.compareTo(MIN_MAX_TOKEN_LIFETIME) < 0 || maxTokenLifetime.compareTo(MAX_MAX_TOKEN_LIFETIME) > 0) {
            throw new IllegalArgumentException("maxTokenLifetimeSeconds must be 1 to 86400");
        }
        if (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new IllegalArgumentException("clockSkewSeconds must be 0 to 300");
        }
    }

    /**
     * The policy with these settings, or {@code invalid_request} about the first one out of bounds:
     * the lifetime ({@link InputField#MAX_TOKEN_LIFETIME}, 1 to 86400 s), then the skew
     * ({@link InputField#CLOCK_SKEW}, 0 to 300 s). The one home of these bounds; code outside the
     * domain makes a policy only here (or from {@link #defaults()}).
     */
    public static Result<AuthenticationPolicy> of(AuthMode mode, long maxTokenLifetimeSeconds, long clockSkewSeconds,
                                                  boolean requireJti) {
        if (maxTokenLifetimeSeconds < MIN_MAX_TOKEN_LIFETIME.toSeconds()
                || maxTokenLifetimeSeconds > MAX_MAX_TOKEN_LIFETIME.toSeconds()) {
            return Result.refused(Refusal.invalid(InputField.MAX_TOKEN_LIFETIME,
                    "must be " + MIN_MAX_TOKEN_LIFETIME.toSeconds() + " to " + MAX_MAX_TOKEN_LIFETIME.toSeconds() + "."));
        }
        if (clockSkewSeconds < 0 || clockSkewSeconds > MAX_CLOCK_SKEW.toSeconds()) {
            return Result.refused(Refusal.invalid(InputField.CLOCK_SKEW, "must be 0 to " + MAX_CLOCK_SKEW.toSeconds() + "."));
        }
        return Result.ok(new AuthenticationPolicy(mode, Duration.ofSeconds(maxTokenLifetimeSeconds),
                Duration.ofSeconds(clockSkewSeconds), requireJti));
    }

    /** The defaults: optional mode, 600 s lifetime, 30 s skew, {@code jti} not required. */
    public static AuthenticationPolicy defaults() {
        return new AuthenticationPolicy(AuthMode.OPTIONAL, DEFAULT_MAX_TOKEN_LIFETIME, DEFAULT_CLOCK_SKEW, false);
    }

    /**
     * True in {@code observe} mode: a token that fails verification is recorded and the start-up
     * goes on as if no token came.
     */
    public boolean observes() {
        return mode.observes();
    }

    /** True in {@code required} mode: a start-up without a valid token is refused, and anonymous sessions stop. */
    public boolean requiresToken() {
        return mode.requiresToken();
    }

    public AuthenticationPolicy withMode(AuthMode newMode) {
        return new AuthenticationPolicy(newMode, maxTokenLifetime, clockSkew, requireJti);
    }
}
