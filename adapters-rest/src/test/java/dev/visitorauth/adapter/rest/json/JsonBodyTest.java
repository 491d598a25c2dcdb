package dev.visitorauth.adapter.rest.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visitorauth.adapter.rest.error.JsonLimits;
import dev.visitorauth.adapter.rest.error.RefusedException;
import dev.visitorauth.domain.error.ErrorCode;
import org.junit.jupiter.api.Test;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

class JsonBodyTest {
    private static final ObjectMapper JSON = JsonMapper.builder(
            JsonFactory.builder().streamReadConstraints(JsonLimits.constraints()).build()).build();

    private static JsonBody body(String json, String... known) {
        return JsonBody.of(JSON.readTree(json), known);
    }

    private static void assertRefused(Runnable read, String claim) {
        assertThatThrownBy(read::run).isInstanceOfSatisfying(RefusedException.class, e -> {
            assertThat(e.refusal().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(e.claim()).contains(claim);
        });
    }

    @Test
    void readsKnownMembers() {
        JsonBody body = body("{\"visitorId\":\"v_1\",\"visitorToken\":null}", "visitorId", "visitorToken");

        assertThat(body.string("visitorId")).contains("v_1");
        assertThat(body.string("visitorToken")).isEmpty();
    }

    @Test
    void refusesAnUnknownMemberNamingItAndTheKnownOnes() {
        assertRefused(() -> body("{\"visitorID\":\"v_1\"}", "visitorId", "visitorToken"), "visitorID");
        assertThatThrownBy(() -> body("{\"visitorID\":\"v_1\"}", "visitorId", "visitorToken"))
                .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.refusal().message())
                        .contains("'visitorID'", "Known members: visitorId, visitorToken"));
    }

    @Test
    void refusesAnyMemberWhereNoneIsKnown() {
        assertRefused(() -> body("{\"x\":1}"), "x");
    }

    @Test
    void anEmptyBodyIsAnEmptyObject() {
        assertThat(JsonBody.of(null, "text").string("text")).isEmpty();
    }

    @Test
    void refusesABodyThatIsNotAnObject() {
        assertRefused(() -> body("[]", "text"), "body");
    }

    @Test
    void refusesAMemberOfTheWrongType() {
        assertRefused(() -> body("{\"text\":123}", "text").string("text"), "text");
    }

    @Test
    void theParserStopsAt64LevelsAnd100DigitNumbers() {
        String deep = "[".repeat(65) + "]".repeat(65);
        String ok = "[".repeat(64) + "]".repeat(64);

        assertThat(JSON.readTree(ok)).isNotNull();
        assertThatThrownBy(() -> JSON.readTree(deep)).isInstanceOf(StreamConstraintsException.class);
        assertThatThrownBy(() -> JSON.readTree("{\"n\":" + "1".repeat(101) + "}")).isInstanceOf(StreamConstraintsException.class);
        assertThatThrownBy(() -> JSON.readTree("{\"s\":\"" + "x".repeat(JsonLimits.MAX_STRING_LENGTH + 1) + "\"}"))
                .isInstanceOf(StreamConstraintsException.class);
    }
}
