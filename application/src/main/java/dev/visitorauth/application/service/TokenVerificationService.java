package dev.visitorauth.application.service;

import dev.visitorauth.application.port.out.RecordAuthFailurePort;
import dev.visitorauth.application.port.out.TokenCheck;
import dev.visitorauth.application.port.out.TokenInspection;
import dev.visitorauth.application.port.out.TokenVerificationRequest;
import dev.visitorauth.application.port.out.VerifyVisitorTokenPort;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.widget.AuthFailure;
import dev.visitorauth.domain.widget.JwksState;
import dev.visitorauth.domain.widget.JwksUrl;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Verifies a visitor token with every key its widget has (spec section 12), for start-up and for
 * the token tools: the keyring as stored, and, when the widget names a JWKS URL, the keys read
 * from it ({@link JwksKeyCache}). When the verdict is {@code unknown_key} and the set may be
 * refreshed (30 s since its last fetch), it is fetched again and the token verified once more.
 * A failed fetch goes into the widget's failure log as {@code jwks_unavailable}, at most once a
 * minute per widget, whatever the token's verdict. The token itself is never looked at here.
 * Thread-safe.
 */
public final class TokenVerificationService {
    private final VerifyVisitorTokenPort verifier;
    private final JwksKeyCache jwks;
    private final RecordAuthFailurePort failures;
    private final Map<WidgetId, Instant> lastUnavailableLogged;

    public TokenVerificationService(VerifyVisitorTokenPort verifier, JwksKeyCache jwks, RecordAuthFailurePort failures) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.jwks = Objects.requireNonNull(jwks, "jwks");
        this.failures = Objects.requireNonNull(failures, "failures");
        this.lastUnavailableLogged = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<WidgetId, Instant> eldest) {
                return size() > JwksKeyCache.DEFAULT_MAX_URLS;
            }
        };
    }

    /** The verdict of {@link VerifyVisitorTokenPort#verify}, with the widget's JWKS keys. */
    public TokenCheck verify(WorkspaceId workspaceId, TokenVerificationRequest request) {
        return withJwks(workspaceId, request, verifier::verify,
                check -> check instanceof TokenCheck.Refused refused && refused.refusal().code() == ErrorCode.UNKNOWN_KEY);
    }

    /** The inspection of {@link VerifyVisitorTokenPort#inspect}, with the widget's JWKS keys. */
    public TokenInspection inspect(WorkspaceId workspaceId, TokenVerificationRequest request) {
        return withJwks(workspaceId, request, verifier::inspect,
                inspection -> inspection.refusal().map(Refusal::code).filter(ErrorCode.UNKNOWN_KEY::equals).isPresent());
    }

    private <T> T withJwks(WorkspaceId workspaceId, TokenVerificationRequest request, Function<TokenVerificationRequest, T> check,
                           Predicate<T> unknownKey) {
        Optional<JwksUrl> url = request.keyring().jwksUrl();
        if (url.isEmpty()) {
            return check.apply(request);
        }
        JwksKeyCache.Lookup keys = jwks.keys(url.get(), request.now());
        logIfUnavailable(workspaceId, request, keys);
        T verdict = check.apply(withKeys(request, keys));
        if (!unknownKey.test(verdict)) {
            return verdict;
        }
        Optional<JwksKeyCache.Lookup> refreshed = jwks.refreshForUnknownKey(url.get(), request.now());
        if (refreshed.isEmpty()) {
            return verdict;
        }
        logIfUnavailable(workspaceId, request, refreshed.get());
        return refreshed.get().failure().isPresent() ? verdict : check.apply(withKeys(request, refreshed.get()));
    }

    private static TokenVerificationRequest withKeys(TokenVerificationRequest request, JwksKeyCache.Lookup keys) {
        return new TokenVerificationRequest(request.token(), request.widgetId(), request.policy(),
                request.keyring().withFetchedKeys(keys.keys()), request.now());
    }

    private void logIfUnavailable(WorkspaceId workspaceId, TokenVerificationRequest request, JwksKeyCache.Lookup lookup) {
        if (lookup.failure().isEmpty()) {
            return;
        }
        Instant now = request.now();
        synchronized (lastUnavailableLogged) {
            if (!JwksState.mayLogUnavailable(Optional.ofNullable(lastUnavailableLogged.get(request.widgetId())), now)) {
                return;
            }
            lastUnavailableLogged.put(request.widgetId(), now);
        }
        failures.recordAuthFailure(new AuthFailure(workspaceId, request.widgetId(), now, ErrorCode.JWKS_UNAVAILABLE,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
    }
}
