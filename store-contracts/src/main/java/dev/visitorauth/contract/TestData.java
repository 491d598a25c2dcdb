package dev.visitorauth.contract;

import dev.visitorauth.domain.conversation.Author;
import dev.visitorauth.domain.conversation.ConversationId;
import dev.visitorauth.domain.conversation.Message;
import dev.visitorauth.domain.conversation.MessageId;
import dev.visitorauth.domain.conversation.MessageText;
import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.identity.Profile;
import dev.visitorauth.domain.identity.User;
import dev.visitorauth.domain.identity.UserId;
import dev.visitorauth.domain.session.SessionTokenHash;
import dev.visitorauth.domain.visitor.VisitorId;
import dev.visitorauth.domain.widget.AllowedOrigins;
import dev.visitorauth.domain.widget.AuthenticationPolicy;
import dev.visitorauth.domain.widget.KeyId;
import dev.visitorauth.domain.widget.SecretValue;
import dev.visitorauth.domain.widget.Widget;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.Workspace;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/** Test data: fresh random ids (tests share a database, so nothing collides) and simple aggregates. */
public final class TestData {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestData() {
    }

    public static String id(String prefix) {
        byte[] b = new byte[9];
        RANDOM.nextBytes(b);
        return prefix + "-" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public static WorkspaceId workspaceId() {
        return new WorkspaceId(id("ws"));
    }

    public static WidgetId widgetId() {
        return new WidgetId(id("wid"));
    }

    public static UserId userId() {
        return new UserId(id("usr"));
    }

    public static VisitorId visitorId() {
        return new VisitorId(id("vis"));
    }

    public static ConversationId conversationId() {
        return new ConversationId(id("cnv"));
    }

    public static KeyId keyId() {
        return new KeyId(id("key"));
    }

    public static SecretValue secret() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return SecretValue.of(Base64.getUrlEncoder().withoutPadding().encodeToString(b));
    }

    public static String randomHash() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    public static SessionTokenHash tokenHash() {
        return new SessionTokenHash(randomHash());
    }

    public static Workspace workspace(Instant now) {
        return new Workspace(workspaceId(), "Acme", now);
    }

    public static Widget widget(WorkspaceId ws, Instant now) {
        return new Widget(ws, widgetId(), "Support", AuthenticationPolicy.defaults(), AllowedOrigins.any(), now);
    }

    public static User user(WorkspaceId ws, String externalId, Instant now) {
        return User.restore(ws, userId(), new ExternalUserId(externalId), Profile.empty(), Optional.empty(), now, now);
    }

    public static User user(WorkspaceId ws, String externalId, String name, String email, Instant now) {
        Profile p = new Profile(Optional.ofNullable(name), Optional.ofNullable(email), Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of());
        return User.restore(ws, userId(), new ExternalUserId(externalId), p, Optional.empty(), now, now);
    }

    public static Message message(ConversationId conversation, String text, Instant at) {
        return new Message(new MessageId(id("msg")), conversation, Author.VISITOR, new MessageText(text), true, at);
    }
}
