package dev.visitorauth.domain.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visitorauth.domain.conversation.ConversationOwner;
import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.identity.UserId;
import dev.visitorauth.domain.session.Session;
import dev.visitorauth.domain.session.SessionTokenHash;
import dev.visitorauth.domain.visitor.VisitorId;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventModelTest {
    private static final Instant NOW = Instant.parse("2026-12-01T03:00:00Z");
    private static final WorkspaceId WORKSPACE = new WorkspaceId("ws_0123456789abcdef");

    @Test
    void eventIdsRoundTripTheirWireFormAndRefuseAnythingElse() {
        assertThat(EventId.parse("evt_42").orElseThrow()).isEqualTo(new EventId(42));
        assertThat(new EventId(42).wire()).isEqualTo("evt_42");
        assertThat(EventId.parse("evt_9223372036854775807").orElseThrow()).isEqualTo(new EventId(Long.MAX_VALUE));
        for (String bad : new String[] {null, "", "evt_", "evt_0", "evt_042", "evt_-1", "evt_1a", "42", "EVT_1",
                "evt_9999999999999999999", " evt_1"}) {
            assertThat(EventId.parse(bad)).as(String.valueOf(bad)).isEqualTo(Result.refused(
                    Refusal.invalid(InputField.AFTER_EVENT, "must be an event id this service sent (evt_<n>).")));
        }
    }

    @Test
    void dataIsOneJsonObjectWithEveryStringEscaped() {
        EventData data = EventData.builder().string("text", "a\"b\\c\nd\u0001\u2028")
                .number("n", -3).bool("ok", true).nullValue("none").time("at", NOW)
                .strings("ids", List.of("c_1", "c_\"2"))
                .raw("inner", EventData.builder().string("k", "v").build()).build();
        assertThat(data.json()).isEqualTo("{\"text\":\"a\\\"b\\\\c\\nd\\u0001\\u2028\",\"n\":-3,\"ok\":true,"
                + "\"none\":null,\"at\":\"2026-12-01T03:00:00Z\",\"ids\":[\"c_1\",\"c_\\\"2\"],\"inner\":{\"k\":\"v\"}}");
        assertThat(EventData.builder().build().json()).isEqualTo("{}");
        assertThatThrownBy(() -> new EventData("[1]")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theEnvelopeCarriesIdTypeTimeAndData() {
        WorkspaceEvent event = new WorkspaceEvent(new EventId(7), WORKSPACE, EventType.SESSION_ENDED, NOW,
                new EventAudience.WorkspaceOnly(), EventData.builder().string("reason", "revoked").build());
        assertThat(event.envelopeJson()).isEqualTo(
                "{\"id\":\"evt_7\",\"type\":\"session.ended\",\"at\":\"2026-12-01T03:00:00Z\",\"data\":{\"reason\":\"revoked\"}}");
    }

    @Test
    void anAudienceReachesTheSessionsItNamesAndNoOthers() {
        UserId ada = new UserId("u_0123456789abcdef");
        VisitorId visitor = new VisitorId("v_0123456789abcdef");
        Session adasSession = session("a", visitor, Optional.of(ada));
        Session anonymous = session("b", visitor, Optional.empty());
        Session otherVisitor = session("c", new VisitorId("v_fedcba9876543210"), Optional.empty());

        EventAudience toAda = EventAudience.of(new ConversationOwner.LinkedUser(ada));
        assertThat(toAda.reaches(adasSession)).isTrue();
        assertThat(toAda.reaches(anonymous)).isFalse();

        EventAudience toVisitor = EventAudience.of(new ConversationOwner.AnonymousVisitor(visitor));
        assertThat(toVisitor.reaches(anonymous)).isTrue();
        assertThat(toVisitor.reaches(otherVisitor)).isFalse();

        EventAudience one = new EventAudience.OneSession(anonymous.tokenHash());
        assertThat(one.reaches(anonymous)).isTrue();
        assertThat(one.reaches(adasSession)).isFalse();
        assertThat(new EventAudience.WorkspaceOnly().reaches(adasSession)).isFalse();
    }

    @Test
    void workspaceKindsNeverTargetAWidgetSession() {
        assertThatThrownBy(() -> new NewEvent(WORKSPACE, EventType.USER_CREATED, NOW,
                new EventAudience.AllSessionsOfUser(new UserId("u_0123456789abcdef")), EventData.builder().build()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(EventType.byWireName("user.sessions_revoked")).contains(EventType.USER_SESSIONS_REVOKED);
        assertThat(EventType.byWireName("user.nope")).isEmpty();
    }

    private static Session session(String hexDigit, VisitorId visitor, Optional<UserId> user) {
        return new Session(new SessionTokenHash(hexDigit.repeat(64)), WORKSPACE, new WidgetId("wgt_0123456789abcdef"), visitor,
                user, NOW, NOW.plusSeconds(3600), Optional.empty());
    }
}
