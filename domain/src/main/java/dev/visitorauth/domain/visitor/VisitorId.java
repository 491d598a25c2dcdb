package dev.visitorauth.domain.visitor;

import dev.visitorauth.domain.Ids;
import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;

/** A visitor's random, unguessable id (at least 128 random bits), kept by the widget in the browser. */
public record VisitorId(String value) {
    public VisitorId {
        Ids.requireWellFormed(value, "visitor id");
    }

    /**
     * The visitor id a client sends back; a malformed one is {@code invalid_request} about
     * {@link InputField#VISITOR_ID} (a client sends back only ids this service issued).
     */
    public static Result<VisitorId> parse(String value) {
        return Ids.isWellFormed(value) ? Result.ok(new VisitorId(value))
                : Result.refused(Refusal.invalid(InputField.VISITOR_ID,
                        "must be an id this service issued (letters, digits, '_' or '-')."));
    }

    @Override
    public String toString() {
        return value;
    }
}
