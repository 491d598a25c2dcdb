package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.conversation.OwnerFilter;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The agent inbox (spec sections 11 and 14): the workspace's conversations, users' and anonymous
 * visitors' alike, newest activity first ({@code lastMessageAt}, then id), with their owner and the
 * preview of the last message, whose owners {@code owner} selects ({@link OwnerFilter#parse} reads
 * the API's {@code user}, {@code visitor} or {@code any}). {@code limit} 1 to 100 (default 20); a
 * cursor is valid only for the list, workspace and owner filter it was issued for. Refusals:
 * {@code invalid_request} naming {@code limit} or {@code cursor}.
 */
public interface ListInboxUseCase {

    Result<InboxPage> listInbox(InboxQuery query);

    record InboxQuery(WorkspaceId workspaceId, OptionalInt limit, Optional<String> cursor, OwnerFilter owner) {
        public InboxQuery {
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(limit, "limit");
            Objects.requireNonNull(cursor, "cursor");
            Objects.requireNonNull(owner, "owner");
        }
    }

    /**
     * Who owns an inbox conversation.
     *
     * @param kind {@code user} or {@code visitor}
     * @param id   the user's external id, or the visitor's id
     * @param name the user's name; empty for a visitor or a user without one
     */
    record InboxOwner(String kind, String id, Optional<String> name) {
        public InboxOwner {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
        }
    }

    /** A conversation (with its preview) and its owner. */
    record InboxItem(Conversation conversation, InboxOwner owner) {
        public InboxItem {
            Objects.requireNonNull(conversation, "conversation");
            Objects.requireNonNull(owner, "owner");
        }
    }

    record InboxPage(List<InboxItem> items, Optional<String> nextCursor) {
        public InboxPage {
            items = List.copyOf(items);
            Objects.requireNonNull(nextCursor, "nextCursor");
        }
    }
}
