package dev.visitorauth.application;

import dev.visitorauth.application.port.in.EraseUserUseCase;
import dev.visitorauth.application.port.in.ExportUserUseCase;
import dev.visitorauth.application.port.in.ListUserConversationsUseCase;
import dev.visitorauth.application.port.in.ListUserVisitorsUseCase;
import dev.visitorauth.application.port.out.LoadWidgetPort;
import dev.visitorauth.application.port.out.CursorCodecPort;
import dev.visitorauth.application.service.ConversationReadingService;
import dev.visitorauth.application.port.in.AddWidgetKeyUseCase;
import dev.visitorauth.application.port.in.AuthenticateApiKeyUseCase;
import dev.visitorauth.application.port.in.DeleteWidgetKeyUseCase;
import dev.visitorauth.application.port.in.AuthenticateSessionUseCase;
import dev.visitorauth.application.port.in.CreateWidgetUseCase;
import dev.visitorauth.application.port.in.CreateWorkspaceUseCase;
import dev.visitorauth.application.port.in.EndSessionUseCase;
import dev.visitorauth.application.port.in.GetConversationUseCase;
import dev.visitorauth.application.port.in.GetUserUseCase;
import dev.visitorauth.application.port.in.GetWidgetOriginsUseCase;
import dev.visitorauth.application.port.in.GetWidgetUseCase;
import dev.visitorauth.application.port.in.InspectTokenUseCase;
import dev.visitorauth.application.port.in.ListAuthFailuresUseCase;
import dev.visitorauth.application.port.in.ListConversationsUseCase;
import dev.visitorauth.application.port.in.ListMessagesUseCase;
import dev.visitorauth.application.port.in.ListUsersUseCase;
import dev.visitorauth.application.port.in.PostAgentReplyUseCase;
import dev.visitorauth.application.port.in.MarkConversationReadUseCase;
import dev.visitorauth.application.port.in.PostMessageUseCase;
import dev.visitorauth.application.port.in.RevokeUserSessionsUseCase;
import dev.visitorauth.application.port.in.PurgeExpiredDataUseCase;
import dev.visitorauth.application.port.in.RevealSecretUseCase;
import dev.visitorauth.application.port.in.RotateSecretUseCase;
import dev.visitorauth.application.port.in.StartConversationUseCase;
import dev.visitorauth.application.port.in.StartSessionUseCase;
import dev.visitorauth.application.port.in.UpdateWidgetUseCase;
import dev.visitorauth.application.port.in.VerifyTokenUseCase;
import dev.visitorauth.application.port.out.FetchJwksPort;
import dev.visitorauth.application.port.out.ParseJwkPort;
import dev.visitorauth.application.port.out.RandomPort;
import dev.visitorauth.application.port.out.VerifyVisitorTokenPort;
import dev.visitorauth.application.service.AgentInboxService;
import dev.visitorauth.application.service.CoverageService;
import dev.visitorauth.application.service.AdminListsService;
import dev.visitorauth.application.port.in.ListInboxUseCase;
import dev.visitorauth.application.port.in.ListWidgetsUseCase;
import dev.visitorauth.application.port.in.RotateApiKeyUseCase;
import dev.visitorauth.application.port.in.GetCoverageUseCase;
import dev.visitorauth.application.service.DataLifecycleService;
import dev.visitorauth.application.service.EraseUserService;
import dev.visitorauth.application.service.EventStreamService;
import dev.visitorauth.application.service.ExportUserService;
import dev.visitorauth.application.service.GetUserService;
import dev.visitorauth.application.service.JwksKeyCache;
import dev.visitorauth.application.service.ListUserConversationsService;
import dev.visitorauth.application.service.ListUserVisitorsService;
import dev.visitorauth.application.service.ListUsersService;
import dev.visitorauth.application.service.ReadStateService;
import dev.visitorauth.application.service.SessionRevocationService;
import dev.visitorauth.application.service.NewVisitorBudget;
import dev.visitorauth.application.service.SessionIssuing;
import dev.visitorauth.application.service.StartSessionService;
import dev.visitorauth.application.service.StartupCounting;
import dev.visitorauth.application.service.StartupVerification;
import dev.visitorauth.application.service.UserUpsert;
import dev.visitorauth.application.service.VisitorLinking;
import dev.visitorauth.application.service.TokenToolsService;
import dev.visitorauth.application.service.TokenVerificationService;
import dev.visitorauth.application.service.WidgetAdminService;
import dev.visitorauth.application.service.WidgetKeysService;
import dev.visitorauth.application.service.WidgetOriginsService;
import dev.visitorauth.application.service.WidgetSessionService;
import dev.visitorauth.application.service.VisitorMessagesService;
import dev.visitorauth.application.service.WidgetSecretService;
import dev.visitorauth.application.service.AuthFailureLogService;
import dev.visitorauth.application.service.WorkspaceService;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The whole core, assembled: every use case over one {@link Storage} and one token verifier. An
 * embedding host needs no framework, only a store: the in-memory adapter's builder presets one
 * ({@code adapters-memory}),
 *
 * <pre>{@code
 * VisitorAuthentication auth = InMemoryStorage.builder(new StrictJwsCodec()).build();
 * var workspace = auth.createWorkspace().createWorkspace("Acme").orElseThrow();
 * }</pre>
 *
 * or a host passes its store and cursor codec, e.g. the JDBC adapter's:
 * {@code VisitorAuthentication.builder(verifier).storage(jdbc.storage()).cursors(new HmacCursorCodec(key)).build()}.
 *
 * Thread-safe once built.
 */
public final class VisitorAuthentication {
    /** The spec's default session lifetime. */
    public static final Duration DEFAULT_SESSION_LIFETIME = Duration.ofHours(12);

    private final StartSessionService startSession;
    private final WidgetSessionService widgetSessions;
    private final VisitorMessagesService visitorMessages;
    private final WorkspaceService workspaces;
    private final WidgetAdminService widgets;
    private final WidgetSecretService widgetSecrets;
    private final AuthFailureLogService authFailures;
    private final CoverageService coverage;
    private final AdminListsService adminLists;
    private final WidgetKeysService widgetKeys;
    private final TokenToolsService tokenTools;
    private final AgentInboxService inbox;
    private final DataLifecycleService lifecycle;
    private final GetUserUseCase getUser;
    private final ListUsersUseCase listUsers;
    private final ListUserVisitorsUseCase listUserVisitors;
    private final ListUserConversationsUseCase listUserConversations;
    private final EraseUserUseCase eraseUser;
    private final ExportUserUseCase exportUser;
    private final ConversationReadingService reading;
    private final WidgetOriginsService widgetOrigins;
    private final Storage storage;
    private final Clock clock;
    private final SessionRevocationService revocation;
    private final ReadStateService readState;

    private VisitorAuthentication(Builder b) {
        Storage s = b.storage;
        storage = s;
        LoadWidgetPort widgetReads = b.widgetReads != null ? b.widgetReads : s.loadWidgets();
        clock = b.clock;
        TokenVerificationService verification = new TokenVerificationService(b.verifier,
                new JwksKeyCache(b.jwks, JwksKeyCache.DEFAULT_MAX_URLS), s.recordFailures());
        startSession = startSession(s, widgetReads, verification, b);
        widgetSessions = new WidgetSessionService(s.loadSessions(), s.saveSessions(), widgetReads, s.loadVisitors(),
                s.loadUsers(), s.loadConversations(), s.transactions(), b.clock, s.appendEvents());
        visitorMessages = new VisitorMessagesService(widgetSessions, s.saveConversations(), s.transactions(), b.random, b.clock,
                s.requestLimits(), s.appendEvents());
        workspaces = new WorkspaceService(s.loadWorkspaces(), s.saveWorkspaces(), s.transactions(), b.random, b.clock);
        coverage = new CoverageService(s.loadWidgets(), s.coverage().load(), b.clock);
        widgets = new WidgetAdminService(s.loadWidgets(), s.saveWidgets(), s.transactions(), b.random, b.clock,
                b.allowPrivateOutbound, coverage);
        widgetSecrets = new WidgetSecretService(s.loadWidgets(), s.saveWidgets(), s.transactions(), b.random, b.clock,
                s.appendEvents());
        authFailures = new AuthFailureLogService(s.loadWidgets(), s.loadFailures());
        widgetKeys = new WidgetKeysService(s.loadWidgets(), s.saveWidgets(), b.jwkParser, s.transactions(), b.random, b.clock);
        tokenTools = new TokenToolsService(widgetReads, verification, s.tokenIds(), s.loadUsers(), b.clock);
        lifecycle = new DataLifecycleService(s.purge(), b.clock);
        getUser = new GetUserService(s.loadUsers(), s.pageVisitors(), s.pageConversations());
        listUsers = new ListUsersService(s.searchUsers(), b.cursors);
        listUserVisitors = new ListUserVisitorsService(s.loadUsers(), s.pageVisitors(), b.cursors);
        listUserConversations = new ListUserConversationsService(s.loadUsers(), s.pageConversations(), b.cursors);
        eraseUser = new EraseUserService(s.loadUsers(), s.eraseUsers(), s.transactions(), s.appendEvents(), b.clock);
        exportUser = new ExportUserService(s.loadUsers(), s.pageVisitors(), s.pageConversations(), s.pageMessages());
        reading = new ConversationReadingService(widgetSessions, s.pageConversations(), s.pageMessages(), b.cursors);
        inbox = new AgentInboxService(s.loadUsers(), s.loadConversations(), s.saveConversations(), s.transactions(), b.random,
                b.clock, s.pageMessages(), s.appendEvents());
        widgetOrigins = new WidgetOriginsService(widgetReads);
        adminLists = new AdminListsService(s.loadWidgets(), s.pageConversations(), s.loadUsers(), b.cursors);
        revocation = new SessionRevocationService(s.loadUsers(), s.saveUsers(), s.saveSessions(), s.appendEvents(), s.transactions(),
                b.clock);
        readState = new ReadStateService(widgetSessions, s.loadConversations(), s.saveConversations(), s.appendEvents(),
                s.transactions(), b.clock);
    }

    /** Start-up: its parts, each given the ports it uses (two share the new-visitor budget and the counting). */
    private static StartSessionService startSession(Storage s, LoadWidgetPort widgetReads, TokenVerificationService verification,
                                                    Builder b) {
        NewVisitorBudget newVisitors = new NewVisitorBudget(s.requestLimits());
        StartupCounting counting = new StartupCounting(s.coverage().count(), s.coverage().load(), s.coverage().spikes(),
                s.appendEvents(), s.transactions());
        StartupVerification startupVerification = new StartupVerification(widgetReads, verification, s.rateLimit(),
                s.recordFailures(), counting);
        VisitorLinking linking = new VisitorLinking(s.tokenIds(), s.loadVisitors(), s.saveVisitors(), s.loadConversations(),
                s.saveConversations(), s.saveSessions(), newVisitors, new UserUpsert(s.loadUsers(), s.saveUsers(), b.random),
                new SessionIssuing(s.saveSessions(), s.appendEvents(), b.random, b.sessionLifetime), b.random);
        return new StartSessionService(widgetReads, s.transactions(), b.clock, newVisitors, startupVerification, linking,
                counting);
    }

    /** Starts assembling, with the token verifier (e.g. the jose4j adapter's). */
    public static Builder builder(VerifyVisitorTokenPort verifier) {
        return new Builder(verifier);
    }

    public StartSessionUseCase startSession() {
        return startSession;
    }

    public AuthenticateSessionUseCase authenticateSession() {
        return widgetSessions;
    }

    public EndSessionUseCase endSession() {
        return widgetSessions;
    }

    public ListConversationsUseCase listConversations() {
        return reading;
    }

    public StartConversationUseCase startConversation() {
        return visitorMessages;
    }

    public ListMessagesUseCase listMessages() {
        return reading;
    }

    public PostMessageUseCase postMessage() {
        return visitorMessages;
    }

    public CreateWorkspaceUseCase createWorkspace() {
        return workspaces;
    }

    public AuthenticateApiKeyUseCase authenticateApiKey() {
        return workspaces;
    }

    public CreateWidgetUseCase createWidget() {
        return widgets;
    }

    public GetWidgetUseCase getWidget() {
        return widgets;
    }

    public UpdateWidgetUseCase updateWidget() {
        return widgets;
    }

    public RevealSecretUseCase revealSecret() {
        return widgetSecrets;
    }

    /** The workspace's widgets, a page at a time. */
    public ListWidgetsUseCase listWidgets() {
        return adminLists;
    }

    /** The agent inbox: the workspace's conversations, users' and visitors', newest activity first. */
    public ListInboxUseCase listInbox() {
        return adminLists;
    }

    /** Replaces the workspace API key, with a grace period for the old one. */
    public RotateApiKeyUseCase rotateApiKey() {
        return workspaces;
    }

    /** A widget's coverage: start-ups by outcome and origin, and what {@code required} would refuse. */
    public GetCoverageUseCase coverage() {
        return coverage;
    }

    public RotateSecretUseCase rotateSecret() {
        return widgetSecrets;
    }

    public ListAuthFailuresUseCase listAuthFailures() {
        return authFailures;
    }

    public AddWidgetKeyUseCase addWidgetKey() {
        return widgetKeys;
    }

    public DeleteWidgetKeyUseCase deleteWidgetKey() {
        return widgetKeys;
    }

    public VerifyTokenUseCase verifyToken() {
        return tokenTools;
    }

    public InspectTokenUseCase inspectToken() {
        return tokenTools;
    }

    public GetUserUseCase getUser() {
        return getUser;
    }

    public ListUsersUseCase listUsers() {
        return listUsers;
    }

    public GetConversationUseCase getConversation() {
        return inbox;
    }

    public PostAgentReplyUseCase postAgentReply() {
        return inbox;
    }

    /** The data-lifecycle job's one run; a host runs it every few minutes. */
    public PurgeExpiredDataUseCase purgeExpiredData() {
        return lifecycle;
    }

    public ListUserVisitorsUseCase listUserVisitors() {
        return listUserVisitors;
    }

    public ListUserConversationsUseCase listUserConversations() {
        return listUserConversations;
    }

    public EraseUserUseCase eraseUser() {
        return eraseUser;
    }

    public ExportUserUseCase exportUser() {
        return exportUser;
    }

    public GetWidgetOriginsUseCase widgetOrigins() {
        return widgetOrigins;
    }

    /**
     * A new event dispatcher for this node's streams (widget, admin, {@code WatchWorkspace}) over this
     * core's event log. It runs its work on {@code executor} (a small shared pool); the host calls its
     * {@link EventStreamService#tick()} every second and {@link EventStreamService#shutdown()} when stopping.
     */
    public EventStreamService eventStreams(java.util.concurrent.Executor executor, EventStreamService.Settings settings) {
        return new EventStreamService(storage.readEvents(), storage.eventSignals(), widgetSessions, clock, executor, settings);
    }

    /** "Sign out everywhere". */
    public RevokeUserSessionsUseCase revokeUserSessions() {
        return revocation;
    }

    public MarkConversationReadUseCase markConversationRead() {
        return readState;
    }

    /** The JWKS reader of a core assembled without one: every fetch fails, and is logged as {@code jwks_unavailable}. */
    private static final FetchJwksPort NO_JWKS_FETCHER = url -> new FetchJwksPort.JwksFetch.Failed(
            "this deployment was assembled without a JWKS fetcher");

    /** The parser of a core assembled without one: public keys cannot be uploaded. */
    private static final ParseJwkPort NO_JWK_PARSER = json -> new ParseJwkPort.Unreadable(
            "This deployment cannot read JWKs: it was assembled without a JWK parser, so public keys cannot be uploaded.");

    /**
     * The service's clock: UTC, ticking in microseconds, the precision the stores keep, so what is
     * returned is what is stored.
     */
    public static Clock systemClock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    /**
     * Assembles a {@link VisitorAuthentication}. The storage and the cursor codec must be given (the
     * core holds no store of its own); everything else has a default.
     */
    public static final class Builder {
        private final VerifyVisitorTokenPort verifier;
        private Storage storage;
        private RandomPort random = new SecureRandomPort();
        private Clock clock = systemClock();
        private Duration sessionLifetime = DEFAULT_SESSION_LIFETIME;
        private CursorCodecPort cursors;
        private FetchJwksPort jwks = NO_JWKS_FETCHER;
        private ParseJwkPort jwkParser = NO_JWK_PARSER;
        private boolean allowPrivateOutbound;
        private LoadWidgetPort widgetReads;

        private Builder(VerifyVisitorTokenPort verifier) {
            this.verifier = Objects.requireNonNull(verifier, "verifier");
        }

        /**
         * Where the read-only paths (session start-up, sessions, token tools, CORS) read widgets and
         * keyrings: e.g. a per-node cache that changes evict. Every path that changes a widget
         * reads it from the storage. Default: the storage's.
         */
        public Builder widgetReads(LoadWidgetPort widgetReads) {
            this.widgetReads = Objects.requireNonNull(widgetReads, "widgetReads");
            return this;
        }

        /** Where data lives (required): e.g. {@code InMemoryStorage.create()} or the JDBC adapter's storage. */
        public Builder storage(Storage storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
            return this;
        }

        /** Default: {@link VisitorAuthentication#systemClock()}. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Default: the JDK's {@code SecureRandom}. */
        public Builder random(RandomPort random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** Default: 12 hours. */
        public Builder sessionLifetime(Duration sessionLifetime) {
            this.sessionLifetime = Objects.requireNonNull(sessionLifetime, "sessionLifetime");
            return this;
        }

        /**
         * Seals list cursors (required): the in-memory adapter's {@code InMemoryCursorRegistry}
         * (cursors of this process only) beside its store; a server whose data outlives the process,
         * or runs on several nodes, passes the persistence adapter's codec, keyed by its master key.
         */
        public Builder cursors(CursorCodecPort cursors) {
            this.cursors = Objects.requireNonNull(cursors, "cursors");
            return this;
        }

        /**
         * Reads widgets' JWKS URLs (e.g. the token adapter's {@code Jose4jJwksFetcher} behind the
         * outbound guard). Default: none, so a widget's JWKS URL yields no keys and each failed
         * fetch is logged as {@code jwks_unavailable}.
         */
        public Builder jwks(FetchJwksPort jwks) {
            this.jwks = Objects.requireNonNull(jwks, "jwks");
            return this;
        }

        /**
         * Reads uploaded JWKs (e.g. the token adapter's jose4j parser). Default: none, and every
         * key upload is refused ({@code invalid_request}, {@code jwk}).
         */
        public Builder jwkParser(ParseJwkPort jwkParser) {
            this.jwkParser = Objects.requireNonNull(jwkParser, "jwkParser");
            return this;
        }

        /**
         * {@code VISITORAUTH_OUTBOUND_ALLOW_PRIVATE}: true lets a widget's JWKS URL use plain
         * {@code http} (development and tests). Default: false.
         */
        public Builder allowPrivateOutbound(boolean allow) {
            this.allowPrivateOutbound = allow;
            return this;
        }

        /**
         * @throws IllegalStateException when no storage or no cursor codec was given
         */
        public VisitorAuthentication build() {
            if (storage == null) {
                throw new IllegalStateException("no storage: call storage(...) with a store, e.g. InMemoryStorage.create() "
                        + "(visitorauth-adapters-memory) or the JDBC adapter's JdbcPersistence.storage(), "
                        + "or start from InMemoryStorage.builder(verifier)");
            }
            if (cursors == null) {
                throw new IllegalStateException("no cursor codec: call cursors(...), e.g. new InMemoryCursorRegistry(random) "
                        + "beside an in-memory store, or the JDBC adapter's HmacCursorCodec");
            }
            return new VisitorAuthentication(this);
        }
    }
}
