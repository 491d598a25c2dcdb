package dev.visitorauth.domain.widget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JwksUrlTest {

    @Test
    void acceptsAnHttpsUrl() {
        assertThat(JwksUrl.parse("https://id.example.com/.well-known/jwks.json", false).orElseThrow().value())
                .isEqualTo("https://id.example.com/.well-known/jwks.json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://id.example.com/jwks.json", "ftp://id.example.com/jwks", "https:///jwks",
            "https://user:pw@id.example.com/jwks", "https://id.example.com/jwks#frag", "/jwks.json", "not a url", ""})
    void refusesAnythingButAnAbsoluteHttpsUrlWithAHost(String url) {
        Result<JwksUrl> result = JwksUrl.parse(url, false);

        assertThat(result).isInstanceOf(Result.Refused.class);
        assertThat(((Result.Refused<JwksUrl>) result).refusal().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(((Result.Refused<JwksUrl>) result).refusal().field()).contains(InputField.JWKS_URL);
    }

    @Test
    void acceptsPlainHttpOnlyWhenPrivateOutboundAddressesAreAllowed() {
        assertThat(JwksUrl.parse("http://127.0.0.1:8080/jwks.json", true).isOk()).isTrue();
        assertThat(JwksUrl.parse("http://127.0.0.1:8080/jwks.json", false).isOk()).isFalse();
    }
}
