package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.error.Result;
import java.util.List;

/**
 * The session's conversations, newest first: the user's (from every device) when authenticated,
 * else the anonymous visitor's own.
 */
public interface ListConversationsUseCase {

    Result<List<Conversation>> listConversations(String sessionToken);
}
