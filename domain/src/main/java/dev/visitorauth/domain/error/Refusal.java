package dev.visitorauth.domain.error;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * An expected refusal: one {@link ErrorCode}, what it is about when it is about one thing, and a
 * message that tells the caller what to fix. Messages never hold a secret or a token, and never
 * reveal whether a user exists.
 *
 * <p>What a refusal is about is either a {@linkplain #claim() claim} (a claim or header member of a
 * visitor token, named as the token names it: {@code exp}, {@code customData}, {@code kid}) or an
 * {@linkplain #field() input field} of the use case ({@link InputField}), never a transport's name
 * for it. Each adapter spells a field its own way, in one table, and writes that name into its
 * answer; a message that names its field is worded to follow the field's name
 * ({@link #invalid(InputField, String)}), so the adapter puts its own name in front
 * ({@link #message(Function)}) and no message names a JSON member or a proto field.
 */
public final class Refusal {
    private final ErrorCode code;
    private final String claim;
    private final InputField field;
    private final boolean afterFieldName;
    private final String message;
    private final Duration retryAfter;

    private Refusal(ErrorCode code, String claim, InputField field, boolean afterFieldName, String message,
                    Duration retryAfter) {
        this.code = Objects.requireNonNull(code, "code");
        this.claim = claim;
        this.field = field;
        this.afterFieldName = afterFieldName;
        this.message = Objects.requireNonNull(message, "message");
        this.retryAfter = retryAfter;
    }

    /** {@code rate_limited}, with how long the client should wait. */
    public static Refusal rateLimited(Duration retryAfter, String message) {
        if (retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("retryAfter must be positive");
        }
        return new Refusal(ErrorCode.RATE_LIMITED, null, null, false, message, retryAfter);
    }

    public static Refusal of(ErrorCode code, String message) {
        return new Refusal(code, null, null, false, message, null);
    }

    /** A refusal about a claim or header member of a visitor token, named as the token names it. */
    public static Refusal of(ErrorCode code, String claim, String message) {
        return new Refusal(code, Objects.requireNonNull(claim, "claim"), null, false, message, null);
    }

    /** A refusal about an input field, with a message that stands alone (it does not name the field). */
    public static Refusal of(ErrorCode code, InputField field, String message) {
        return new Refusal(code, null, Objects.requireNonNull(field, "field"), false, message, null);
    }

    /**
     * {@code invalid_request} about {@code field}, whose message is the field's name, as each adapter
     * spells it, followed by {@code complaint}: {@code invalid(PAGE_SIZE, "must be 1 to 100.")} reads
     * {@code limit must be 1 to 100.} on REST and {@code page_size must be 1 to 100.} on gRPC.
     */
    public static Refusal invalid(InputField field, String complaint) {
        return new Refusal(ErrorCode.INVALID_REQUEST, null, Objects.requireNonNull(field, "field"), true, complaint, null);
    }

    public ErrorCode code() {
        return code;
    }

    /** The token claim or header member concerned (e.g. {@code exp}, {@code customData}, {@code kid}). */
    public Optional<String> claim() {
        return Optional.ofNullable(claim);
    }

    /** The use case's input concerned (e.g. {@link InputField#VISITOR_ID}); adapters name it their way. */
    public Optional<InputField> field() {
        return Optional.ofNullable(field);
    }

    /**
     * The message for a caller, with the field named by {@code fieldName} (an adapter's table) where
     * the message names it.
     */
    public String message(Function<? super InputField, String> fieldName) {
        return afterFieldName ? fieldName.apply(field) + " " + message : message;
    }

    /**
     * The message as the refusal holds it, naming no field: for a refusal made by
     * {@link #invalid(InputField, String)}, only the words after the field's name. Answers use
     * {@link #message(Function)}.
     */
    public String message() {
        return message;
    }

    /** For {@code rate_limited}: how long to wait before trying again. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Refusal r && r.code == code && Objects.equals(r.claim, claim) && r.field == field
                && r.afterFieldName == afterFieldName && r.message.equals(message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, claim, field, message);
    }

    @Override
    public String toString() {
        String about = claim != null ? "(" + claim + ")" : field != null ? "(" + field + ")" : "";
        return code.wire() + about + ": " + message(InputField::name);
    }
}
