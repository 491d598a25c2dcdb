package dev.visitorauth.application.service;

import dev.visitorauth.application.port.in.ConversationDetails;
import dev.visitorauth.application.port.in.GetConversationUseCase;
import dev.visitorauth.application.port.in.PostAgentReplyUseCase;
import dev.visitorauth.application.port.out.AppendEventPort;
import dev.visitorauth.application.port.out.LoadConversationPort;
import dev.visitorauth.application.port.out.LoadUserPort;
import dev.visitorauth.application.port.out.PageMessagesPort;
import dev.visitorauth.application.port.out.RandomPort;
import dev.visitorauth.application.port.out.SaveConversationPort;
import dev.visitorauth.application.port.out.TransactionPort;
import dev.visitorauth.domain.conversation.AgentName;
import dev.visitorauth.domain.conversation.Author;
import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.conversation.ConversationId;
import dev.visitorauth.domain.conversation.ConversationOwner;
import dev.visitorauth.domain.conversation.Message;
import dev.visitorauth.domain.conversation.MessageId;
import dev.visitorauth.domain.conversation.MessageText;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.identity.User;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What agents and internal services see of a conversation (its owner and messages), and their replies. */
public final class AgentInboxService implements GetConversationUseCase, PostAgentReplyUseCase {
    private final LoadUserPort users;
    private final LoadConversationPort loadConversations;
    private final SaveConversationPort saveConversations;
    private final TransactionPort transactions;
    private final Credentials credentials;
    private final Clock clock;

    private final PageMessagesPort messages;
    private final AppendEventPort events;

    public AgentInboxService(LoadUserPort users, LoadConversationPort loadConversations, SaveConversationPort saveConversations,
                             TransactionPort transactions, RandomPort random, Clock clock, PageMessagesPort messages,
                             AppendEventPort events) {
        this.events = Objects.requireNonNull(events, "events");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.users = Objects.requireNonNull(users, "users");
        this.loadConversations = Objects.requireNonNull(loadConversations, "loadConversations");
        this.saveConversations = Objects.requireNonNull(saveConversations, "saveConversations");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.credentials = new Credentials(random);
        this.clock = Objects.requireNonNull(clock, "clock");
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
        if (MessageText.parse(command.text()) instanceof Result.Refused<MessageText> badText) {
            return Result.refused(badText.refusal());
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
