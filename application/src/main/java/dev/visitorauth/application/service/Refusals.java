package dev.visitorauth.application.service;

import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.widget.WidgetId;

/** The refusals the use cases share, with their messages in one place. */
final class Refusals {
    private Refusals() {
    }

    static <T> Result<T> widgetNotFound() {
        return Result.refused(WidgetId.unknown());
    }

    static <T> Result<T> unauthenticated(String what) {
        return Result.refused(ErrorCode.UNAUTHENTICATED, what);
    }

    /** {@code invalid_request} about {@code field}: its message is the field's name, as the adapter spells it, then {@code complaint}. */
    static <T> Result<T> invalid(InputField field, String complaint) {
        return Result.refused(Refusal.invalid(field, complaint));
    }

    static <T> Result<T> notFound(String message) {
        return Result.refused(ErrorCode.NOT_FOUND, message);
    }

    /** A wait for {@code Retry-After}: whole seconds on the wire, so never below one. */
    static java.time.Duration atLeastOneSecond(java.time.Duration wait) {
        return wait.compareTo(java.time.Duration.ofSeconds(1)) < 0 ? java.time.Duration.ofSeconds(1) : wait;
    }
}
