package dev.visitorauth.adapter.rest.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.application.port.in.InspectedToken;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.token.JsonValue;
import dev.visitorauth.domain.widget.KeyId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RestMapperTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void rendersDecodedTokenJsonAsItWas() {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        members.put("id", new JsonValue.JsonNumber("1"));
        members.put("score", new JsonValue.JsonNumber("3.0"));
        members.put("big", new JsonValue.JsonNumber("1e3"));
        members.put("name", new JsonValue.JsonString("Ann \"A\""));
        members.put("admin", new JsonValue.JsonBoolean(false));
        members.put("nbf", JsonValue.JsonNull.INSTANCE);
        members.put("aud", new JsonValue.JsonArray(List.of(new JsonValue.JsonString("w"), new JsonValue.JsonNumber("-2"))));
        members.put("nested", new JsonValue.JsonObject(Map.of("k", new JsonValue.JsonString("v"))));

        String rendered = JSON.writeValueAsString(RestMapper.json(new JsonValue.JsonObject(members)));

        assertThat(rendered).isEqualTo("{\"id\":1,\"score\":3.0,\"big\":1e3,\"name\":\"Ann \\\"A\\\"\",\"admin\":false,"
                + "\"nbf\":null,\"aud\":[\"w\",-2],\"nested\":{\"k\":\"v\"}}");
    }

    @Test
    void aNumberRenderedRawCannotCarryOtherJson() {
        // Numbers are written raw; the domain makes text that is not a JSON number impossible.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new JsonValue.JsonNumber("1,\"x\":2"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mapsAnInspectionWithHeaderClaimsAndKey() {
        InspectedToken inspection = new InspectedToken(Optional.of(Refusal.of(ErrorCode.TOKEN_EXPIRED, "exp", "expired")),
                Optional.of(new KeyId("k_1")),
                Optional.of(new JsonValue.JsonObject(Map.of("alg", new JsonValue.JsonString("HS256")))),
                Optional.of(new JsonValue.JsonObject(Map.of("exp", new JsonValue.JsonNumber("1700000000")))),
                List.of(new InspectedToken.Check("exp", false, "expired 10 s ago")));

        String rendered = JSON.writeValueAsString(RestMapper.inspection(inspection));

        assertThat(JSON.readTree(rendered)).isEqualTo(JSON.readTree("""
                {"valid":false,"code":"token_expired","claim":"exp","keyId":"k_1","header":{"alg":"HS256"},
                 "claims":{"exp":1700000000},"checks":[{"name":"exp","passed":false,"detail":"expired 10 s ago"}]}"""));
    }
}
