package dev.visitorauth.domain.identity;

import java.util.Objects;
import java.util.Optional;

/**
 * What a token does to one stored profile value: leave it ({@link Keep}, the claim was absent),
 * clear it ({@link Clear}, the claim was {@code ""} or, in custom data, {@code null}), or set it.
 */
public sealed interface FieldUpdate<T> permits FieldUpdate.Keep, FieldUpdate.Clear, FieldUpdate.Assign {

    record Keep<T>() implements FieldUpdate<T> {
    }

    record Clear<T>() implements FieldUpdate<T> {
    }

    record Assign<T>(T value) implements FieldUpdate<T> {
        public Assign {
            Objects.requireNonNull(value, "value");
        }
    }

    /** What {@link #keep()} returns: records without components are all equal, so one spares an allocation per claim. */
    Keep<?> KEEP = new Keep<>();
    /** What {@link #clear()} returns. */
    Clear<?> CLEAR = new Clear<>();

    @SuppressWarnings("unchecked")
    static <T> FieldUpdate<T> keep() {
        return (FieldUpdate<T>) KEEP;
    }

    @SuppressWarnings("unchecked")
    static <T> FieldUpdate<T> clear() {
        return (FieldUpdate<T>) CLEAR;
    }

    static <T> FieldUpdate<T> assign(T value) {
        return new Assign<>(value);
    }

    /** The value after applying this update to {@code current}. */
    default Optional<T> applyTo(Optional<T> current) {
        if (this instanceof Assign<T> a) {
            return Optional.of(a.value());
        }
        return this instanceof Clear ? Optional.empty() : current;
    }
}
