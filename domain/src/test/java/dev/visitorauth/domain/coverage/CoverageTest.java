package dev.visitorauth.domain.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.widget.AllowedOrigins;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The coverage arithmetic: totals, ifRequired's share, origin buckets. */
class CoverageTest {
    private static StartupCount row(String origin, StartupOutcome outcome, ErrorCode code, long n) {
        return new StartupCount(origin, outcome, Optional.ofNullable(code), n);
    }

    @Test
    void ifRequiredCountsAnonymousAndObservedInvalidStartupsOutOfAllIncludingRefused() {
        Coverage c = Coverage.of(24, List.of(
                row("https://a.example", StartupOutcome.AUTHENTICATED, null, 5),
                row("https://a.example", StartupOutcome.ANONYMOUS, null, 2),
                row("other", StartupOutcome.OBSERVED_INVALID, ErrorCode.TOKEN_EXPIRED, 1),
                row("none", StartupOutcome.REFUSED, ErrorCode.INVALID_SIGNATURE, 1),
                row("none", StartupOutcome.REFUSED, ErrorCode.ORIGIN_NOT_ALLOWED, 1)));

        assertThat(c.counts().total()).isEqualTo(10);
        assertThat(c.ifRequired()).isEqualTo(new RequiredImpact(3, 0.3));
        assertThat(c.counts().refused()).isEqualTo(Map.of(ErrorCode.INVALID_SIGNATURE, 1L, ErrorCode.ORIGIN_NOT_ALLOWED, 1L));
        assertThat(c.byOrigin()).containsOnlyKeys("https://a.example", "other", "none");
        assertThat(c.byOrigin().get("https://a.example")).isEqualTo(new CoverageTally(5, 2, 0, Map.of()));
        assertThat(c.byOrigin().get("none").ifRequired()).isEqualTo(new RequiredImpact(0, 0));
    }

    @Test
    void theShareIsZeroWhenThereWereNoStartups() {
        Coverage c = Coverage.of(1, List.of());

        assertThat(c.ifRequired()).isEqualTo(new RequiredImpact(0, 0));
        assertThat(c.ifRequired().refusesAny()).isFalse();
        assertThat(c.byOrigin()).isEmpty();
    }

    @Test
    void onlyAuthenticatedStartupsGiveNoWarning() {
        assertThat(Coverage.of(24, List.of(row("none", StartupOutcome.AUTHENTICATED, null, 3))).ifRequired().refusesAny())
                .isFalse();
        assertThat(Coverage.of(24, List.of(row("none", StartupOutcome.ANONYMOUS, null, 3))).ifRequired())
                .isEqualTo(new RequiredImpact(3, 1.0));
    }

    @Test
    void theWindowIsOneTo720Hours() {
        assertThatThrownBy(() -> Coverage.of(0, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Coverage.of(721, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(Coverage.of(720, List.of()).hours()).isEqualTo(720);
        assertThat(Coverage.hours(1).orElseThrow()).isEqualTo(1);
        assertThat(Coverage.hours(720).orElseThrow()).isEqualTo(720);
        for (long bad : new long[] {0, 721, Long.MAX_VALUE}) {
            assertThat(Coverage.hours(bad)).isEqualTo(
                    Result.refused(Refusal.invalid(InputField.HOURS, "must be a whole number from 1 to 720.")));
        }
    }

    @Test
    void originsAreKeptByNameOnlyWhenTheWidgetListsThem() {
        AllowedOrigins listed = new AllowedOrigins(List.of("https://shop.example"));

        assertThat(OriginBucket.of(Optional.of("HTTPS://Shop.Example:443"), listed)).isEqualTo("https://shop.example");
        assertThat(OriginBucket.of(Optional.of("https://evil.example"), listed)).isEqualTo(OriginBucket.OTHER);
        assertThat(OriginBucket.of(Optional.of("not an origin"), listed)).isEqualTo(OriginBucket.OTHER);
        assertThat(OriginBucket.of(Optional.of("https://shop.example"), AllowedOrigins.any())).isEqualTo(OriginBucket.OTHER);
        assertThat(OriginBucket.of(Optional.empty(), listed)).isEqualTo(OriginBucket.NONE);
    }

    @Test
    void aRefusalIsCountedWithItsCode() {
        assertThatThrownBy(() -> new StartupCount("none", StartupOutcome.REFUSED, Optional.empty(), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(row("none", StartupOutcome.REFUSED, ErrorCode.RATE_LIMITED, 1).isFailedVerification()).isFalse();
        assertThat(row("none", StartupOutcome.REFUSED, ErrorCode.TOKEN_REQUIRED, 1).isFailedVerification()).isTrue();
        assertThat(row("none", StartupOutcome.OBSERVED_INVALID, ErrorCode.TOKEN_EXPIRED, 1).isFailedVerification()).isTrue();
    }
}
