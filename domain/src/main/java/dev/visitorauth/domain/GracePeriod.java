package dev.visitorauth.domain;

import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import java.time.Duration;

/**
 * How long a rotated-out credential keeps working: a widget secret (spec section 7) and a workspace
 * API key (section 11) alike, 0 (at once) to {@value #MAX_SECONDS} seconds.
 */
public final class GracePeriod {
    public static final long MAX_SECONDS = 86_400;
    public static final Duration MAX = Duration.ofSeconds(MAX_SECONDS);

    private GracePeriod() {
    }

    /** {@code seconds} as a grace period; {@code invalid_request} about the grace period outside 0 to {@value #MAX_SECONDS}. */
    public static Result<Duration> ofSeconds(long seconds) {
        if (seconds < 0 || seconds > MAX_SECONDS) {
            return Result.refused(Refusal.invalid(InputField.GRACE_PERIOD, "must be 0 to " + MAX_SECONDS + "."));
        }
        return Result.ok(Duration.ofSeconds(seconds));
    }
}
