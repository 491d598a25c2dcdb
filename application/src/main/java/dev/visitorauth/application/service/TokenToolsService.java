package dev.visitorauth.application.service;

import dev.visitorauth.application.port.in.InspectTokenUseCase;
import dev.visitorauth.application.port.in.InspectedToken;
import dev.visitorauth.application.port.in.VerifiedToken;
import dev.visitorauth.application.port.in.VerifyTokenUseCase;
import dev.visitorauth.application.port.out.ConsumeTokenIdPort;
import dev.visitorauth.application.port.out.LoadUserPort;
import dev.visitorauth.application.port.out.LoadWidgetPort;
import dev.visitorauth.application.port.out.TokenCheck;
import dev.visitorauth.application.port.out.TokenInspection;
import dev.visitorauth.application.port.out.TokenVerificationRequest;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.identity.VisitorIdentity;
import dev.visitorauth.domain.widget.Widget;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.widget.WidgetKeyring;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Token verification and inspection with no side effects, for internal services and for
 * developers debugging an integration. A used {@code jti} is reported, never consumed.
 */
public final class TokenToolsService implements VerifyTokenUseCase, InspectTokenUseCase {
    private final LoadWidgetPort widgets;
    private final TokenVerificationService verifier;
    private final ConsumeTokenIdPort tokenIds;
    private final LoadUserPort users;
    private final Clock clock;

    public TokenToolsService(LoadWidgetPort widgets, TokenVerificationService verifier, ConsumeTokenIdPort tokenIds,
                             LoadUserPort users, Clock clock) {
        this.users = Objects.requireNonNull(users, "users");
        this.widgets = Objects.requireNonNull(widgets, "widgets");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.tokenIds = Objects.requireNonNull(tokenIds, "tokenIds");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Result<VerifiedToken> verifyToken(WorkspaceId workspaceId, WidgetId widgetId, String token) {
        Instant now = clock.instant();
        return request(workspaceId, widgetId, token, now).flatMap(request -> {
            TokenCheck check = verifier.verify(workspaceId, request);
            if (check instanceof TokenCheck.Refused refused) {
                return Result.refused(refused.refusal());
            }
            TokenCheck.Verified verified = (TokenCheck.Verified) check;
            Optional<Refusal> refusal = replay(workspaceId, request, verified.identity(), now)
                    .or(() -> revoked(workspaceId, verified.identity()));
            return refusal.<Result<VerifiedToken>>map(Result::refused)
                    .orElseGet(() -> Result.ok(new VerifiedToken(verified.identity(), verified.keyId())));
        });
    }

    @Override
    public Result<InspectedToken> inspectToken(WorkspaceId workspaceId, WidgetId widgetId, String token) {
        Instant now = clock.instant();
        return request(workspaceId, widgetId, token, now).map(request -> inspected(inspect(workspaceId, request, now)));
    }

    /** The use case's answer: the outbound port's inspection, in the inbound port's words. */
    private static InspectedToken inspected(TokenInspection inspection) {
        return new InspectedToken(inspection.refusal(), inspection.keyId(), inspection.header(), inspection.claims(),
                inspection.checks().stream().map(s -> new InspectedToken.Check(s.name(), s.passed(), s.detail())).toList());
    }

    /** Every check, then (for a token that verified) replay and revocation, reported and never consumed. */
    private TokenInspection inspect(WorkspaceId workspaceId, TokenVerificationRequest request, Instant now) {
        TokenInspection inspection = verifier.inspect(workspaceId, request);
        if (!inspection.valid()) {
            return inspection;
        }
        TokenCheck check = verifier.verify(workspaceId, request);
        if (!(check instanceof TokenCheck.Verified verified)) {
            return inspection;
        }
        TokenInspection checked = inspection;
        if (verified.identity().tokenId().isPresent()) {
            Optional<Refusal> replay = replay(workspaceId, request, verified.identity(), now);
            checked = checked.withStep(new TokenInspection.Step("replay", replay.isEmpty(),
                    replay.isEmpty() ? "jti not used before (inspection does not consume it)" : "jti already used"), replay);
        }
        Optional<Refusal> revoked = revoked(workspaceId, verified.identity());
        if (revoked.isPresent()) {
            checked = checked.withStep(new TokenInspection.Step("revocation", false,
                    "the user's sessions were revoked after this token was issued (or it has no iat)"), revoked);
        }
        return checked;
    }

    private Optional<Refusal> replay(WorkspaceId workspaceId, TokenVerificationRequest request, VisitorIdentity identity,
                                     Instant now) {
        if (identity.tokenId().isPresent() && tokenIds.isConsumed(workspaceId, request.widgetId(), identity.tokenId().get(), now)) {
            return Optional.of(Refusal.of(ErrorCode.TOKEN_REPLAYED, "jti", "This token's jti was already used."));
        }
        return Optional.empty();
    }

    /** {@code token_revoked} when the token's user was signed out everywhere after the token was issued. */
    private Optional<Refusal> revoked(WorkspaceId workspaceId, VisitorIdentity identity) {
        return users.findUserByExternalId(workspaceId, identity.externalId()).flatMap(user -> user.refusesToken(identity));
    }

    /**
     * The widget's keyring as stored now: a cached copy whose revision is behind the store's (a
     * change made on another node, not yet evicted here) is read again, so a rotation answered by
     * any node holds here at once (spec section 13).
     */
    private Optional<WidgetKeyring> currentKeyring(Widget w) {
        Optional<WidgetKeyring> keyring = widgets.findKeyring(w.workspaceId(), w.id());
        if (keyring.isPresent() && !OptionalLong.of(keyring.get().revision())
                .equals(widgets.keyringRevision(w.workspaceId(), w.id()))) {
            return widgets.findStoredKeyring(w.workspaceId(), w.id());
        }
        return keyring;
    }

    private Result<TokenVerificationRequest> request(WorkspaceId workspaceId, WidgetId widgetId, String token, Instant now) {
        Result<Widget> widget = WorkspaceWidgets.find(widgets, workspaceId, widgetId);
        if (widget.isOk() && (token == null || token.isEmpty())) {
            return Refusals.invalid(InputField.VISITOR_TOKEN, "is required.");
        }
        return widget.flatMap(w -> {
            Optional<WidgetKeyring> keyring = currentKeyring(w);
            return keyring.<Result<TokenVerificationRequest>>map(k ->
                    Result.ok(new TokenVerificationRequest(token, w.id(), w.policy(), k, now))).orElseGet(Refusals::widgetNotFound);
        });
    }


}
