package dev.visitorauth.server.grpc;

import static dev.visitorauth.testing.VisitorTokens.STRANGER_SECRET;
import static dev.visitorauth.testing.VisitorTokens.b64;
import static dev.visitorauth.testing.VisitorTokens.claims;
import static dev.visitorauth.testing.VisitorTokens.newUserId;
import static dev.visitorauth.testing.VisitorTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import dev.visitorauth.adapter.grpc.ApiKeyInterceptor;
import dev.visitorauth.adapter.grpc.GrpcStatusMapper;
import dev.visitorauth.adapter.grpc.MetricsInterceptor;
import dev.visitorauth.adapter.grpc.v1.StartSessionRequest;
import dev.visitorauth.adapter.grpc.v1.StartSessionResponse;
import dev.visitorauth.adapter.grpc.v1.VisitorAuthServiceGrpc.VisitorAuthServiceBlockingStub;
import dev.visitorauth.adapter.grpc.v1.VisitorAuthServiceGrpc;
import dev.visitorauth.server.GrpcServerLifecycle;
import dev.visitorauth.server.VisitorAuthServer;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole server (REST on a random port, gRPC on port 0, H2 file database in a temporary
 * directory): the same good and bad visitor tokens sent to {@code POST /v1/widgets/{id}/sessions}
 * and to gRPC {@code StartSession} give the same outcome code, the claim, and the status of spec
 * section 5's table on each side.
 */
@SpringBootTest(classes = VisitorAuthServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrpcRestParityTest {
    private static final String SYSTEM_KEY = "grpc-parity-system-key-0123456789";
    private static final Path DATA = createTempDirectory();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + DATA.resolve("db")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        registry.add("spring.datasource.username", () -> "sa");
        registry.add("spring.datasource.password", () -> "");
        registry.add("visitorauth.data-dir", DATA::toString);
        registry.add("visitorauth.system-api-key", () -> SYSTEM_KEY);
        registry.add("visitorauth.grpc.port", () -> "0");
        registry.add("management.server.port", () -> "0");
        // Both transports fail from 127.0.0.1 on the same widget: keep the failure budget out of the way.
        registry.add("visitorauth.failure-limit", () -> "1000");
        registry.add("visitorauth.new-visitor-limit", () -> "100000");
        registry.add("server.shutdown", () -> "immediate");
    }

    @LocalServerPort
    int httpPort;

    @Autowired
    GrpcServerLifecycle grpc;

    @Autowired
    MeterRegistry meters;

    private ManagedChannel channel;
    private VisitorAuthServiceBlockingStub stub;
    private String apiKey;
    private Widget widget;
    private Widget requiredWidget;

    record Widget(String id, String secret, String keyId) {
    }

    /** What one transport answered: {@code ok}, or the refusal's code and claim, and its status. */
    record Outcome(String code, Optional<String> claim, String status) {
    }

    @BeforeAll
    void createWorkspaceAndWidgets() {
        JsonNode workspace = post("/v1/workspaces", SYSTEM_KEY, Map.of("name", "Parity"), 201);
        apiKey = workspace.path("apiKey").asString();
        widget = createWidget("Parity");
        requiredWidget = createWidget("Required");
        request("PATCH", "/v1/admin/widgets/" + requiredWidget.id(), apiKey, Map.of("mode", "required"), 200);

        channel = Grpc.newChannelBuilderForAddress("127.0.0.1", grpc.getPort(), InsecureChannelCredentials.create()).build();
        Metadata headers = new Metadata();
        headers.put(ApiKeyInterceptor.AUTHORIZATION, "Bearer " + apiKey);
        stub = VisitorAuthServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    @AfterAll
    void closeChannel() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** The tokens of the parity check; each mints a fresh token per transport where a token is single-use. */
    enum Case {
        VALID("ok") {
            @Override
            Optional<String> token(GrpcRestParityTest t) {
                return Optional.of(sign(t.widget.secret(), claims(newUserId())));
            }
        },
        EXPIRED("token_expired") {
            @Override
            Optional<String> token(GrpcRestParityTest t) {
                return Optional.of(sign(t.widget.secret(), claims(newUserId()).times(-300, -120)));
            }
        },
        BAD_SIGNATURE("invalid_signature") {
            @Override
            Optional<String> token(GrpcRestParityTest t) {
                return Optional.of(sign(STRANGER_SECRET, claims(newUserId())));
            }
        },
        ALG_NONE("unsupported_algorithm") {
            @Override
            Optional<String> token(GrpcRestParityTest t) {
                return Optional.of(b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(claims(newUserId()).json()) + ".");
            }
        },
        UNKNOWN_KID("unknown_key") {
            @Override
            Optional<String> token(GrpcRestParityTest t) {
                return Optional.of(sign(t.widget.secret(), "k_no_such_key", claims(newUserId())));
            }
        },
        MISSING_ID("missing_claim") {
            @Override
            Optional<String> token(GrpcRestParityTest t) {
                return Optional.of(sign(t.widget.secret(), claims(newUserId()).without("id")));
            }
        },
        INVALID_EMAIL("invalid_claim") {
            @Override
            Optional<String> token(GrpcRestParityTest t) {
                return Optional.of(sign(t.widget.secret(), claims(newUserId()).with("email", "not an address")));
            }
        },
        LIFETIME_TOO_LONG("token_lifetime_too_long") {
            @Override
            Optional<String> token(GrpcRestParityTest t) {
                return Optional.of(sign(t.widget.secret(), claims(newUserId()).times(0, 86_400)));
            }
        },
        MALFORMED("malformed_token") {
            @Override
            Optional<String> token(GrpcRestParityTest t) {
                return Optional.of("not-a-token");
            }
        },
        REPLAYED_JTI("token_replayed") {
            @Override
            Optional<String> token(GrpcRestParityTest t) {
                return Optional.of(t.replayedToken);
            }
        },
        TOKEN_REQUIRED("token_required") {
            @Override
            Optional<String> token(GrpcRestParityTest t) {
                return Optional.empty();
            }

            @Override
            String widgetId(GrpcRestParityTest t) {
                return t.requiredWidget.id();
            }
        },
        UNKNOWN_WIDGET("widget_not_found") {
            @Override
            Optional<String> token(GrpcRestParityTest t) {
                return Optional.of(sign(t.widget.secret(), claims(newUserId())));
            }

            @Override
            String widgetId(GrpcRestParityTest t) {
                return "w_does_not_exist";
            }
        };

        final String expected;

        Case(String expected) {
            this.expected = expected;
        }

        abstract Optional<String> token(GrpcRestParityTest t);

        String widgetId(GrpcRestParityTest t) {
            return t.widget.id();
        }
    }

    private String replayedToken;

    @ParameterizedTest
    @EnumSource(Case.class)
    void restAndGrpcGiveTheSameOutcome(Case c) {
        if (c == Case.REPLAYED_JTI) {
            replayedToken = sign(widget.secret(), claims(newUserId()).jti());
            assertThat(rest(widget.id(), Optional.of(replayedToken)).code()).as("first use").isEqualTo("ok");
        }
        String widgetId = c.widgetId(this);

        Outcome rest = rest(widgetId, c.token(this));
        Outcome grpc = grpc(widgetId, c.token(this));

        assertThat(rest.code()).as("REST outcome").isEqualTo(c.expected);
        assertThat(grpc.code()).as("gRPC outcome").isEqualTo(c.expected);
        assertThat(grpc.claim()).as("claim").isEqualTo(rest.claim());
        assertThat(grpc.status()).as("gRPC status for HTTP %s", rest.status()).isEqualTo(grpcStatusFor(rest.status()));
    }

    @Test
    void aValidTokenStartsTheSameAuthenticatedSessionOnBothTransports() {
        String user = newUserId();
        JsonNode rest = post("/v1/widgets/" + widget.id() + "/sessions", null,
                Map.of("visitorToken", sign(widget.secret(), claims(user).with("name", "Ada"))), 201);
        StartSessionResponse grpc = stub.startSession(StartSessionRequest.newBuilder().setWidgetId(widget.id())
                .setVisitorToken(sign(widget.secret(), claims(user))).build());

        assertThat(rest.path("status").asString()).isEqualTo("authenticated");
        assertThat(grpc.getStatus().name()).isEqualTo("SESSION_STATUS_AUTHENTICATED");
        assertThat(grpc.getUser().getExternalId()).isEqualTo(rest.path("user").path("id").asString()).isEqualTo(user);
        assertThat(grpc.getUser().getName()).as("the profile REST's token stored").isEqualTo("Ada");
        assertThat(grpc.getVisitorId()).isNotEqualTo(rest.path("visitorId").asString());
    }

    @Test
    void healthReportsTheDatabaseAndCallsAreMetered() {
        ServingStatus status = HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance()).getStatus();
        assertThat(status).isEqualTo(ServingStatus.SERVING);

        stub.startSession(StartSessionRequest.newBuilder().setWidgetId(widget.id()).build());
        assertThat(meters.get(MetricsInterceptor.METRIC).tag("method", "visitorauth.v1.VisitorAuthService/StartSession")
                .tag("status", "OK").timer().count()).isPositive();
        assertThat(meters.get("visitorauth.session.starts").timers()).as("the same registry as REST").isNotEmpty();
    }

    // ---- the two transports ----

    private Outcome rest(String widgetId, Optional<String> token) {
        Map<String, Object> body = new LinkedHashMap<>();
        token.ifPresent(t -> body.put("visitorToken", t));
        HttpResponse<String> r = send("POST", "/v1/widgets/" + widgetId + "/sessions", null, body);
        if (r.statusCode() == 201) {
            return new Outcome("ok", Optional.empty(), "201");
        }
        JsonNode problem = JSON.readTree(r.body());
        JsonNode claim = problem.path("claim");
        return new Outcome(problem.path("code").asString(), claim.isMissingNode() || claim.isNull()
                ? Optional.empty() : Optional.of(claim.asString()), Integer.toString(r.statusCode()));
    }

    private Outcome grpc(String widgetId, Optional<String> token) {
        StartSessionRequest.Builder request = StartSessionRequest.newBuilder().setWidgetId(widgetId);
        token.ifPresent(request::setVisitorToken);
        try {
            stub.withDeadlineAfter(10, TimeUnit.SECONDS).startSession(request.build());
            return new Outcome("ok", Optional.empty(), Status.Code.OK.name());
        } catch (StatusRuntimeException e) {
            ErrorInfo info = errorInfo(e);
            assertThat(info.getDomain()).isEqualTo(GrpcStatusMapper.DOMAIN);
            return new Outcome(info.getReason(), Optional.ofNullable(info.getMetadataMap().get(GrpcStatusMapper.CLAIM)),
                    e.getStatus().getCode().name());
        }
    }

    private static String grpcStatusFor(String httpStatus) {
        return switch (httpStatus) {
            case "201" -> "OK";
            case "400" -> "INVALID_ARGUMENT";
            case "401" -> "UNAUTHENTICATED";
            case "403" -> "PERMISSION_DENIED";
            case "404" -> "NOT_FOUND";
            case "429" -> "RESOURCE_EXHAUSTED";
            case "503" -> "UNAVAILABLE";
            default -> "no gRPC status for HTTP " + httpStatus;
        };
    }

    private static ErrorInfo errorInfo(StatusRuntimeException e) {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        assertThat(status).as("rich status of %s", e.getStatus()).isNotNull();
        try {
            for (var detail : status.getDetailsList()) {
                if (detail.is(ErrorInfo.class)) {
                    return detail.unpack(ErrorInfo.class);
                }
            }
        } catch (InvalidProtocolBufferException ex) {
            throw new AssertionError(ex);
        }
        throw new AssertionError("no ErrorInfo in " + status);
    }

    // ---- public keys (spec section 12) ----

    /** A key added over gRPC is shown by REST as gRPC lists it, and a JWKS URL set over gRPC is the widget's. */
    @Test
    void keysAndTheJwksUrlReadTheSameOverBothTransports() throws Exception {
        Widget keyed = createWidget("Keys");
        String jwk = org.jose4j.jwk.RsaJwkGenerator.generateJwk(2048)
                .toJson(org.jose4j.jwk.JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        String keyId = stub.addWidgetKey(dev.visitorauth.adapter.grpc.v1.AddWidgetKeyRequest.newBuilder()
                .setWidgetId(keyed.id()).setJwk(jwk).build()).getKeyId();
        stub.setWidgetJwksUrl(dev.visitorauth.adapter.grpc.v1.SetWidgetJwksUrlRequest.newBuilder().setWidgetId(keyed.id())
                .setJwksUrl("https://idp.example.com/jwks.json").build());

        var listed = stub.listWidgetKeys(dev.visitorauth.adapter.grpc.v1.ListWidgetKeysRequest.newBuilder()
                .setWidgetId(keyed.id()).build());
        JsonNode rest = request("GET", "/v1/admin/widgets/" + keyed.id(), apiKey, Map.of(), 200);

        assertThat(listed.getKeysCount()).isEqualTo(1);
        assertThat(rest.path("keys")).hasSize(1);
        JsonNode key = rest.path("keys").get(0);
        assertThat(key.path("keyId").asString()).isEqualTo(keyId).isEqualTo(listed.getKeys(0).getKeyId());
        assertThat(key.path("kty").asString()).isEqualTo("RSA").isEqualTo(listed.getKeys(0).getKty());
        assertThat(key.path("alg").asString()).isEqualTo("RS256,PS256").isEqualTo(listed.getKeys(0).getAlg());
        Instant created = Instant.parse(key.path("createdAt").asString());
        assertThat(created.getEpochSecond()).isEqualTo(listed.getKeys(0).getCreatedAt().getSeconds());
        assertThat(created.getNano()).isEqualTo(listed.getKeys(0).getCreatedAt().getNanos());
        assertThat(rest.path("jwksUrl").asString()).isEqualTo(listed.getJwksUrl()).isEqualTo("https://idp.example.com/jwks.json");
    }

    // ---- REST set-up ----

    private Widget createWidget(String name) {
        JsonNode w = post("/v1/admin/widgets", apiKey, Map.of("name", name), 201);
        return new Widget(w.path("id").asString(), w.path("secret").asString(), w.path("keyId").asString());
    }

    private JsonNode post(String path, String bearer, Object body, int expectedStatus) {
        return request("POST", path, bearer, body, expectedStatus);
    }

    private JsonNode request(String method, String path, String bearer, Object body, int expectedStatus) {
        HttpResponse<String> r = send(method, path, bearer, body);
        assertThat(r.statusCode()).as("%s %s: %s", method, path, r.body()).isEqualTo(expectedStatus);
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> send(String method, String path, String bearer, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path createTempDirectory() {
        try {
            Path dir = Files.createTempDirectory("visitorauth-grpc-parity-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                } catch (IOException ignored) {
                    // best effort at exit
                }
            }));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
