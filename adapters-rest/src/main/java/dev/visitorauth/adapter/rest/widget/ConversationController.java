package dev.visitorauth.adapter.rest.widget;

import static dev.visitorauth.adapter.rest.error.RefusedException.unwrap;

import dev.visitorauth.adapter.rest.auth.WidgetSession;
import dev.visitorauth.adapter.rest.error.RefusedException;
import dev.visitorauth.adapter.rest.json.JsonBody;
import dev.visitorauth.adapter.rest.json.QueryParameters;
import dev.visitorauth.adapter.rest.json.Requests;
import dev.visitorauth.adapter.rest.json.Responses.ConversationListResponse;
import dev.visitorauth.adapter.rest.json.Responses.MessageListResponse;
import dev.visitorauth.adapter.rest.json.Responses.MessageResponse;
import dev.visitorauth.adapter.rest.json.Responses.StartedConversationResponse;
import dev.visitorauth.adapter.rest.json.RestMapper;
import dev.visitorauth.application.port.in.ListConversationsUseCase.ListConversationsQuery;
import dev.visitorauth.application.port.in.ListConversationsUseCase;
import dev.visitorauth.application.port.in.ListMessagesUseCase.ListMessagesQuery;
import dev.visitorauth.application.port.in.ListMessagesUseCase;
import dev.visitorauth.application.port.in.MarkConversationReadUseCase.MarkReadCommand;
import dev.visitorauth.application.port.in.MarkConversationReadUseCase;
import dev.visitorauth.application.port.in.MessageWindow;
import dev.visitorauth.application.port.in.PostMessageUseCase.PostMessageCommand;
import dev.visitorauth.application.port.in.PostMessageUseCase;
import dev.visitorauth.application.port.in.StartConversationUseCase.StartConversationCommand;
import dev.visitorauth.application.port.in.StartConversationUseCase;
import dev.visitorauth.domain.conversation.ConversationId;
import dev.visitorauth.domain.conversation.MessageId;
import dev.visitorauth.domain.error.InputField;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * The session's conversations: the user's from every device when the session is authenticated,
 * else the anonymous visitor's own.
 */
@RestController
@Tag(name = "Widget")
@SecurityRequirement(name = "sessionToken")
public class ConversationController {
    private final ListConversationsUseCase listConversations;
    private final StartConversationUseCase startConversation;
    private final ListMessagesUseCase listMessages;
    private final PostMessageUseCase postMessage;
    private final MarkConversationReadUseCase markRead;

    public ConversationController(ListConversationsUseCase listConversations, StartConversationUseCase startConversation,
                                  ListMessagesUseCase listMessages, PostMessageUseCase postMessage,
                                  MarkConversationReadUseCase markRead) {
        this.markRead = Objects.requireNonNull(markRead, "markRead");
        this.listConversations = Objects.requireNonNull(listConversations, "listConversations");
        this.startConversation = Objects.requireNonNull(startConversation, "startConversation");
        this.listMessages = Objects.requireNonNull(listMessages, "listMessages");
        this.postMessage = Objects.requireNonNull(postMessage, "postMessage");
    }

    @GetMapping("/v1/conversations")
    @Operation(summary = "The session's conversations, newest activity first, a page at a time")
    public ConversationListResponse list(
            WidgetSession session,
            @Parameter(description = "1 to 100; default 20") @RequestParam(required = false) String limit,
            @Parameter(description = "The previous page's nextCursor") @RequestParam(required = false) String cursor) {
        ListConversationsQuery query = new ListConversationsQuery(session.token(),
                QueryParameters.optionalWholeNumber("limit", limit), QueryParameters.optionalText(cursor));
        return RestMapper.conversations(unwrap(listConversations.listConversations(query)));
    }

    @PostMapping("/v1/conversations")
    @Operation(summary = "Start a conversation with its first message")
    public ResponseEntity<StartedConversationResponse> start(
            WidgetSession session,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = Requests.TextRequest.class)))
            @RequestBody(required = false) JsonNode body) {
        String text = requiredText(body);
        var thread = unwrap(startConversation.startConversation(new StartConversationCommand(session.token(), text)));
        return ResponseEntity.status(HttpStatus.CREATED).body(RestMapper.startedConversation(thread));
    }

    @GetMapping("/v1/conversations/{conversationId}/messages")
    @Operation(summary = "A page of a conversation's messages, oldest first",
            description = "Without before/after: the newest limit messages. before: the last limit before that message;"
                    + " after: the first limit after it (what a reconnecting widget asks). hasMore: more in that direction.")
    public MessageListResponse messages(
            WidgetSession session, @PathVariable String conversationId,
            @Parameter(description = "1 to 200; default 50") @RequestParam(required = false) String limit,
            @Parameter(description = "A message id: the page before it") @RequestParam(required = false) String before,
            @Parameter(description = "A message id: the page after it") @RequestParam(required = false) String after) {
        MessageWindow window = window(limit, before, after);
        return RestMapper.messages(unwrap(listMessages.listMessages(new ListMessagesQuery(session.token(),
                unwrap(ConversationId.parse(conversationId)), window))));
    }

    /** The message window of a request's {@code limit}, {@code before} and {@code after}. */
    public static MessageWindow window(String limit, String before, String after) {
        return new MessageWindow(QueryParameters.optionalWholeNumber("limit", limit),
                QueryParameters.optionalText(before).map(id -> unwrap(MessageId.parseAnchor(id, InputField.MESSAGES_BEFORE))),
                QueryParameters.optionalText(after).map(id -> unwrap(MessageId.parseAnchor(id, InputField.MESSAGES_AFTER))));
    }

    @PostMapping("/v1/conversations/{conversationId}/messages")
    @Operation(summary = "Post a message to a conversation")
    public ResponseEntity<MessageResponse> post(
            WidgetSession session, @PathVariable String conversationId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = Requests.TextRequest.class)))
            @RequestBody(required = false) JsonNode body) {
        String text = requiredText(body);
        var message = unwrap(postMessage.postMessage(new PostMessageCommand(session.token(),
                unwrap(ConversationId.parse(conversationId)), text)));
        return ResponseEntity.status(HttpStatus.CREATED).body(RestMapper.message(message));
    }

    @PostMapping("/v1/conversations/{conversationId}/read")
    @Operation(summary = "Mark the conversation read up to a message",
            description = "The read marker is the conversation's, so the same on every device of its owner; it only moves"
                    + " forward (an older message leaves it). unreadCount in the conversation list counts the agent"
                    + " messages after it. A message not in this conversation is 404.")
    public ResponseEntity<Void> read(
            WidgetSession session, @PathVariable String conversationId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = Requests.ReadRequest.class)))
            @RequestBody(required = false) JsonNode body) {
        String messageId = JsonBody.of(body, "messageId").string("messageId")
                .orElseThrow(() -> RefusedException.invalid("messageId", "messageId is required."));
        ConversationId conversation = unwrap(ConversationId.parse(conversationId));
        unwrap(markRead.markRead(new MarkReadCommand(session.token(), conversation, unwrap(MessageId.parse(messageId)))));
        return ResponseEntity.noContent().build();
    }

    static String requiredText(JsonNode body) {
        return JsonBody.of(body, "text").string("text").orElseThrow(() -> RefusedException.invalid("text", "text is required."));
    }
}
