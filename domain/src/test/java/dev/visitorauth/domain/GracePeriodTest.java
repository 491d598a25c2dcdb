package dev.visitorauth.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GracePeriodTest {

    @Test
    void aGraceIsZeroToOneDayAndAnythingElseIsRefusedNamingIt() {
        assertThat(GracePeriod.ofSeconds(0).orElseThrow()).isEqualTo(Duration.ZERO);
        assertThat(GracePeriod.ofSeconds(86_400).orElseThrow()).isEqualTo(Duration.ofDays(1));
        for (long bad : new long[] {-1, 86_401, Long.MIN_VALUE}) {
            assertThat(GracePeriod.ofSeconds(bad))
                    .isEqualTo(Result.refused(Refusal.invalid(InputField.GRACE_PERIOD, "must be 0 to 86400.")));
        }
    }
}
