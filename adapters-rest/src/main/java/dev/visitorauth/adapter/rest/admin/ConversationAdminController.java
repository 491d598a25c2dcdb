package dev.visitorauth.adapter.rest.admin;

import static dev.visitorauth.adapter.rest.error.RefusedException.unwrap;

import dev.visitorauth.adapter.rest.error.RefusedException;
import dev.visitorauth.adapter.rest.json.JsonBody;
import dev.visitorauth.adapter.rest.json.Requests;
import dev.visitorauth.adapter.rest.json.Responses.AdminConversationResponse;
import dev.visitorauth.adapter.rest.json.Responses.MessageResponse;
import dev.visitorauth.adapter.rest.json.RestMapper;
import dev.visitorauth.adapter.rest.widget.ConversationController;
import dev.visitorauth.application.port.in.GetConversationUseCase.GetConversationQuery;
import dev.visitorauth.application.port.in.GetConversationUseCase;
import dev.visitorauth.application.port.in.MessageWindow;
import dev.visitorauth.application.port.in.PostAgentReplyUseCase.PostAgentReplyCommand;
import dev.visitorauth.application.port.in.PostAgentReplyUseCase;
import dev.visitorauth.domain.conversation.ConversationId;
import dev.visitorauth.domain.workspace.WorkspaceId;
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

/** Conversations as agents see them, and agents' replies. */
@RestController
@Tag(name = "Admin: users and conversations")
@SecurityRequirement(name = "workspaceApiKey")
public class ConversationAdminController {
    private final GetConversationUseCase getConversation;
    private final PostAgentReplyUseCase postAgentReply;

    public ConversationAdminController(GetConversationUseCase getConversation, PostAgentReplyUseCase postAgentReply) {
        this.getConversation = Objects.requireNonNull(getConversation, "getConversation");
        this.postAgentReply = Objects.requireNonNull(postAgentReply, "postAgentReply");
    }

    @GetMapping("/v1/admin/conversations/{conversationId}")
    @Operation(summary = "A conversation with its owner and a page of its messages",
            description = "Each message says whether its author was authenticated when it was written. Messages page as in"
                    + " GET /v1/conversations/{id}/messages: limit (1 to 200, default 50), before or after a message id.")
    public AdminConversationResponse get(
            WorkspaceId workspace, @PathVariable String conversationId,
            @Parameter(description = "1 to 200; default 50") @RequestParam(required = false) String limit,
            @Parameter(description = "A message id: the page before it") @RequestParam(required = false) String before,
            @Parameter(description = "A message id: the page after it") @RequestParam(required = false) String after) {
        MessageWindow window = ConversationController.window(limit, before, after);
        GetConversationQuery query = new GetConversationQuery(workspace, unwrap(ConversationId.parse(conversationId)), window);
        return RestMapper.adminConversation(unwrap(getConversation.getConversation(query)));
    }

    @PostMapping("/v1/admin/conversations/{conversationId}/messages")
    @Operation(summary = "Post an agent's reply",
            description = "The widget then shows it, with agentName (optional, 1 to 80 characters once trimmed) beside it.")
    public ResponseEntity<MessageResponse> reply(
            WorkspaceId workspace, @PathVariable String conversationId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = Requests.AgentReplyRequest.class)))
            @RequestBody(required = false) JsonNode body) {
        JsonBody json = JsonBody.of(body, "text", "agentName");
        String text = json.string("text").orElseThrow(() -> RefusedException.invalid("text", "text is required."));
        var reply = unwrap(postAgentReply.postAgentReply(new PostAgentReplyCommand(workspace,
                unwrap(ConversationId.parse(conversationId)), text,
                json.string("agentName"))));
        return ResponseEntity.status(HttpStatus.CREATED).body(RestMapper.message(reply));
    }
}
