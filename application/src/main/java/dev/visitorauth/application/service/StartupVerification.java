package dev.visitorauth.application.service;

import dev.visitorauth.application.port.in.StartSessionUseCase.StartSessionCommand;
import dev.visitorauth.application.port.out.FailureRateLimitPort;
import dev.visitorauth.application.port.out.LoadWidgetPort;
import dev.visitorauth.application.port.out.RecordAuthFailurePort;
import dev.visitorauth.application.port.out.TokenCheck;
import dev.visitorauth.application.port.out.TokenVerificationRequest;
import dev.visitorauth.domain.coverage.StartupOutcome;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.identity.VisitorIdentity;
import dev.visitorauth.domain.widget.AuthFailure;
import dev.visitorauth.domain.widget.Widget;
import dev.visitorauth.domain.widget.WidgetKeyring;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Start-up's token verification (spec sections 3 and 5), outside any transaction: the token against
 * the widget's keyring, and every failure recorded in the widget's failure log and counted against
 * the client's failed-verification budget. In {@code observe} mode a failed token becomes no token.
 */
public final class StartupVerification {
    private final LoadWidgetPort widgets;
    private final TokenVerificationService verifier;
    private final FailureRateLimitPort rateLimit;
    private final RecordAuthFailurePort failures;
    private final StartupCounting counting;

    /** How a start-up that ends without a verified token is counted: anonymous, or observe mode's invalid token. */
    record Unverified(StartupOutcome outcome, Optional<ErrorCode> code) {
        static final Unverified NO_TOKEN = new Unverified(StartupOutcome.ANONYMOUS, Optional.empty());

        static Unverified observed(ErrorCode code) {
            return new Unverified(StartupOutcome.OBSERVED_INVALID, Optional.of(code));
        }
    }

    /**
     * A verified identity, or none (with how the start-up then counts), and the revision of the
     * keyring that verified it.
     */
    record Checked(Optional<VisitorIdentity> identity, Unverified unverified, OptionalLong keyringRevision) {
    }

    /**
     * @param widgets   the widget's keyring, cached or stored, and its revision
     * @param verifier  the token verifier with the widget's JWKS keys
     * @param counting  checks for a failure spike after each recorded failure
     */
    public StartupVerification(LoadWidgetPort widgets, TokenVerificationService verifier, FailureRateLimitPort rateLimit,
                               RecordAuthFailurePort failures, StartupCounting counting) {
        this.widgets = Objects.requireNonNull(widgets, "widgets");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
        this.failures = Objects.requireNonNull(failures, "failures");
        this.counting = Objects.requireNonNull(counting, "counting");
    }

    /**
     * Verifies the token: its identity, none in observe mode after a failure, or the refusal. A
     * refusal by a cached keyring is confirmed against the stored one first (its revision, then the
     * keyring itself if it changed), so a key added on another node is not refused here.
     *
     * @param storedKeyring read the keyring from the store, not from a cache
     */
    Result<Checked> verify(Widget widget, StartSessionCommand command, Instant now, boolean storedKeyring) {
        Optional<WidgetKeyring> keyring = storedKeyring
                ? widgets.findStoredKeyring(widget.workspaceId(), widget.id())
                : widgets.findKeyring(widget.workspaceId(), widget.id());
        if (keyring.isEmpty()) {
            return Refusals.widgetNotFound();
        }
        TokenCheck check = check(widget, command, keyring.get(), now);
        if (check instanceof TokenCheck.Refused && !storedKeyring
                && !OptionalLong.of(keyring.get().revision())
                        .equals(widgets.keyringRevision(widget.workspaceId(), widget.id()))) {
            keyring = widgets.findStoredKeyring(widget.workspaceId(), widget.id());
            if (keyring.isEmpty()) {
                return Refusals.widgetNotFound();
            }
            check = check(widget, command, keyring.get(), now);
        }
        if (check instanceof TokenCheck.Verified verified) {
            return Result.ok(new Checked(Optional.of(verified.identity()), Unverified.NO_TOKEN,
                    OptionalLong.of(keyring.get().revision())));
        }
        TokenCheck.Refused refused = (TokenCheck.Refused) check;
        Optional<Refusal> limited = recordFailure(widget, command, refused.refusal(), refused.headerKid(),
                refused.verifiedIssuedAt(), now);
        if (limited.isPresent()) {
            return Result.refused(limited.get());
        }
        if (widget.policy().observes()) {
            return Result.ok(new Checked(Optional.empty(), Unverified.observed(refused.refusal().code()), OptionalLong.empty()));
        }
        return Result.refused(refused.refusal());
    }

    private TokenCheck check(Widget widget, StartSessionCommand command, WidgetKeyring keyring, Instant now) {
        return verifier.verify(widget.workspaceId(), new TokenVerificationRequest(
                command.visitorToken().get(), widget.id(), widget.policy(), keyring, now));
    }

    /**
     * Records a failed verification and counts it against the client's budget.
     *
     * @return {@code rate_limited} when the client was already over its budget (then nothing is recorded)
     */
    Optional<Refusal> recordFailure(Widget widget, StartSessionCommand command, Refusal refusal,
                                    Optional<String> kid, Optional<Instant> iat, Instant now) {
        Optional<Duration> blocked = rateLimit.blockedFor(widget.id(), command.clientKey(), now);
        if (blocked.isPresent()) {
            return Optional.of(rateLimited(blocked.get()));
        }
        rateLimit.recordFailure(widget.id(), command.clientKey(), now);
        failures.recordAuthFailure(new AuthFailure(widget.workspaceId(), widget.id(), now, refusal.code(),
                refusal.claim(), command.origin(), kid, iat));
        counting.checkSpike(widget, now);
        return Optional.empty();
    }

    private static Refusal rateLimited(Duration wait) {
        return Refusal.rateLimited(Refusals.atLeastOneSecond(wait),
                "Too many failed verifications from this client for this widget; retry later.");
    }
}
