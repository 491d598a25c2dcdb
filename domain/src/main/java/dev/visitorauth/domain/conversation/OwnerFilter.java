package dev.visitorauth.domain.conversation;

import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;

/** Whose conversations an agent inbox page holds (spec section 11): anyone's, users' or anonymous visitors'. */
public enum OwnerFilter {
    ANY("any"), USERS("user"), VISITORS("visitor");

    private final String wire;

    OwnerFilter(String wire) {
        this.wire = wire;
    }

    /** The filter's name in the API's {@code owner} parameter: {@code any}, {@code user} or {@code visitor}. */
    public String wire() {
        return wire;
    }

    /** The filter named {@code value}, or {@code invalid_request} about {@link InputField#OWNER}. */
    public static Result<OwnerFilter> parse(String value) {
        for (OwnerFilter f : values()) {
            if (f.wire.equals(value)) {
                return Result.ok(f);
            }
        }
        return Result.refused(Refusal.invalid(InputField.OWNER, "must be user, visitor or any."));
    }
}
