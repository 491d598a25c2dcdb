package dev.visitorauth.domain.widget;

import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One failed verification, as recorded in the widget's failure log for the company to debug its
 * integration, or a failed fetch of the widget's JWKS URL ({@code jwks_unavailable}). Never holds
 * the token itself.
 *
 * @param code   the refusal's code (a verification failure code, incl. {@code token_required}), or
 *               {@code jwks_unavailable}
 * @param claim  the claim or header member concerned, if any
 * @param origin the browser {@code Origin} of the request, if any
 * @param kid    the header's {@code kid}, when the header was readable
 * @param iat    the token's {@code iat}, only when its signature verified
 */
public record AuthFailure(WorkspaceId workspaceId, WidgetId widgetId, Instant at, ErrorCode code, Optional<String> claim,
                          Optional<String> origin, Optional<String> kid, Optional<Instant> iat) {
    /** The most failures one read of the log returns. */
    public static final int MAX_LISTED = 1000;

    /** Longest origin and kid kept; longer values are cut (they come from the request). */
    public static final int MAX_FIELD_LENGTH = 255;

    public AuthFailure {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(widgetId, "widgetId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(iat, "iat");
        if (!code.isFailureLogEntry()) {
            throw new IllegalArgumentException(code.wire() + " is not a failure log entry");
        }
        claim = claim.map(AuthFailure::cut);
        origin = origin.map(AuthFailure::cut);
        kid = kid.map(AuthFailure::cut);
    }

    private static String cut(String s) {
        return s.length() <= MAX_FIELD_LENGTH ? s : s.substring(0, MAX_FIELD_LENGTH);
    }

    /** How many of the latest failures to list: {@code invalid_request} about the limit outside 1 to {@value #MAX_LISTED}. */
    public static Result<Integer> listed(int limit) {
        if (limit < 1 || limit > MAX_LISTED) {
            return Result.refused(Refusal.invalid(InputField.FAILURE_LIMIT, "must be 1 to " + MAX_LISTED + "."));
        }
        return Result.ok(limit);
    }
}
