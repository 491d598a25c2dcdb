package dev.visitorauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.application.port.in.SessionView;
import dev.visitorauth.application.port.in.StartSessionUseCase.StartSessionCommand;
import dev.visitorauth.application.port.in.StartedSession;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.identity.Profile;
import dev.visitorauth.domain.identity.User;
import dev.visitorauth.domain.identity.UserId;
import dev.visitorauth.domain.session.Session;
import dev.visitorauth.domain.session.SessionTokenHash;
import dev.visitorauth.domain.visitor.Visitor;
import dev.visitorauth.domain.visitor.VisitorId;
import dev.visitorauth.domain.widget.AllowedOrigins;
import dev.visitorauth.domain.widget.AuthenticationPolicy;
import dev.visitorauth.domain.widget.Widget;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The start-up timer: one sample per start, tagged with its outcome; only authenticated starts count as valid verifications. */
class TimedStartSessionTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final WorkspaceId WORKSPACE = new WorkspaceId("ws_1");
    private static final WidgetId WIDGET = new WidgetId("wid_1");
    private static final UserId USER = new UserId("usr_1");
    private static final StartSessionCommand COMMAND =
            new StartSessionCommand(WIDGET, Optional.empty(), Optional.empty(), Optional.empty(), "203.0.113.7");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final VerificationMetrics verifications = new VerificationMetrics(meters);

    @Test
    void timesARefusedStartUnderItsCode() {
        start(Result.refused(ErrorCode.INVALID_SIGNATURE, "signature does not verify"));

        assertThat(startsWithOutcome("invalid_signature").count()).isEqualTo(1);
        assertThat(validVerifications()).isZero();
    }

    @Test
    void timesAnAnonymousStartWithoutCountingAVerification() {
        start(Result.ok(started(false)));

        assertThat(startsWithOutcome("anonymous").count()).isEqualTo(1);
        assertThat(validVerifications()).isZero();
    }

    @Test
    void timesAnAuthenticatedStartAndCountsItAsAValidVerification() {
        start(Result.ok(started(true)));

        assertThat(startsWithOutcome("authenticated").count()).isEqualTo(1);
        assertThat(validVerifications()).isEqualTo(1);
    }

    @Test
    void keepsOneTimerPerOutcome() {
        start(Result.ok(started(true)));
        start(Result.ok(started(false)));
        start(Result.ok(started(false)));

        assertThat(meters.get(TimedStartSession.METRIC).timers()).hasSize(2);
        assertThat(startsWithOutcome("anonymous").count()).isEqualTo(2);
        assertThat(startsWithOutcome("authenticated").count()).isEqualTo(1);
    }

    @Test
    void asksForPercentileHistogramBuckets() {
        List<DistributionStatisticConfig> configs = new ArrayList<>();
        meters.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getName().equals(TimedStartSession.METRIC)) {
                    configs.add(config);
                }
                return config;
            }
        });

        start(Result.ok(started(false)));

        assertThat(configs).singleElement().extracting(DistributionStatisticConfig::isPercentileHistogram).isEqualTo(true);
    }

    @Test
    void handsBackTheDelegatesResultUnchanged() {
        Result<StartedSession> result = Result.ok(started(true));

        assertThat(start(result)).isSameAs(result);
    }

    private Result<StartedSession> start(Result<StartedSession> answer) {
        return new TimedStartSession(command -> answer, meters, verifications).startSession(COMMAND);
    }

    private Timer startsWithOutcome(String outcome) {
        return meters.get(TimedStartSession.METRIC).tag("outcome", outcome).timer();
    }

    private double validVerifications() {
        return meters.get(VerificationMetrics.METRIC).tag("outcome", "valid").counter().count();
    }

    private static StartedSession started(boolean authenticated) {
        VisitorId visitorId = new VisitorId("vis_1");
        Optional<UserId> userId = authenticated ? Optional.of(USER) : Optional.empty();
        Session session = new Session(new SessionTokenHash("0".repeat(64)), WORKSPACE, WIDGET, visitorId, userId, NOW,
                NOW.plusSeconds(3600), Optional.empty());
        Widget widget = new Widget(WORKSPACE, WIDGET, "Support", AuthenticationPolicy.defaults(), AllowedOrigins.any(), NOW);
        Visitor visitor = Visitor.restore(WORKSPACE, WIDGET, visitorId, userId, NOW, NOW);
        Optional<User> user = userId.map(id -> User.restore(WORKSPACE, id, new ExternalUserId("ada"), Profile.empty(),
                Optional.empty(), NOW, NOW));
        return new StartedSession("st_token", new SessionView(session, widget, visitor, user));
    }
}
