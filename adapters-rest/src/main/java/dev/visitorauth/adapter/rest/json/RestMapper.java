package dev.visitorauth.adapter.rest.json;

import dev.visitorauth.adapter.rest.json.Responses.AdminConversationResponse;
import dev.visitorauth.adapter.rest.json.Responses.AuthFailureListResponse;
import dev.visitorauth.adapter.rest.json.Responses.AuthFailureResponse;
import dev.visitorauth.adapter.rest.json.Responses.CheckResponse;
import dev.visitorauth.adapter.rest.json.Responses.ConversationListResponse;
import dev.visitorauth.adapter.rest.json.Responses.ConversationResponse;
import dev.visitorauth.adapter.rest.json.Responses.CreatedWidgetResponse;
import dev.visitorauth.adapter.rest.json.Responses.MessageListResponse;
import dev.visitorauth.adapter.rest.json.Responses.MessageResponse;
import dev.visitorauth.adapter.rest.json.Responses.OwnerResponse;
import dev.visitorauth.adapter.rest.json.Responses.PolicyResponse;
import dev.visitorauth.adapter.rest.json.Responses.SecretResponse;
import dev.visitorauth.adapter.rest.json.Responses.SessionResponse;
import dev.visitorauth.adapter.rest.json.Responses.StartedConversationResponse;
import dev.visitorauth.adapter.rest.json.Responses.StartedSessionResponse;
import dev.visitorauth.adapter.rest.json.Responses.TokenInspectionResponse;
import dev.visitorauth.adapter.rest.json.Responses.UserDetailsResponse;
import dev.visitorauth.adapter.rest.json.Responses.UserListResponse;
import dev.visitorauth.adapter.rest.json.Responses.UserOwnerResponse;
import dev.visitorauth.adapter.rest.json.Responses.UserResponse;
import dev.visitorauth.adapter.rest.json.Responses.VisitorOwnerResponse;
import dev.visitorauth.adapter.rest.json.Responses.VisitorResponse;
import dev.visitorauth.adapter.rest.json.Responses.VisitorUserResponse;
import dev.visitorauth.adapter.rest.json.Responses.WidgetKeyResponse;
import dev.visitorauth.adapter.rest.json.Responses.WidgetResponse;
import dev.visitorauth.adapter.rest.json.Responses.WorkspaceResponse;
import dev.visitorauth.adapter.rest.json.Responses.CoverageCountsResponse;
import dev.visitorauth.adapter.rest.json.Responses.InboxItemResponse;
import dev.visitorauth.adapter.rest.json.Responses.InboxOwnerResponse;
import dev.visitorauth.adapter.rest.json.Responses.InboxResponse;
import dev.visitorauth.adapter.rest.json.Responses.WidgetListResponse;
import dev.visitorauth.application.port.in.AuthFailures;
import dev.visitorauth.application.port.in.InspectedToken;
import dev.visitorauth.application.port.in.ListInboxUseCase.InboxItem;
import dev.visitorauth.application.port.in.ListInboxUseCase.InboxOwner;
import dev.visitorauth.application.port.in.ListInboxUseCase.InboxPage;
import dev.visitorauth.application.port.in.ListUsersUseCase;
import dev.visitorauth.application.port.in.ListWidgetsUseCase.WidgetPage;
import dev.visitorauth.adapter.rest.json.Responses.CoverageResponse;
import dev.visitorauth.adapter.rest.json.Responses.PatchedWidgetResponse;
import dev.visitorauth.adapter.rest.json.Responses.RequiredImpactResponse;
import dev.visitorauth.domain.coverage.Coverage;
import dev.visitorauth.domain.coverage.CoverageTally;
import dev.visitorauth.domain.coverage.RequiredImpact;
import dev.visitorauth.application.port.in.ConversationDetails;
import dev.visitorauth.application.port.in.ConversationPage;
import dev.visitorauth.application.port.in.MessagePage;
import dev.visitorauth.application.port.in.VisitorPage;
import dev.visitorauth.adapter.rest.json.Responses.VisitorListResponse;
import dev.visitorauth.application.port.in.ConversationThread;
import dev.visitorauth.application.port.in.CreateWorkspaceUseCase.CreatedWorkspace;
import dev.visitorauth.application.port.in.SessionView;
import dev.visitorauth.application.port.in.StartedSession;
import dev.visitorauth.application.port.in.UserDetails;
import dev.visitorauth.application.port.in.WidgetDetails;
import dev.visitorauth.domain.conversation.AgentName;
import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.conversation.ConversationOwner;
import dev.visitorauth.domain.conversation.Message;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.identity.Profile;
import dev.visitorauth.domain.identity.User;
import dev.visitorauth.domain.token.JsonValue;
import dev.visitorauth.domain.visitor.Visitor;
import dev.visitorauth.domain.widget.AuthFailure;
import dev.visitorauth.domain.widget.AuthenticationPolicy;
import dev.visitorauth.domain.widget.TokenAlgorithm;
import dev.visitorauth.domain.widget.JwksUrl;
import dev.visitorauth.domain.widget.Widget;
import dev.visitorauth.domain.widget.WidgetPublicKey;
import dev.visitorauth.domain.widget.WidgetSecret;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;

/** The one place where the application's results become the API's JSON documents ({@link Responses}). */
public final class RestMapper {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RestMapper() {
    }

    // ---- widget-facing ----

    public static StartedSessionResponse startedSession(StartedSession started) {
        SessionResponse s = session(started.session());
        return new StartedSessionResponse(started.sessionToken(), s.expiresAt(), s.visitorId(), s.status(), s.user());
    }

    public static SessionResponse session(SessionView view) {
        return new SessionResponse(time(view.session().expiresAt()), view.visitor().id().value(),
                view.authenticated() ? "authenticated" : "anonymous", view.user().map(RestMapper::visitorUser).orElse(null));
    }

    static VisitorUserResponse visitorUser(User user) {
        Profile p = user.profile();
        return new VisitorUserResponse(user.externalId().value(), text(p.name()), text(p.email()), text(p.avatar()),
                text(p.companyId()), text(p.companyName()), customData(p));
    }

    public static ConversationListResponse conversations(ConversationPage page) {
        return new ConversationListResponse(page.conversations().stream().map(RestMapper::conversation).toList(),
                page.nextCursor().orElse(null));
    }

    public static VisitorListResponse visitors(VisitorPage page) {
        return new VisitorListResponse(page.visitors().stream().map(RestMapper::visitor).toList(),
                page.nextCursor().orElse(null));
    }

    public static ConversationResponse conversation(Conversation c) {
        return new ConversationResponse(c.id().value(), time(c.createdAt()), time(c.lastMessageAt()), c.messageCount(),
                c.unreadCount(), c.preview().orElse(null));
    }

    public static StartedConversationResponse startedConversation(ConversationThread thread) {
        Conversation c = thread.conversation();
        return new StartedConversationResponse(c.id().value(), time(c.createdAt()), time(c.lastMessageAt()), c.messageCount(),
                messageList(thread.messages()));
    }

    public static MessageResponse message(Message m) {
        return new MessageResponse(m.id().value(), m.text().value(), m.author().wire(), m.authenticated(), time(m.createdAt()),
                m.agentName().map(AgentName::value).orElse(null));
    }

    public static MessageListResponse messages(MessagePage page) {
        return new MessageListResponse(messageList(page.messages()), page.hasMore());
    }

    private static List<MessageResponse> messageList(List<Message> messages) {
        return messages.stream().map(RestMapper::message).toList();
    }

    // ---- admin: workspaces and widgets ----

    public static WorkspaceResponse workspace(CreatedWorkspace created) {
        return new WorkspaceResponse(created.workspace().id().value(), created.workspace().name(), created.apiKey());
    }

    public static WidgetResponse widget(WidgetDetails details) {
        Widget w = details.widget();
        return new WidgetResponse(w.id().value(), w.name(), details.currentSecret().keyId().value(), policy(w.policy()),
                w.allowedOrigins().origins(), time(w.createdAt()), details.jwksUrl().map(JwksUrl::value).orElse(null),
                details.publicKeys().stream().map(RestMapper::widgetKey).toList());
    }

    public static WidgetKeyResponse widgetKey(WidgetPublicKey key) {
        return new WidgetKeyResponse(key.keyId().value(), key.type().kty(), algorithms(key), time(key.createdAt()));
    }

    /** The algorithms a key verifies as the wire shows them: one name, or "RS256,PS256" (in TokenAlgorithm's order). */
    public static String algorithms(WidgetPublicKey key) {
        return String.join(",", key.algorithms().stream().sorted().map(TokenAlgorithm::headerName).toList());
    }

    /** A PATCHed widget, with the rollout warning when the use case gave one. */
    public static PatchedWidgetResponse patchedWidget(WidgetDetails details) {
        WidgetResponse w = widget(details);
        return new PatchedWidgetResponse(w.id(), w.name(), w.keyId(), w.policy(), w.allowedOrigins(), w.createdAt(),
                w.jwksUrl(), w.keys(), details.rolloutWarning().map(RestMapper::requiredImpact).orElse(null));
    }

    public static WidgetListResponse widgetList(WidgetPage page) {
        return new WidgetListResponse(page.widgets().stream().map(RestMapper::widget).toList(),
                page.nextCursor().orElse(null));
    }

    public static InboxResponse inbox(InboxPage page) {
        return new InboxResponse(page.items().stream().map(RestMapper::inboxItem).toList(), page.nextCursor().orElse(null));
    }

    private static InboxItemResponse inboxItem(InboxItem item) {
        Conversation c = item.conversation();
        InboxOwner o = item.owner();
        return new InboxItemResponse(c.id().value(), new InboxOwnerResponse(o.kind(), o.id(), o.name().orElse(null)),
                time(c.createdAt()), time(c.lastMessageAt()), c.messageCount(), c.preview().orElse(null));
    }

    public static RequiredImpactResponse requiredImpact(RequiredImpact impact) {
        return new RequiredImpactResponse(impact.wouldRefuse(), impact.share());
    }

    public static CoverageResponse coverage(Coverage coverage) {
        Map<String, CoverageCountsResponse> byOrigin = new java.util.TreeMap<>();
        coverage.byOrigin().forEach((origin, tally) -> byOrigin.put(origin, coverageCounts(tally)));
        return new CoverageResponse(coverage.hours(), coverageCounts(coverage.counts()), byOrigin,
                requiredImpact(coverage.ifRequired()));
    }

    private static CoverageCountsResponse coverageCounts(CoverageTally tally) {
        Map<String, Long> refused = new LinkedHashMap<>();
        tally.refused().forEach((code, n) -> refused.put(code.wire(), n));
        return new CoverageCountsResponse(tally.authenticated(), tally.anonymous(), tally.observedInvalid(), refused);
    }

    public static CreatedWidgetResponse createdWidget(WidgetDetails details) {
        WidgetResponse w = widget(details);
        return new CreatedWidgetResponse(w.id(), w.name(), w.keyId(), w.policy(), w.allowedOrigins(), w.createdAt(),
                w.jwksUrl(), w.keys(), details.currentSecret().value().reveal());
    }

    private static PolicyResponse policy(AuthenticationPolicy policy) {
        return new PolicyResponse(policy.mode().wire(), policy.maxTokenLifetime().toSeconds(), policy.clockSkew().toSeconds(),
                policy.requireJti());
    }

    public static SecretResponse secret(WidgetSecret secret) {
        return new SecretResponse(secret.value().reveal(), secret.keyId().value());
    }

    public static AuthFailureListResponse authFailures(AuthFailures log) {
        List<AuthFailureResponse> failures = log.failures().stream().map(RestMapper::authFailure).toList();
        Map<ErrorCode, Long> byCode = new EnumMap<>(ErrorCode.class);
        byCode.putAll(log.countsByCode());
        Map<String, Long> counts = new LinkedHashMap<>();
        byCode.forEach((code, n) -> counts.put(code.wire(), n));
        return new AuthFailureListResponse(failures, counts);
    }

    private static AuthFailureResponse authFailure(AuthFailure f) {
        return new AuthFailureResponse(time(f.at()), f.code().wire(), f.claim().orElse(null), f.origin().orElse(null),
                f.kid().orElse(null), f.iat().map(RestMapper::time).orElse(null));
    }

    public static TokenInspectionResponse inspection(InspectedToken inspection) {
        Optional<Refusal> refusal = inspection.refusal();
        return new TokenInspectionResponse(inspection.valid(), refusal.map(r -> r.code().wire()).orElse(null),
                refusal.flatMap(Refusal::claim).orElse(null), inspection.keyId().map(k -> k.value()).orElse(null),
                inspection.header().map(RestMapper::json).orElse(null), inspection.claims().map(RestMapper::json).orElse(null),
                inspection.checks().stream().map(s -> new CheckResponse(s.name(), s.passed(), s.detail())).toList());
    }

    /**
     * A decoded token's JSON as it was: members in order, numbers with their original text
     * ({@code 3.0} stays {@code 3.0}). A number whose text is not a JSON number is shown as a string.
     */
    public static JsonNode json(JsonValue value) {
        if (value instanceof JsonValue.JsonString s) {
            return NODES.stringNode(s.value());
        }
        if (value instanceof JsonValue.JsonNumber n) {
            // Raw, as the token wrote it: a JsonNumber is valid JSON number text by construction.
            return NODES.rawValueNode(new RawValue(n.text()));
        }
        if (value instanceof JsonValue.JsonBoolean b) {
            return NODES.booleanNode(b.value());
        }
        if (value instanceof JsonValue.JsonObject o) {
            ObjectNode node = NODES.objectNode();
            o.members().forEach((name, member) -> node.set(name, json(member)));
            return node;
        }
        if (value instanceof JsonValue.JsonArray a) {
            ArrayNode node = NODES.arrayNode(a.elements().size());
            a.elements().forEach(element -> node.add(json(element)));
            return node;
        }
        return NODES.nullNode();
    }

    // ---- admin: users and conversations ----

    public static UserResponse user(User user) {
        Profile p = user.profile();
        return new UserResponse(user.externalId().value(), text(p.name()), text(p.email()), text(p.avatar()),
                text(p.companyId()), text(p.companyName()), customData(p), time(user.createdAt()), time(user.updatedAt()));
    }

    public static UserDetailsResponse userDetails(UserDetails details) {
        UserResponse u = user(details.user());
        return new UserDetailsResponse(u.id(), u.name(), u.email(), u.avatar(), u.companyId(), u.companyName(), u.customData(),
                u.createdAt(), u.updatedAt(), details.visitors().stream().map(RestMapper::visitor).toList(),
                details.conversations().stream().map(RestMapper::conversation).toList(), details.visitorCount(),
                details.conversationCount());
    }

    public static VisitorResponse visitor(Visitor v) {
        return new VisitorResponse(v.id().value(), time(v.createdAt()), time(v.lastSeenAt()));
    }

    public static UserListResponse users(ListUsersUseCase.UserPage page) {
        return new UserListResponse(page.users().stream().map(RestMapper::user).toList(), page.nextCursor().orElse(null));
    }

    public static AdminConversationResponse adminConversation(ConversationDetails details) {
        Conversation c = details.conversation();
        OwnerResponse owner = c.owner() instanceof ConversationOwner.AnonymousVisitor anonymous
                ? new VisitorOwnerResponse("visitor", anonymous.visitorId().value())
                : new UserOwnerResponse("user", details.user().map(RestMapper::user).orElse(null));
        return new AdminConversationResponse(c.id().value(), time(c.createdAt()), time(c.lastMessageAt()), c.messageCount(),
                owner, messageList(details.messages()), details.hasMore());
    }

    // ---- values ----

    private static String time(Instant instant) {
        return instant.toString();
    }

    private static String text(Optional<String> value) {
        return value.orElse(null);
    }

    private static Map<String, String> customData(Profile profile) {
        return new LinkedHashMap<>(profile.customData());
    }
}
