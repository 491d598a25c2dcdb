package dev.visitorauth.application.service;

import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;

/** The refusals the use cases share, with their messages in one place. */
final class Refusals {
    private Refusals() {
    }

    static <T> Result<T> widgetNotFound() {
        return Result.refused(ErrorCode.WIDGET_NOT_FOUND, "No widget with this id. Check the widgetId in your page's settings.");
    }

    static <T> Result<T> unauthenticated(String what) {
        return Result.refused(ErrorCode.UNAUTHENTICATED, what);
    }

    static <T> Result<T> invalid(String field, String message) {
        return Result.refused(Refusal.of(ErrorCode.INVALID_REQUEST, field, message));
    }

    static <T> Result<T> notFound(String message) {
        return Result.refused(ErrorCode.NOT_FOUND, message);
    }

    /** A wait for {@code Retry-After}: whole seconds on the wire, so never below one. */
    static java.time.Duration atLeastOneSecond(java.time.Duration wait) {
        return wait.compareTo(java.time.Duration.ofSeconds(1)) < 0 ? java.time.Duration.ofSeconds(1) : wait;
    }
}
