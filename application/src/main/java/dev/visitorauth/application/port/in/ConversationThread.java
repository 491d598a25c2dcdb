package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.conversation.Message;
import java.util.List;
import java.util.Objects;

/** A conversation with its messages, oldest first. */
public record ConversationThread(Conversation conversation, List<Message> messages) {
    public ConversationThread {
        Objects.requireNonNull(conversation, "conversation");
        messages = List.copyOf(messages);
    }
}
