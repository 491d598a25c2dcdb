package dev.visitorauth.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class JdbcTimesTest {

    @Test
    void instantsRoundTripAtMicrosecondPrecision() {
        Instant t = Instant.parse("2026-03-01T12:00:00.123456Z");

        assertThat(Jdbc.instant(Jdbc.micros(t))).isEqualTo(t);
    }

    @Test
    void nanosecondsAreTruncatedTowardsThePast() {
        assertThat(Jdbc.instant(Jdbc.micros(Instant.parse("2026-03-01T12:00:00.123456789Z"))))
                .isEqualTo(Instant.parse("2026-03-01T12:00:00.123456Z"));
        assertThat(Jdbc.instant(Jdbc.micros(Instant.parse("1969-12-31T23:59:59.999999999Z"))))
                .isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
    }

    @Test
    void instantsBeforeTheEpochRoundTrip() {
        Instant t = Instant.parse("1901-05-06T07:08:09.000001Z");

        assertThat(Jdbc.instant(Jdbc.micros(t))).isEqualTo(t);
    }
}
