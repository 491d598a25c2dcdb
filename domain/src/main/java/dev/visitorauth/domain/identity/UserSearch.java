package dev.visitorauth.domain.identity;

import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;

/**
 * Listing and searching a workspace's users (spec section 6): {@value #DEFAULT_PAGE_SIZE} a page
 * unless asked, 1 to {@value #MAX_PAGE_SIZE}; a search text of at most {@value #MAX_QUERY_LENGTH}
 * characters.
 */
public final class UserSearch {
    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 100;
    public static final int MAX_QUERY_LENGTH = 255;

    private UserSearch() {
    }

    /** {@code requested} as a page size: {@code invalid_request} about the page size outside 1 to {@value #MAX_PAGE_SIZE}. */
    public static Result<Integer> pageSize(int requested) {
        if (requested < 1 || requested > MAX_PAGE_SIZE) {
            return Result.refused(Refusal.invalid(InputField.PAGE_SIZE, "must be 1 to " + MAX_PAGE_SIZE + "."));
        }
        return Result.ok(requested);
    }

    /** {@code text} as a search: {@code invalid_request} about the query over {@value #MAX_QUERY_LENGTH} characters. */
    public static Result<String> query(String text) {
        if (text.length() > MAX_QUERY_LENGTH) {
            return Result.refused(Refusal.invalid(InputField.QUERY, "must be at most " + MAX_QUERY_LENGTH + " characters."));
        }
        return Result.ok(text);
    }
}
