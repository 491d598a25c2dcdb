package dev.visitorauth.server.it;

import static dev.visitorauth.testing.VisitorTokens.STRANGER_SECRET;
import static dev.visitorauth.testing.VisitorTokens.b64;
import static dev.visitorauth.testing.VisitorTokens.claims;
import static dev.visitorauth.testing.VisitorTokens.newUserId;
import static dev.visitorauth.testing.VisitorTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import dev.visitorauth.adapter.grpc.GrpcStatusMapper;
import dev.visitorauth.adapter.grpc.MetricsInterceptor;
import dev.visitorauth.adapter.grpc.v1.StartSessionRequest;
import dev.visitorauth.adapter.grpc.v1.StartSessionResponse;
import dev.visitorauth.adapter.grpc.v1.VisitorAuthServiceGrpc.VisitorAuthServiceBlockingStub;
import dev.visitorauth.server.GrpcServerLifecycle;
import dev.visitorauth.server.it.ApiClient.Widget;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.StatusProto;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The whole server (REST and gRPC, on H2): the same good and bad visitor tokens sent to
 * {@code POST /v1/widgets/{id}/sessions} and to gRPC {@code StartSession} give the same outcome code,
 * the claim, and the status of spec section 5's table on each side. These cases are also the
 * full-stack path of their token rules, so {@code ErrorContract} does not repeat them.
 */
@OnH2
class GrpcRestParityTest extends ServerTestBase {
    @Autowired
    GrpcServerLifecycle grpc;

    @Autowired
    MeterRegistry meters;

    private final GrpcClients grpcClients = new GrpcClients();
    private VisitorAuthServiceBlockingStub stub;
    private Widget widget;
    private Widget requiredWidget;

    /** What one transport answered: {@code ok}, or the refusal's code and claim, and its status. */
    record Outcome(String code, Optional<String> claim, String status) {
    }

    @BeforeEach
    void createWidgetsAndStub() {
        widget = api.newWidget();
        requiredWidget = api.createWidget(widget.workspace(), Map.of("mode", "required"));
        stub = grpcClients.stub(grpc.getPort(), widget.apiKey());
    }

    @AfterEach
    void closeChannels() throws InterruptedException {
        grpcClients.close();
    }

    /** The tokens of the parity check; each mints a fresh token per transport where a token is single-use. */
    enum Case {
        VALID("ok") {
            @Override
            Optional<String> token(GrpcRestParityTest t) {
                return Optional.of(sign(t.widget.secret(), claims(newUserId())));
            }
        },
        EXPIRED("token_expired", "exp") {
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
        ALG_NONE("unsupported_algorithm", "alg") {
            @Override
            Optional<String> token(GrpcRestParityTest t) {
                return Optional.of(b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(claims(newUserId()).json()) + ".");
            }
        },
        UNKNOWN_KID("unknown_key", "kid") {
            @Override
            Optional<String> token(GrpcRestParityTest t) {
                return Optional.of(sign(t.widget.secret(), "k_no_such_key", claims(newUserId())));
            }
        },
        MISSING_ID("missing_claim", "id") {
            @Override
            Optional<String> token(GrpcRestParityTest t) {
                return Optional.of(sign(t.widget.secret(), claims(newUserId()).without("id")));
            }
        },
        INVALID_EMAIL("invalid_claim", "email") {
            @Override
            Optional<String> token(GrpcRestParityTest t) {
                return Optional.of(sign(t.widget.secret(), claims(newUserId()).with("email", "not an address")));
            }
        },
        LIFETIME_TOO_LONG("token_lifetime_too_long", "exp") {
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
        REPLAYED_JTI("token_replayed", "jti") {
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
        /** The claim REST names, where the case pins it (gRPC must name the same). */
        final Optional<String> claim;

        Case(String expected) {
            this(expected, null);
        }

        Case(String expected, String claim) {
            this.expected = expected;
            this.claim = Optional.ofNullable(claim);
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
        c.claim.ifPresent(claim -> assertThat(rest.claim()).as("REST claim").contains(claim));
        assertThat(grpc.status()).as("gRPC status for HTTP %s", rest.status()).isEqualTo(grpcStatusFor(rest.status()));
    }

    @Test
    void aValidTokenStartsTheSameAuthenticatedSessionOnBothTransports() {
        String user = newUserId();
        ApiClient.Session rest = api.startOk(widget, null, sign(widget.secret(), claims(user).with("name", "Ada")));
        StartSessionResponse grpc = stub.startSession(StartSessionRequest.newBuilder().setWidgetId(widget.id())
                .setVisitorToken(sign(widget.secret(), claims(user))).build());

        assertThat(rest.status()).isEqualTo("authenticated");
        assertThat(grpc.getStatus().name()).isEqualTo("SESSION_STATUS_AUTHENTICATED");
        assertThat(grpc.getUser().getExternalId()).isEqualTo(rest.userId()).isEqualTo(user);
        assertThat(grpc.getUser().getName()).as("the profile REST's token stored").isEqualTo("Ada");
        assertThat(grpc.getVisitorId()).isNotEqualTo(rest.visitorId());
    }

    @Test
    void healthReportsTheDatabaseAndCallsAreMetered() {
        ServingStatus status = HealthGrpc.newBlockingStub(stub.getChannel()).check(HealthCheckRequest.getDefaultInstance()).getStatus();
        assertThat(status).isEqualTo(ServingStatus.SERVING);

        stub.startSession(StartSessionRequest.newBuilder().setWidgetId(widget.id()).build());
        assertThat(meters.get(MetricsInterceptor.METRIC).tag("method", "visitorauth.v1.VisitorAuthService/StartSession")
                .tag("status", "OK").timer().count()).isPositive();
        assertThat(meters.get("visitorauth.session.starts").timers()).as("the same registry as REST").isNotEmpty();
    }

    // ---- the two transports ----

    /** REST's outcome; a refusal must be an RFC 9457 problem that never echoes the token. */
    private Outcome rest(String widgetId, Optional<String> token) {
        ApiClient.Response r = api.start(widgetId, null, token.orElse(null));
        if (r.status() == 201) {
            return new Outcome("ok", Optional.empty(), "201");
        }
        assertProblem(r, r.status(), r.code());
        token.ifPresent(t -> assertThat(r.body()).as("a refusal never echoes the token").doesNotContain(t));
        return new Outcome(r.code(), Optional.ofNullable(r.text("claim")), Integer.toString(r.status()));
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
        Widget keyed = api.createWidget(widget.workspace());
        String jwk = org.jose4j.jwk.RsaJwkGenerator.generateJwk(2048)
                .toJson(org.jose4j.jwk.JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        String keyId = stub.addWidgetKey(dev.visitorauth.adapter.grpc.v1.AddWidgetKeyRequest.newBuilder()
                .setWidgetId(keyed.id()).setJwk(jwk).build()).getKeyId();
        stub.setWidgetJwksUrl(dev.visitorauth.adapter.grpc.v1.SetWidgetJwksUrlRequest.newBuilder().setWidgetId(keyed.id())
                .setJwksUrl("https://idp.example.com/jwks.json").build());

        var listed = stub.listWidgetKeys(dev.visitorauth.adapter.grpc.v1.ListWidgetKeysRequest.newBuilder()
                .setWidgetId(keyed.id()).build());
        ApiClient.Response shown = api.get("/v1/admin/widgets/" + keyed.id(), keyed.apiKey());
        assertThat(shown.status()).as("%s", shown).isEqualTo(200);
        JsonNode rest = shown.json();

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
}
