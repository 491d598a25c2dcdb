package dev.visitorauth.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.application.port.in.StartSessionUseCase.StartSessionCommand;
import dev.visitorauth.application.port.in.StartedSession;
import dev.visitorauth.application.port.in.WidgetSettings;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.identity.FieldUpdate;
import dev.visitorauth.domain.visitor.VisitorId;
import dev.visitorauth.domain.widget.WidgetId;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every row of the start-up table (spec section 4), through the facade over in-memory storage. */
class StartSessionTest {
    private final TestWorld w = new TestWorld();

    private static ErrorCode code(Result<?> r) {
        return ((Result.Refused<?>) r).refusal().code();
    }

    @Test
    void createsAnonymousVisitorWithoutVisitorIdOrToken() {
        StartedSession s = w.anonymous();
        assertThat(s.session().authenticated()).isFalse();
        assertThat(s.session().user()).isEmpty();
        assertThat(s.session().session().expiresAt()).isEqualTo(Mothers.NOW.plus(Duration.ofHours(12)));
        assertThat(s.sessionToken()).startsWith(w.workspace.value() + ".");
        assertThat(w.session(s).isOk()).isTrue();
    }

    @Test
    void resumesAnonymousVisitorWithoutToken() {
        StartedSession first = w.anonymous();
        StartedSession again = w.start(Optional.of(w.visitorOf(first)), Optional.empty()).orElseThrow();
        assertThat(w.visitorOf(again)).isEqualTo(w.visitorOf(first));
        assertThat(again.session().authenticated()).isFalse();
    }

    @Test
    void lockedVisitorWithoutTokenGetsNewAnonymousVisitorAndLosesItsSessions() {
        StartedSession linked = w.login("u1", Optional.empty());
        w.say(linked, "private");
        StartedSession probe = w.start(Optional.of(w.visitorOf(linked)), Optional.empty()).orElseThrow();
        assertThat(w.visitorOf(probe)).isNotEqualTo(w.visitorOf(linked));
        assertThat(probe.session().authenticated()).isFalse();
        assertThat(w.conversationIds(probe)).isEmpty();
        assertThat(code(w.session(linked))).isEqualTo(ErrorCode.UNAUTHENTICATED);
        StartedSession back = w.login("u1", Optional.of(w.visitorOf(linked)));
        assertThat(w.visitorOf(back)).isEqualTo(w.visitorOf(linked));
    }

    @Test
    void tokenWithoutVisitorCreatesUserAndLinkedVisitorSeeingTheUsersConversations() {
        StartedSession laptop = w.login("u1", Optional.empty());
        String conversation = w.say(laptop, "hello from laptop");
        StartedSession phone = w.login("u1", Optional.empty());
        assertThat(w.visitorOf(phone)).isNotEqualTo(w.visitorOf(laptop));
        assertThat(phone.session().user().orElseThrow().externalId()).isEqualTo(new ExternalUserId("u1"));
        assertThat(w.conversationIds(phone)).containsExactly(conversation);
    }

    @Test
    void unknownVisitorIdWithTokenCreatesNewLinkedVisitor() {
        StartedSession s = w.login("u1", Optional.of("v_unknown"));
        assertThat(w.visitorOf(s)).isNotEqualTo("v_unknown");
        assertThat(s.session().authenticated()).isTrue();
    }

    @Test
    void upgradesAnonymousVisitorAndMovesItsConversations() {
        StartedSession anon = w.anonymous();
        String conversation = w.say(anon, "before login");
        StartedSession upgraded = w.login("u1", Optional.of(w.visitorOf(anon)));
        assertThat(w.visitorOf(upgraded)).isEqualTo(w.visitorOf(anon));
        assertThat(upgraded.session().authenticated()).isTrue();
        assertThat(w.conversationIds(upgraded)).containsExactly(conversation);
        assertThat(code(w.session(anon))).as("anonymous session revoked").isEqualTo(ErrorCode.UNAUTHENTICATED);
        StartedSession otherDevice = w.login("u1", Optional.empty());
        assertThat(w.conversationIds(otherDevice)).containsExactly(conversation);
    }

    @Test
    void upgradedVisitorNoLongerResumesAnonymously() {
        StartedSession anon = w.anonymous();
        w.say(anon, "secret history");
        w.login("u1", Optional.of(w.visitorOf(anon)));
        StartedSession attacker = w.start(Optional.of(w.visitorOf(anon)), Optional.empty()).orElseThrow();
        assertThat(w.visitorOf(attacker)).isNotEqualTo(w.visitorOf(anon));
        assertThat(w.conversationIds(attacker)).isEmpty();
    }

    @Test
    void resumesLinkedVisitorForSameUserAndUpdatesProfile() {
        StartedSession first = w.login("u1", Optional.empty());
        String token = w.tokens.tokenFor("u1", Mothers.named("Ada"), Optional.empty(), Optional.empty(), Mothers.NOW);
        StartedSession again = w.start(Optional.of(w.visitorOf(first)), Optional.of(token)).orElseThrow();
        assertThat(w.visitorOf(again)).isEqualTo(w.visitorOf(first));
        assertThat(again.session().user().orElseThrow().profile().name()).contains("Ada");
    }

    @Test
    void visitorOfAnotherUserGivesNewVisitorAndMovesNothing() {
        StartedSession u1 = w.login("u1", Optional.empty());
        String u1Conversation = w.say(u1, "u1's");
        StartedSession u2 = w.login("u2", Optional.of(w.visitorOf(u1)));
        assertThat(w.visitorOf(u2)).isNotEqualTo(w.visitorOf(u1));
        assertThat(u2.session().user().orElseThrow().externalId()).isEqualTo(new ExternalUserId("u2"));
        assertThat(w.conversationIds(u2)).isEmpty();
        assertThat(code(w.session(u1))).isEqualTo(ErrorCode.UNAUTHENTICATED);
        StartedSession u1Again = w.login("u1", Optional.of(w.visitorOf(u1)));
        assertThat(w.visitorOf(u1Again)).isEqualTo(w.visitorOf(u1));
        assertThat(w.conversationIds(u1Again)).containsExactly(u1Conversation);
    }

    @Test
    void invalidTokenIsRefusedChangesNothingAndIsRecorded() {
        StartedSession anon = w.anonymous();
        String bad = w.tokens.refusedToken(ErrorCode.TOKEN_EXPIRED, "exp");
        Result<StartedSession> r = w.start(Optional.of(w.visitorOf(anon)), Optional.of(bad));
        assertThat(code(r)).isEqualTo(ErrorCode.TOKEN_EXPIRED);
        assertThat(w.session(anon).isOk()).as("anonymous session untouched").isTrue();
        var log = w.auth.listAuthFailures().listAuthFailures(w.workspace, w.widget, 10).orElseThrow();
        assertThat(log.failures()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(ErrorCode.TOKEN_EXPIRED);
            assertThat(f.claim()).contains("exp");
            assertThat(f.kid()).contains("kid-1");
        });
        assertThat(log.countsByCode()).containsEntry(ErrorCode.TOKEN_EXPIRED, 1L);
    }

    @Test
    void requiredModeRefusesMissingTokenWhateverVisitorAndRecordsIt() {
        StartedSession anon = w.anonymous();
        w.setMode("required");
        assertThat(code(w.start(Optional.empty(), Optional.empty()))).isEqualTo(ErrorCode.TOKEN_REQUIRED);
        assertThat(code(w.start(Optional.of(w.visitorOf(anon)), Optional.empty()))).isEqualTo(ErrorCode.TOKEN_REQUIRED);
        assertThat(code(w.session(anon))).as("anonymous sessions stop in required mode").isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(w.auth.listAuthFailures().listAuthFailures(w.workspace, w.widget, 10).orElseThrow().countsByCode())
                .containsEntry(ErrorCode.TOKEN_REQUIRED, 2L);
        assertThat(w.login("u1", Optional.empty()).session().authenticated()).isTrue();
    }

    @Test
    void observeModeTreatsInvalidTokenAsNoTokenAndRecordsTheFailure() {
        w.setMode("observe");
        StartedSession anon = w.anonymous();
        String bad = w.tokens.refusedToken(ErrorCode.INVALID_SIGNATURE, "signature");
        StartedSession s = w.start(Optional.of(w.visitorOf(anon)), Optional.of(bad)).orElseThrow();
        assertThat(w.visitorOf(s)).isEqualTo(w.visitorOf(anon));
        assertThat(s.session().authenticated()).isFalse();
        assertThat(w.auth.listAuthFailures().listAuthFailures(w.workspace, w.widget, 10).orElseThrow().countsByCode())
                .containsEntry(ErrorCode.INVALID_SIGNATURE, 1L);
    }

    @Test
    void replayedJtiIsRefusedAndChangesNothing() {
        String token = w.tokens.tokenFor("u1", Mothers.named("Ada"), Optional.empty(), Optional.of("jti-1"), Mothers.NOW);
        assertThat(w.start(Optional.empty(), Optional.of(token)).isOk()).isTrue();
        StartedSession anon = w.anonymous();
        Result<StartedSession> replay = w.start(Optional.of(w.visitorOf(anon)), Optional.of(token));
        assertThat(code(replay)).isEqualTo(ErrorCode.TOKEN_REPLAYED);
        assertThat(w.session(anon).isOk()).as("no upgrade happened").isTrue();
        assertThat(w.auth.listAuthFailures().listAuthFailures(w.workspace, w.widget, 10).orElseThrow().countsByCode())
                .containsEntry(ErrorCode.TOKEN_REPLAYED, 1L);
    }

    @Test
    void customDataOverTheCapAfterMergeIsRefusedAndRollsBackTheJti() {
        Map<String, FieldUpdate<String>> first = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            first.put("k" + i, FieldUpdate.assign("v"));
        }
        w.start(Optional.empty(), Optional.of(w.tokens.tokenFor("u1", Mothers.customData(first), Optional.empty(),
                Optional.empty(), Mothers.NOW))).orElseThrow();
        String oneMore = w.tokens.tokenFor("u1", Mothers.customData(Map.of("extra", FieldUpdate.assign("x"))), Optional.empty(),
                Optional.of("jti-cap"), Mothers.NOW);
        Result<StartedSession> r = w.start(Optional.empty(), Optional.of(oneMore));
        assertThat(code(r)).isEqualTo(ErrorCode.INVALID_CLAIM);
        assertThat(((Result.Refused<?>) r).refusal().claim()).contains("customData");
        assertThat(w.storage.tokenIds().isConsumed(w.workspace, new dev.visitorauth.domain.widget.WidgetId(w.widgetId),
                "jti-cap", Mothers.NOW)).as("jti consumption rolled back").isFalse();
        assertThat(w.auth.getUser().getUser(w.workspace, new ExternalUserId("u1")).orElseThrow().visitors()).hasSize(1);
    }

    @Test
    void olderTokenStartsSessionButDoesNotOverwriteProfile() {
        w.start(Optional.empty(), Optional.of(w.tokens.tokenFor("u1", Mothers.named("New"),
                Optional.of(Mothers.NOW), Optional.empty(), Mothers.NOW))).orElseThrow();
        StartedSession older = w.start(Optional.empty(), Optional.of(w.tokens.tokenFor("u1", Mothers.named("Old"),
                Optional.of(Mothers.NOW.minusSeconds(5)), Optional.empty(), Mothers.NOW))).orElseThrow();
        assertThat(older.session().user().orElseThrow().profile().name()).contains("New");
    }

    @Test
    void unknownWidgetIsRefused() {
        var r = w.auth.startSession().startSession(new StartSessionCommand(new WidgetId("wgt_nope"), Optional.empty(), Optional.empty(),
                Optional.empty(), "c"));
        assertThat(code(r)).isEqualTo(ErrorCode.WIDGET_NOT_FOUND);
    }

    @Test
    void browserOriginOutsideTheAllowedListIsRefused() {
        w.auth.updateWidget().updateWidget(w.workspace, w.widget, new WidgetSettings(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(List.of("https://shop.example.com"))))
                .orElseThrow();
        var refused = w.auth.startSession().startSession(new StartSessionCommand(w.widget, Optional.empty(), Optional.empty(),
                Optional.of("https://evil.example"), "c"));
        assertThat(code(refused)).isEqualTo(ErrorCode.ORIGIN_NOT_ALLOWED);
        var allowed = w.auth.startSession().startSession(new StartSessionCommand(w.widget, Optional.empty(), Optional.empty(),
                Optional.of("https://SHOP.example.com:443"), "c"));
        assertThat(allowed.isOk()).isTrue();
        var server = w.auth.startSession().startSession(new StartSessionCommand(w.widget, Optional.empty(), Optional.empty(),
                Optional.empty(), "c"));
        assertThat(server.isOk()).as("no Origin: not a browser").isTrue();
    }

    @Test
    void failedVerificationsAreRateLimitedPerClientButValidStartsAreNot() {
        String bad = w.tokens.refusedToken(ErrorCode.INVALID_SIGNATURE, "signature");
        for (int i = 0; i < 30; i++) {
            assertThat(code(w.start(Optional.empty(), Optional.of(bad)))).isEqualTo(ErrorCode.INVALID_SIGNATURE);
        }
        Result<StartedSession> limited = w.start(Optional.empty(), Optional.of(bad));
        assertThat(code(limited)).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(((Result.Refused<?>) limited).refusal().retryAfter()).hasValueSatisfying(d -> assertThat(d).isPositive());
        assertThat(w.login("u1", Optional.empty()).session().authenticated()).as("valid starts still pass").isTrue();
        var otherClient = w.auth.startSession().startSession(new StartSessionCommand(w.widget, Optional.empty(),
                Optional.of(bad), Optional.empty(), "10.0.0.2"));
        assertThat(code(otherClient)).isEqualTo(ErrorCode.INVALID_SIGNATURE);
        assertThat(w.auth.listAuthFailures().listAuthFailures(w.workspace, w.widget, 1000).orElseThrow().countsByCode())
                .as("rate-limited attempts are not recorded").containsEntry(ErrorCode.INVALID_SIGNATURE, 31L);
        w.clock.advance(Duration.ofMinutes(1));
        assertThat(code(w.start(Optional.empty(), Optional.of(bad)))).isEqualTo(ErrorCode.INVALID_SIGNATURE);
    }

    @Test
    void visitorIdOfAnotherWidgetIsTreatedAsUnknown() {
        WidgetId other = w.newWidget("Other").widget().id();
        StartedSession onOther = w.auth.startSession().startSession(new StartSessionCommand(other, Optional.empty(),
                Optional.empty(), Optional.empty(), "c")).orElseThrow();
        StartedSession here = w.start(Optional.of(w.visitorOf(onOther)), Optional.empty()).orElseThrow();
        assertThat(w.visitorOf(here)).isNotEqualTo(w.visitorOf(onOther));
        assertThat(new VisitorId(w.visitorOf(here)).value()).startsWith("v_");
    }
}
