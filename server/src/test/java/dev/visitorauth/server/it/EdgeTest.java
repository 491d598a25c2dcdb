package dev.visitorauth.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What the whole server puts on every answer, and how it serves /widget.js (spec section 9). */
@OnH2
class EdgeTest extends ServerTestBase {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Pattern SRI = Pattern.compile(
            "src=\"[^\"]*/widget\\.js\"\\s+integrity=\"(sha384-[A-Za-z0-9+/=]+)\"\\s+crossorigin=\"anonymous\"");

    private HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    @Test
    void everyKindOfAnswerCarriesNosniffAndNoReferrerAndAllButTheWidgetDenyFraming() throws Exception {
        for (String path : List.of("/actuator/health", "/v3/api-docs", "/nothing-here", "/v1/session", "/widget.js",
                "/docs/integrating.md")) {
            HttpResponse<byte[]> r = get(path);

            assertThat(header(r, "X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(header(r, "Referrer-Policy")).as(path).isEqualTo("no-referrer");
            if (path.equals("/widget.js")) {
                assertThat(header(r, "X-Frame-Options")).as(path).isNull();
            } else {
                assertThat(header(r, "X-Frame-Options")).as(path).isEqualTo("DENY");
            }
        }
    }

    @Test
    void servesTheWidgetAsJavaScriptWithAnEtagAndACacheLifetime() throws Exception {
        HttpResponse<byte[]> first = get("/widget.js");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(header(first, "Content-Type")).startsWith("text/javascript");
        assertThat(header(first, "Cache-Control")).contains("public", "max-age=300");
        String etag = header(first, "ETag");
        assertThat(etag).isNotBlank();

        HttpResponse<byte[]> again = get("/widget.js", "If-None-Match", etag);

        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    /** The docs publish the served file's SRI hash; when the widget changes, the docs must change with it. */
    @Test
    void theDocumentedIntegrityHashMatchesTheServedWidget() throws Exception {
        byte[] served = get("/widget.js").body();
        String actual = "sha384-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-384").digest(served));
        List<String> published = new ArrayList<>();
        for (String doc : List.of("../docs/widget.md", "../docs/encoding-user-data.md")) {
            Matcher m = SRI.matcher(Files.readString(Path.of(doc)));
            while (m.find()) {
                published.add(m.group(1));
            }
        }

        assertThat(published).as("integrity hashes in the embed snippets").isNotEmpty()
                .allSatisfy(hash -> assertThat(hash).as("run: openssl dgst -sha384 -binary widget/src/widget.js | openssl base64 -A")
                        .isEqualTo(actual));
    }
}
