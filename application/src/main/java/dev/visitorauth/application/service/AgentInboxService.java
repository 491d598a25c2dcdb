package dev.visitorauth.application.service;

import dev.visitorauth.application.port.in.ConversationDetails;
import dev.visitorauth.application.port.in.GetConversationUseCase;
import dev.visitorauth.application.port.in.GetUserUseCase;
import dev.visitorauth.application.port.in.ListUsersUseCase;
import dev.visitorauth.application.port.in.PostAgentReplyUseCase;
import dev.visitorauth.application.port.in.UserDetails;
import dev.visitorauth.application.port.out.AppendEventPort;
import dev.visitorauth.application.port.out.CursorCodecPort.CursorScope;
import dev.visitorauth.application.port.out.CursorCodecPort;
import dev.visitorauth.application.port.out.LoadConversationPort;
import dev.visitorauth.application.port.out.LoadUserPort;
import dev.visitorauth.application.port.out.LoadVisitorPort;
import dev.visitorauth.application.port.out.PageMessagesPort;
import dev.visitorauth.application.port.out.RandomPort;
import dev.visitorauth.application.port.out.SaveConversationPort;
import dev.visitorauth.application.port.out.SearchUsersPort.UserPage;
import dev.visitorauth.application.port.out.SearchUsersPort;
import dev.visitorauth.application.port.out.TransactionPort;
import dev.visitorauth.domain.conversation.AgentName;
import dev.visitorauth.domain.conversation.Author;
import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.conversation.ConversationId;
import dev.visitorauth.domain.conversation.ConversationOwner;
import dev.visitorauth.domain.conversation.Message;
import dev.visitorauth.domain.conversation.MessageId;
import dev.visitorauth.domain.conversation.MessageText;
import dev.visitorauth.domain.error.InputField;
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

    private final UserDataService userData;
    private final PageMessagesPort messages;
    private final CursorCodecPort cursors;
    private final AppendEventPort events;

    public AgentInboxService(LoadUserPort users, SearchUsersPort search, LoadVisitorPort visitors,
                             LoadConversationPort loadConversations, SaveConversationPort saveConversations,
                             TransactionPort transactions, RandomPort random, Clock clock, UserDataService userData,
                             PageMessagesPort messages, CursorCodecPort cursors, AppendEventPort events) {
        this.events = Objects.requireNonNull(events, "events");
        this.userData = Objects.requireNonNull(userData, "userData");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.cursors = Objects.requireNonNull(cursors, "cursors");
        this.users = Objects.requireNonNull(users, "users");
        this.search = Objects.requireNonNull(search, "search");
        this.visitors = Objects.requireNonNull(visitors, "visitors");
        this.loadConversations = Objects.requireNonNull(loadConversations, "loadConversations");
        this.saveConversations = Objects.requireNonNull(saveConversations, "saveConversations");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.credentials = new Credentials(random);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** At most {@value Paging#USER_DETAILS_CAP} of each sub-list, newest first, with the full counts. */
    @Override
    public Result<UserDetails> getUser(WorkspaceId workspaceId, ExternalUserId externalId) {
        return userData.find(workspaceId, externalId).map(userData::details);
    }

    @Override
    public Result<UserPage> listUsers(ListUsersQuery query) {
        if (query.limit() < 1 || query.limit() > MAX_PAGE_SIZE) {
            return Refusals.invalid(InputField.PAGE_SIZE, "must be 1 to " + MAX_PAGE_SIZE + ".");
        }
        if (query.query().length() > 255) {
            return Refusals.invalid(InputField.QUERY, "must be at most 255 characters.");
        }
        CursorScope scope = new CursorScope(Paging.USERS, query.workspaceId(), "", query.query());
        return Paging.openPosition(cursors, scope, query.cursor()).map(after -> {
            UserPage page = search.searchUsers(query.workspaceId(), query.query(), query.limit(), after);
            return new UserPage(page.users(), page.nextCursor().map(position -> cursors.seal(scope, position)));
        });
    }

    @Override
    public Result<ConversationDetails> getConversation(GetConversationQuery query) {
        WorkspaceId workspaceId = query.workspaceId();
        return find(workspaceId, query.conversationId()).flatMap(conversation ->
                Paging.messages(messages, workspaceId, conversation.id(), query.window()).map(page -> {
                    Optional<User> user = conversation.owner() instanceof ConversationOwner.LinkedUser linked
                            ? users.findUser(workspaceId, linked.userId()) : Optional.empty();
                    return new ConversationDetails(conversation, user, page.messages(), page.hasMore());
                }));
    }

    @Override
    public Result<Message> postAgentReply(PostAgentReplyCommand command) {
        if (!MessageText.isValid(command.text())) {
            return Refusals.invalidMessageText();
        }
        Optional<AgentName> agentName = Optional.empty();
        if (command.agentName().isPresent()) {
            Result<AgentName> parsed = AgentName.parse(command.agentName().get());
            if (parsed instanceof Result.Refused<AgentName> refused) {
                return Result.refused(refused.refusal());
            }
            agentName = Optional.of(parsed.orElseThrow());
        }
        Optional<AgentName> signed = agentName;
        WorkspaceId workspaceId = command.workspaceId();
        Instant now = clock.instant();
        return transactions.inTransaction(() -> find(workspaceId, command.conversationId()).map(conversation -> {
            Message reply = new Message(new MessageId(credentials.id("m_", 16)), conversation.id(), Author.AGENT,
                    new MessageText(command.text()), true, now, signed);
            saveConversations.appendMessage(workspaceId, reply);
            events.append(WorkspaceEvents.messageCreated(workspaceId, conversation.owner(), reply));
            return reply;
        }));
    }

    private Result<Conversation> find(WorkspaceId workspaceId, ConversationId conversationId) {
        return loadConversations.findConversation(workspaceId, conversationId)
                .<Result<Conversation>>map(Result::ok).orElseGet(() -> Result.refused(ConversationId.unknown()));
    }
}
