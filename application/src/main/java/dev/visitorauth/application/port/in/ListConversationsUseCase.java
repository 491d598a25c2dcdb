package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.error.Result;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The session's conversations, newest activity first, a page at a time: the user's (from every
 * device) when authenticated, else the anonymous visitor's own. {@code invalid_request} naming
 * {@code limit} (1 to 100, default 20) or {@code cursor} (not one this list issued to this owner).
 */
public interface ListConversationsUseCase {

    Result<ConversationPage> listConversations(ListConversationsQuery query);

    /** @param cursor the previous page's {@code nextCursor}; empty for the first page */
    record ListConversationsQuery(String sessionToken, OptionalInt limit, Optional<String> cursor) {
        public ListConversationsQuery {
            Objects.requireNonNull(sessionToken, "sessionToken");
            Objects.requireNonNull(limit, "limit");
            Objects.requireNonNull(cursor, "cursor");
        }

        /** The first page of the default size. */
        public static ListConversationsQuery firstPage(String sessionToken) {
            return new ListConversationsQuery(sessionToken, OptionalInt.empty(), Optional.empty());
        }
    }
}
