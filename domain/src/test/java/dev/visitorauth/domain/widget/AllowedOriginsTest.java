package dev.visitorauth.domain.widget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AllowedOriginsTest {

    @ParameterizedTest
    @CsvSource({
            "https://shop.example.com, https://shop.example.com",
            "HTTPS://Shop.Example.COM, https://shop.example.com",
            "https://shop.example.com:443, https://shop.example.com",
            "http://shop.example.com:80, http://shop.example.com",
            "http://shop.example.com:443, http://shop.example.com:443",
            "https://shop.example.com:80, https://shop.example.com:80",
            "https://shop.example.com:8443, https://shop.example.com:8443",
            "http://localhost:3000, http://localhost:3000"})
    void normalisesSchemeAndHostCaseAndDropsADefaultPort(String origin, String canonical) {
        assertThat(AllowedOrigins.normalise(origin)).contains(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "shop.example.com", "ftp://shop.example.com", "https://shop.example.com/",
            "https://shop.example.com/path", "https://shop.example.com?q=1", "https://shop.example.com#top",
            "https://user@shop.example.com", "https://", "https://shop example.com", "null", "file:///etc/passwd"})
    void refusesWhatIsNoHttpOrigin(String origin) {
        assertThat(AllowedOrigins.normalise(origin)).isEmpty();
    }

    @Test
    void refusesNoOriginAndOverlongOnes() {
        assertThat(AllowedOrigins.normalise(null)).isEmpty();
        String longest = "https://" + "a".repeat(2048 - "https://".length());
        assertThat(AllowedOrigins.normalise(longest)).contains(longest);
        assertThat(AllowedOrigins.normalise(longest + "a")).isEmpty();
    }

    @Test
    void anEmptyListAllowsAnyOrigin() {
        assertThat(AllowedOrigins.any().allows("https://anywhere.example")).isTrue();
        assertThat(AllowedOrigins.any().allows("not an origin")).isTrue();
    }

    @Test
    void aListAllowsItsOriginsInAnyCaseOrDefaultPortAndNothingElse() {
        AllowedOrigins allowed = new AllowedOrigins(List.of("https://Shop.example.com:443"));

        assertThat(allowed.origins()).containsExactly("https://shop.example.com");
        assertThat(allowed.allows("https://SHOP.example.com")).isTrue();
        assertThat(allowed.allows("http://shop.example.com")).isFalse();
        assertThat(allowed.allows("https://shop.example.com:8443")).isFalse();
        assertThat(allowed.allows("https://evil.example.com")).isFalse();
        assertThat(allowed.allows("garbage")).isFalse();
    }

    @Test
    void duplicatesAfterNormalisingAreKeptOnce() {
        assertThat(new AllowedOrigins(List.of("https://a.example", "HTTPS://A.EXAMPLE:443", "https://b.example")).origins())
                .containsExactly("https://a.example", "https://b.example");
    }

    @Test
    void refusesAnEntryThatIsNoOriginAndMoreThanTheMaximum() {
        assertThatThrownBy(() -> new AllowedOrigins(List.of("https://a.example/path")))
                .isInstanceOf(IllegalArgumentException.class);
        List<String> atMost = Collections.nCopies(AllowedOrigins.MAX_ORIGINS, "https://a.example");
        assertThat(new AllowedOrigins(atMost).origins()).hasSize(1);
        List<String> tooMany = Collections.nCopies(AllowedOrigins.MAX_ORIGINS + 1, "https://a.example");
        assertThatThrownBy(() -> new AllowedOrigins(tooMany)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAdminsListIsAtMostAHundredHttpOriginsAndIsRefusedNamingItOtherwise() {
        assertThat(AllowedOrigins.of(List.of("HTTPS://Shop.Example")).orElseThrow().origins()).containsExactly("https://shop.example");
        assertThat(AllowedOrigins.of(Collections.nCopies(100, "https://a.example")).isOk()).isTrue();

        assertThat(AllowedOrigins.of(Collections.nCopies(101, "https://a.example"))).isEqualTo(Result.refused(
                Refusal.of(ErrorCode.INVALID_REQUEST, InputField.ALLOWED_ORIGINS, "at most 100 allowed origins.")));
        assertThat(AllowedOrigins.of(List.of("https://a.example", "https://a.example/path"))).isEqualTo(Result.refused(
                Refusal.of(ErrorCode.INVALID_REQUEST, InputField.ALLOWED_ORIGINS,
                        "each allowed origin is scheme://host[:port] with scheme http or https and no path.")));
    }
}
