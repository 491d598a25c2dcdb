package dev.visitorauth.domain.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An avatar is what {@link java.net.URI} reads as an absolute http(s) URL with a host and no user
 * info. The common form is recognised without a URI; these inputs check both give one verdict.
 */
class AvatarUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://cdn.example.com/a.png", "HTTP://EXAMPLE.COM", "https://a", "http://x-y.example:8080/p?q=1#f",
            "https://cdn.example.com/%41%2f?x=%7E", "https://example.com/a b", "https://user@example.com/a",
            "https://user:pw@example.com/", "javascript:alert(1)", "data:image/png;base64,AAAA", "//example.com/a.png",
            "/relative.png", "https://", "https:///path", "https://-bad.example/", "https://bad-.example/", "https://a..b/",
            "https://1.2.3.4/x", "https://[::1]/x", "https://example.com./x", "https://example.com:/x", "https://example.com:8a/",
            "https://exa_mple.com/", "https://example.com/%zz", "https://example.com/#a#b", "https://example.com/<script>",
            "https://example.123/", "https://xn--bcher-kva.example/", "https://example.com/\u00e9", "ftp://example.com/a",
            "https:example.com", "mailto:ada@example.com", "https://example.com/a\tb", "https://例え.jp/"})
    void agreesWithJavaNetUri(String text) {
        boolean uri = AvatarUrl.readByUri(text) && noSpaceOrControl(text);

        assertThat(AvatarUrl.isValid(text)).as(text).isEqualTo(uri);
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "data:,x", "https://user:pw@example.com/", ""})
    void cannotBeBuiltFromAnythingElse(String text) {
        assertThatThrownBy(() -> new AvatarUrl(text)).isInstanceOf(IllegalArgumentException.class);
        assertThat(AvatarUrl.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {2048, 2049})
    void isAtMost2048CodePoints(int length) {
        String text = "https://example.com/" + "a".repeat(length - "https://example.com/".length());

        assertThat(AvatarUrl.isValid(text)).isEqualTo(length <= AvatarUrl.MAX_LENGTH);
    }

    private static boolean noSpaceOrControl(String text) {
        return text.chars().noneMatch(c -> Texts.isSpaceOrControl((char) c));
    }
}
