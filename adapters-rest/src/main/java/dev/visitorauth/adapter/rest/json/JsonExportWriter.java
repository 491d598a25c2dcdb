package dev.visitorauth.adapter.rest.json;

import dev.visitorauth.application.port.in.ExportUserUseCase.ExportSink;
import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.conversation.Message;
import dev.visitorauth.domain.identity.User;
import dev.visitorauth.domain.visitor.Visitor;
import java.util.List;
import java.util.Objects;
import tools.jackson.core.JsonGenerator;

/**
 * Writes an export as it is read, with a Jackson generator: {@code {"user": {...}, "visitors":
 * [...], "conversations": [{..., "messages": [...]}]}} ({@link Responses.UserExportResponse}).
 * Each item is mapped by {@link RestMapper} and written at once; nothing is kept.
 */
public final class JsonExportWriter implements ExportSink {
    private final JsonGenerator json;
    private boolean conversationsOpen;
    private boolean conversationOpen;

    public JsonExportWriter(JsonGenerator json) {
        this.json = Objects.requireNonNull(json, "json");
    }

    @Override
    public void user(User user) {
        json.writeStartObject();
        json.writeName("user");
        json.writePOJO(RestMapper.user(user));
        json.writeName("visitors");
        json.writeStartArray();
    }

    @Override
    public void visitors(List<Visitor> page) {
        for (Visitor v : page) {
            json.writePOJO(RestMapper.visitor(v));
        }
    }

    @Override
    public void conversation(Conversation c) {
        openConversations();
        closeConversation();
        json.writeStartObject();
        json.writeStringProperty("id", c.id().value());
        json.writeStringProperty("createdAt", c.createdAt().toString());
        json.writeStringProperty("lastMessageAt", c.lastMessageAt().toString());
        json.writeNumberProperty("messageCount", c.messageCount());
        json.writeName("messages");
        json.writeStartArray();
        conversationOpen = true;
    }

    @Override
    public void messages(List<Message> page) {
        for (Message m : page) {
            json.writePOJO(RestMapper.message(m));
        }
        json.flush();
    }

    @Override
    public void end() {
        openConversations();
        closeConversation();
        json.writeEndArray();
        json.writeEndObject();
        json.flush();
    }

    private void openConversations() {
        if (!conversationsOpen) {
            json.writeEndArray(); // visitors
            json.writeName("conversations");
            json.writeStartArray();
            conversationsOpen = true;
        }
    }

    private void closeConversation() {
        if (conversationOpen) {
            json.writeEndArray();
            json.writeEndObject();
            conversationOpen = false;
        }
    }
}
