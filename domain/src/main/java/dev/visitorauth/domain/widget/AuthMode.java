package dev.visitorauth.domain.widget;

import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import java.util.Locale;
import java.util.Optional;

/** How a widget treats visitor tokens. */
public enum AuthMode {
    /** Anonymous visitors allowed; tokens verified when present; an invalid token refused. The default. */
    OPTIONAL,
    /** No anonymous visitors: a request without a valid token is refused. */
    REQUIRED,
    /** For rolling out: tokens verified and failures recorded, but an invalid token counts as no token. */
    OBSERVE;

    /** True for {@link #OBSERVE}: an invalid token counts as no token (and is recorded). */
    public boolean observes() {
        return this == OBSERVE;
    }

    /** True for {@link #REQUIRED}: no anonymous visitors. */
    public boolean requiresToken() {
        return this == REQUIRED;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode named {@code value}, or {@code invalid_request} about {@link InputField#MODE}. */
    public static Result<AuthMode> parse(String value) {
        return fromWire(value).<Result<AuthMode>>map(Result::ok)
                .orElseGet(() -> Result.refused(Refusal.invalid(InputField.MODE, "must be one of optional, required, observe.")));
    }

    public static Optional<AuthMode> fromWire(String value) {
        for (AuthMode m : values()) {
            if (m.wire().equals(value)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
