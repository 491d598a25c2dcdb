package dev.visitorauth.application.service;

import dev.visitorauth.application.port.in.ConversationDetails;
import dev.visitorauth.application.port.in.GetConversationUseCase;
import dev.visitorauth.application.port.in.GetUserUseCase;
import dev.visitorauth.application.port.in.ListUsersUseCase;
import dev.visitorauth.application.port.in.PostAgentReplyUseCase;
import dev.visitorauth.application.port.in.UserDetails;
import dev.visitorauth.application.port.out.LoadConversationPort;
import dev.visitorauth.application.port.out.LoadUserPort;
import dev.visitorauth.application.port.out.LoadVisitorPort;
import dev.visitorauth.application.port.out.RandomPort;
import dev.visitorauth.application.port.out.SaveConversationPort;
import dev.visitorauth.application.port.out.SearchUsersPort;
import dev.visitorauth.application.port.out.SearchUsersPort.UserPage;
import dev.visitorauth.application.port.out.TransactionPort;
import dev.visitorauth.domain.Ids;
import dev.visitorauth.domain.conversation.Author;
import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.conversation.ConversationId;
import dev.visitorauth.domain.conversation.ConversationOwner;
import dev.visitorauth.domain.conversation.Message;
import dev.visitorauth.domain.conversation.MessageId;
import dev.visitorauth.domain.conversation.MessageText;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.identity.User;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What agents and internal services see: users with their devices and conversations, and replies. */
public final class AgentInboxService implements GetUserUseCase, ListUsersUseCase, GetConversationUseCase, PostAgentReplyUseCase {
    /** Users listed per page when the caller does not say. */
    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 100;

    private final LoadUserPort users;
    private final SearchUsersPort search;
    private final LoadVisitorPort visitors;
    private final LoadConversationPort loadConversations;
    private final SaveConversationPort saveConversations;
    private final TransactionPort transactions;
    private final Credentials credentials;
    private final Clock clock;

    public AgentInboxService(LoadUserPort users, SearchUsersPort search, LoadVisitorPort visitors,
                             LoadConversationPort loadConversations, SaveConversationPort saveConversations,
                             TransactionPort transactions, RandomPort random, Clock clock) {
        this.users = Objects.requireNonNull(users, "users");
        this.search = Objects.requireNonNull(search, "search");
        this.visitors = Objects.requireNonNull(visitors, "visitors");
        this.loadConversations = Objects.requireNonNull(loadConversations, "loadConversations");
        this.saveConversations = Objects.requireNonNull(saveConversations, "saveConversations");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.credentials = new Credentials(random);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Result<UserDetails> getUser(WorkspaceId workspaceId, String externalId) {
        if (externalId == null || externalId.isEmpty()
                || externalId.codePointCount(0, externalId.length()) > ExternalUserId.MAX_LENGTH) {
            return Refusals.notFound("No such user.");
        }
        Optional<User> user = users.findUserByExternalId(workspaceId, new ExternalUserId(externalId));
        return user.<Result<UserDetails>>map(u -> Result.ok(new UserDetails(u, visitors.visitorsOf(workspaceId, u.id()),
                loadConversations.conversationsOf(workspaceId, new ConversationOwner.LinkedUser(u.id())))))
                .orElseGet(() -> Refusals.notFound("No such user."));
    }

    @Override
    public Result<UserPage> listUsers(ListUsersQuery query) {
        if (query.limit() < 1 || query.limit() > MAX_PAGE_SIZE) {
            return Refusals.invalid("limit", "limit must be 1 to " + MAX_PAGE_SIZE + ".");
        }
        if (query.query().length() > 255) {
            return Refusals.invalid("q", "q must be at most 255 characters.");
        }
        return Result.ok(search.searchUsers(query.workspaceId(), query.query(), query.limit(), query.cursor()));
    }

    @Override
    public Result<ConversationDetails> getConversation(WorkspaceId workspaceId, String conversationId) {
        return find(workspaceId, conversationId).map(conversation -> {
            Optional<User> user = conversation.owner() instanceof ConversationOwner.LinkedUser linked
                    ? users.findUser(workspaceId, linked.userId()) : Optional.empty();
            return new ConversationDetails(conversation, user, loadConversations.messagesOf(workspaceId, conversation.id()));
        });
    }

    @Override
    public Result<Message> postAgentReply(WorkspaceId workspaceId, String conversationId, String text) {
        if (!MessageText.isValid(text)) {
            return WidgetSessionService.invalidText();
        }
        Instant now = clock.instant();
        return transactions.inTransaction(() -> find(workspaceId, conversationId).map(conversation -> {
            Message reply = new Message(new MessageId(credentials.id("m_", 16)), conversation.id(), Author.AGENT,
                    new MessageText(text), true, now);
            saveConversations.appendMessage(workspaceId, reply);
            return reply;
        }));
    }

    private Result<Conversation> find(WorkspaceId workspaceId, String conversationId) {
        if (!Ids.isWellFormed(conversationId)) {
            return Refusals.notFound("No such conversation.");
        }
        return loadConversations.findConversation(workspaceId, new ConversationId(conversationId))
                .<Result<Conversation>>map(Result::ok).orElseGet(() -> Refusals.notFound("No such conversation."));
    }
}
