package dev.visitorauth.domain.error;

import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of an operation that can be refused for an expected reason: either {@link Ok} with a
 * value or {@link Refused} with a {@link Refusal}. Exceptions are kept for broken invariants and
 * infrastructure failures.
 */
public sealed interface Result<T> permits Result.Ok, Result.Refused {

    record Ok<T>(T value) implements Result<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    record Refused<T>(Refusal refusal) implements Result<T> {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
        }
    }

    static <T> Result<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Result<T> refused(Refusal refusal) {
        return new Refused<>(refusal);
    }

    static <T> Result<T> refused(ErrorCode code, String message) {
        return new Refused<>(Refusal.of(code, message));
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    /** The value; throws if refused (for tests and for callers that checked {@link #isOk()}). */
    default T orElseThrow() {
        if (this instanceof Ok<T> ok) {
            return ok.value();
        }
        throw new IllegalStateException("refused: " + ((Refused<T>) this).refusal());
    }

    default <U> Result<U> map(Function<? super T, ? extends U> f) {
        if (this instanceof Ok<T> ok) {
            return new Ok<>(f.apply(ok.value()));
        }
        return new Refused<>(((Refused<T>) this).refusal());
    }

    default <U> Result<U> flatMap(Function<? super T, Result<U>> f) {
        if (this instanceof Ok<T> ok) {
            return f.apply(ok.value());
        }
        return new Refused<>(((Refused<T>) this).refusal());
    }
}
