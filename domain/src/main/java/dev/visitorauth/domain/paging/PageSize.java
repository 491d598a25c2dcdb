package dev.visitorauth.domain.paging;

import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import java.util.OptionalInt;

/**
 * How many items a page holds (spec sections 8 and 14): a list page {@value #LIST_DEFAULT} unless
 * asked, 1 to {@value #LIST_MAX}; a page of messages {@value #MESSAGES_DEFAULT} unless asked, 1 to
 * {@value #MESSAGES_MAX}, read back from one message or forward from one, not both.
 */
public final class PageSize {
    public static final int LIST_DEFAULT = 20;
    public static final int LIST_MAX = 100;
    public static final int MESSAGES_DEFAULT = 50;
    public static final int MESSAGES_MAX = 200;
    /** How many visitors and conversations the admin user look-up shows at most. */
    public static final int USER_DETAILS_CAP = 20;

    private PageSize() {
    }

    /** A list's page size: {@code invalid_request} about the page size outside 1 to {@value #LIST_MAX}. */
    public static Result<Integer> ofList(OptionalInt requested) {
        return within(InputField.PAGE_SIZE, requested, LIST_DEFAULT, LIST_MAX);
    }

    /**
     * A page of messages' size, anchored {@code before} a message, {@code after} one, or neither:
     * both is {@code invalid_request} about {@code after}; then the limit outside 1 to {@value #MESSAGES_MAX}.
     */
    public static Result<Integer> ofMessages(OptionalInt requested, boolean before, boolean after) {
        if (before && after) {
            return Result.refused(Refusal.of(ErrorCode.INVALID_REQUEST, InputField.MESSAGES_AFTER,
                    "Give a message to page back from or one to page forward from, not both."));
        }
        return within(InputField.MESSAGE_LIMIT, requested, MESSAGES_DEFAULT, MESSAGES_MAX);
    }

    private static Result<Integer> within(InputField field, OptionalInt requested, int defaultValue, int max) {
        int n = requested.orElse(defaultValue);
        if (n < 1 || n > max) {
            return Result.refused(Refusal.invalid(field, "must be a whole number from 1 to " + max + "."));
        }
        return Result.ok(n);
    }
}
