package dev.visitorauth.domain.widget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JwksStateTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    private static WidgetPublicKey fetchedKey(String kid) {
        return new WidgetPublicKey(new KeyId(kid), WidgetPublicKey.KeyType.EC, EnumSet.of(TokenAlgorithm.ES256), 256,
                "{\"kty\":\"EC\"}", T0, WidgetPublicKey.Origin.JWKS);
    }

    @Test
    void cacheControlMaxAgeIsUsedBetweenFiveMinutesAndADay() {
        assertThat(JwksState.lifetime(Optional.of(Duration.ofMinutes(42)))).isEqualTo(Duration.ofMinutes(42));
        assertThat(JwksState.lifetime(Optional.of(Duration.ofMinutes(5)))).isEqualTo(Duration.ofMinutes(5));
        assertThat(JwksState.lifetime(Optional.of(Duration.ofHours(24)))).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void aShortOrMissingMaxAgeIsRaisedToFiveMinutesAndALongOneCutToADay() {
        assertThat(JwksState.lifetime(Optional.of(Duration.ofSeconds(10)))).isEqualTo(Duration.ofMinutes(5));
        assertThat(JwksState.lifetime(Optional.of(Duration.ZERO))).isEqualTo(Duration.ofMinutes(5));
        assertThat(JwksState.lifetime(Optional.empty())).isEqualTo(Duration.ofMinutes(5));
        assertThat(JwksState.lifetime(Optional.of(Duration.ofDays(365)))).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void anUnknownUrlMustBeFetchedBeforeUse() {
        assertThat(JwksState.unknown().needsFetch(T0)).isTrue();
        assertThat(JwksState.unknown().hasGoodSet()).isFalse();
    }

    @Test
    void aFetchedSetIsUsedUntilItsLifetimeEndsThenFetchedAgain() {
        JwksState state = JwksState.unknown().fetched(List.of(fetchedKey("a")), Optional.of(Duration.ofMinutes(10)), T0);

        assertThat(state.needsFetch(T0.plus(Duration.ofMinutes(10)).minusNanos(1))).isFalse();
        assertThat(state.needsFetch(T0.plus(Duration.ofMinutes(10)))).isTrue();
    }

    @Test
    void anUnknownKidRefreshesAtMostOnceEveryThirtySecondsCountedFromAnyFetch() {
        JwksState fetched = JwksState.unknown().fetched(List.of(fetchedKey("a")), Optional.empty(), T0);

        assertThat(fetched.mayRefreshForUnknownKey(T0.plusSeconds(29))).isFalse();
        assertThat(fetched.mayRefreshForUnknownKey(T0.plusSeconds(30))).isTrue();
        JwksState failedLater = fetched.failed(T0.plusSeconds(100));
        assertThat(failedLater.mayRefreshForUnknownKey(T0.plusSeconds(129))).isFalse();
        assertThat(failedLater.mayRefreshForUnknownKey(T0.plusSeconds(130))).isTrue();
    }

    @Test
    void aFailedFetchKeepsTheLastGoodSetAndItsLifetime() {
        JwksState fetched = JwksState.unknown().fetched(List.of(fetchedKey("a")), Optional.empty(), T0);

        JwksState failed = fetched.failed(T0.plusSeconds(60));

        assertThat(failed.keys()).isEqualTo(fetched.keys());
        assertThat(failed.freshUntil()).isEqualTo(fetched.freshUntil());
        assertThat(failed.lastFetch()).contains(T0.plusSeconds(60));
    }

    @Test
    void aStaleSetWhoseFetchFailedIsTriedAgainOnlyAfterThirtySeconds() {
        JwksState failed = JwksState.unknown().fetched(List.of(fetchedKey("a")), Optional.empty(), T0)
                .failed(T0.plus(Duration.ofMinutes(5)));

        assertThat(failed.isStale(T0.plus(Duration.ofMinutes(5)).plusSeconds(10))).isTrue();
        assertThat(failed.needsFetch(T0.plus(Duration.ofMinutes(5)).plusSeconds(29))).isFalse();
        assertThat(failed.needsFetch(T0.plus(Duration.ofMinutes(5)).plusSeconds(30))).isTrue();
    }

    @Test
    void jwksUnavailableIsLoggedAtMostOnceAMinute() {
        assertThat(JwksState.mayLogUnavailable(Optional.empty(), T0)).isTrue();
        assertThat(JwksState.mayLogUnavailable(Optional.of(T0), T0.plusSeconds(59))).isFalse();
        assertThat(JwksState.mayLogUnavailable(Optional.of(T0), T0.plusSeconds(60))).isTrue();
    }

    @Test
    void holdsFetchedKeysOnly() {
        WidgetPublicKey uploaded = new WidgetPublicKey(new KeyId("u"), WidgetPublicKey.KeyType.EC,
                EnumSet.of(TokenAlgorithm.ES256), 256, "{}", T0, WidgetPublicKey.Origin.UPLOADED);

        assertThatThrownBy(() -> new JwksState(List.of(uploaded), Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
