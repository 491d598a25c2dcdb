package dev.visitorauth.domain.coverage;

import dev.visitorauth.domain.widget.AllowedOrigins;
import java.util.Optional;

/**
 * The origin a start-up is counted under. Origins are supplied by the caller, so only the widget's
 * own allowed origins are kept by name: any other origin (and every origin of a widget with no
 * list) is counted under {@value #OTHER}, and a start-up without an {@code Origin} header (a server,
 * a script) under {@value #NONE}. A widget therefore has at most
 * {@link AllowedOrigins#MAX_ORIGINS} + 2 origin buckets an hour, whatever callers send.
 */
public final class OriginBucket {
    /** Origins not on the widget's list. */
    public static final String OTHER = "other";
    /** No {@code Origin} header. */
    public static final String NONE = "none";

    private OriginBucket() {
    }

    /** The bucket for a start-up with this {@code Origin} header on a widget with these allowed origins. */
    public static String of(Optional<String> origin, AllowedOrigins allowed) {
        if (origin.isEmpty()) {
            return NONE;
        }
        return AllowedOrigins.normalise(origin.get()).filter(allowed.origins()::contains).orElse(OTHER);
    }
}
