package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.conversation.ConversationOwner;
import dev.visitorauth.domain.conversation.OwnerFilter;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.Optional;

/** Reads an owner's conversations a page at a time, by keyset, never by offset. */
public interface PageConversationsPort {

    /**
     * @param limit 1 to 1000
     * @param after the previous page's {@link Slice#next()}; empty for the first page
     * @return at most {@code limit} conversations of the owner, in {@code order}
     */
    Slice<Conversation> pageConversationsOf(WorkspaceId workspaceId, ConversationOwner owner, ListOrder order, int limit,
                                            Optional<Keyset> after);

    /** How many conversations the owner has. */
    long countConversationsOf(WorkspaceId workspaceId, ConversationOwner owner);

    /**
     * A page of the workspace's conversations, users' and anonymous visitors' alike, newest activity
     * first ({@code lastMessageAt}, then id, both descending), each with its preview.
     *
     * @param limit 1 to 1000
     * @param after the previous page's {@link Slice#next()}; empty for the first page
     */
    Slice<Conversation> pageWorkspaceConversations(WorkspaceId workspaceId, OwnerFilter owners, int limit,
                                                   Optional<Keyset> after);
}
