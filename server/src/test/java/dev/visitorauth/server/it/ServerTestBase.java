package dev.visitorauth.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A test against the running server of its context: {@link #api} talks to it over HTTP. */
abstract class ServerTestBase {
    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    ApiClient api;

    /** The server's clock ({@link SharedServerClock}): a test moves it instead of sleeping. */
    @Autowired
    MutableClock clock;

    private Duration moved = Duration.ZERO;

    /** The management port: health details, metrics and Prometheus. */
    ApiClient management;

    /**
     * Moves the server's clock forward for this test only. It is put back after the test: the other
     * tests of the shared context sign tokens and compare times with the wall clock, and a server
     * clock left seconds ahead refused their fresh tokens as revoked (seen in CI).
     */
    void advanceServerClock(Duration step) {
        clock.advance(step);
        moved = moved.plus(step);
    }

    @AfterEach
    void putTheServerClockBack() {
        if (!moved.isZero()) {
            clock.advance(moved.negated());
            moved = Duration.ZERO;
        }
    }

    @BeforeEach
    void connect() {
        api = new ApiClient(port);
        management = new ApiClient(managementPort);
    }

    /**
     * Asserts an RFC 9457 refusal: the status, {@code application/problem+json}, the problem's
     * {@code status}, {@code code}, a {@code type} naming the code, a title and a detail.
     */
    static ApiClient.Response assertProblem(ApiClient.Response r, int status, String code) {
        assertThat(r.status()).as("status of %s", r).isEqualTo(status);
        assertThat(r.contentType()).as("content type of %s", r).startsWith("application/problem+json");
        assertThat(r.code()).as("code of %s", r).isEqualTo(code);
        assertThat(r.json().path("status").asInt()).as("status member of %s", r).isEqualTo(status);
        assertThat(r.text("type")).as("type of %s", r).endsWith("/" + code);
        assertThat(r.text("title")).as("title of %s", r).isNotBlank();
        assertThat(r.text("detail")).as("detail of %s", r).isNotBlank();
        return r;
    }

    /** {@link #assertProblem} and the {@code claim} member. */
    static ApiClient.Response assertProblem(ApiClient.Response r, int status, String code, String claim) {
        assertProblem(r, status, code);
        assertThat(r.text("claim")).as("claim of %s", r).isEqualTo(claim);
        return r;
    }

    /** A refused visitor token: 401 with {@code code}, and the body never echoes the token. */
    static ApiClient.Response assertTokenRefused(ApiClient.Response r, String code, String token) {
        assertProblem(r, 401, code);
        assertThat(r.body()).as("refusal of a token must not echo it").doesNotContain(token);
        return r;
    }
}
