package dev.visitorauth.domain.linking;

import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.widget.AuthMode;
import java.util.Optional;

/**
 * The start-up and linking rules (spec section 4) as one pure function. An invalid token never
 * reaches here: it is refused before, or, in {@code observe} mode, turned into "no token".
 */
public final class LinkingRules {
    private LinkingRules() {
    }

    /**
     * @param state     what the request's {@code visitorId} names
     * @param tokenUser the verified token's user, or empty when no (usable) token was sent
     * @param mode      the widget's authentication mode
     * @return the decision, or {@code token_required} when the widget requires a token and none came
     */
    public static Result<LinkingDecision> decide(VisitorState state, Optional<ExternalUserId> tokenUser, AuthMode mode) {
        if (tokenUser.isEmpty()) {
            if (mode == AuthMode.REQUIRED) {
                return Result.refused(Refusal.of(ErrorCode.TOKEN_REQUIRED,
                        "This widget requires a visitor token: sign one on your server and pass it as "
                                + "window.algomoSettings.visitorToken before the widget loads."));
            }
            if (state instanceof VisitorState.Anonymous a) {
                return Result.ok(new LinkingDecision.ResumeAnonymous(a.visitor()));
            }
            if (state instanceof VisitorState.Linked l) {
                return Result.ok(new LinkingDecision.NewAnonymous(Optional.of(l.visitor().id())));
            }
            return Result.ok(new LinkingDecision.NewAnonymous(Optional.empty()));
        }
        ExternalUserId user = tokenUser.get();
        if (state instanceof VisitorState.Anonymous a) {
            return Result.ok(new LinkingDecision.Upgrade(a.visitor(), user));
        }
        if (state instanceof VisitorState.Linked l) {
            return Result.ok(l.user().equals(user)
                    ? new LinkingDecision.ResumeLinked(l.visitor(), user)
                    : new LinkingDecision.NewLinked(user, Optional.of(l.visitor().id())));
        }
        return Result.ok(new LinkingDecision.NewLinked(user, Optional.empty()));
    }
}
