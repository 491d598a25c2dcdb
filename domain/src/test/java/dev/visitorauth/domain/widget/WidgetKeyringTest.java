package dev.visitorauth.domain.widget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WidgetKeyringTest {
    private static final WidgetId WIDGET = new WidgetId("wgt_1");
    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

    private static KeyId kid(int n) {
        return new KeyId("kid-" + n);
    }

    private static SecretValue secret(int n) {
        return SecretValue.of(("secret" + n + "_").repeat(8).substring(0, 48));
    }

    private static WidgetKeyring created() {
        return WidgetKeyring.create(WIDGET, kid(0), secret(0), T0);
    }

    private static List<String> keyIds(List<WidgetSecret> secrets) {
        return secrets.stream().map(s -> s.keyId().value()).toList();
    }

    @Test
    void aNewKeyringHoldsOneCurrentSecretThatVerifies() {
        WidgetKeyring keyring = created();

        assertThat(keyring.current().keyId()).isEqualTo(kid(0));
        assertThat(keyIds(keyring.verifying(T0))).containsExactly("kid-0");
        assertThat(keyring.rotatedOut(T0)).isEmpty();
    }

    @Test
    void rotatingWithoutGraceInvalidatesTheOldSecretAtOnce() {
        WidgetKeyring keyring = created().rotate(kid(1), secret(1), Duration.ZERO, T0);

        assertThat(keyring.current().keyId()).isEqualTo(kid(1));
        assertThat(keyIds(keyring.verifying(T0))).containsExactly("kid-1");
        assertThat(keyIds(keyring.rotatedOut(T0))).containsExactly("kid-0");
        assertThat(keyring.byKeyId("kid-0").orElseThrow().stateAt(T0)).isEqualTo(WidgetSecret.State.ROTATED_OUT);
    }

    @Test
    void rotatingWithGraceKeepsBothSecretsVerifyingUntilTheGraceEnds() {
        WidgetKeyring keyring = created().rotate(kid(1), secret(1), Duration.ofSeconds(60), T0);

        assertThat(keyIds(keyring.verifying(T0))).containsExactly("kid-1", "kid-0");
        assertThat(keyIds(keyring.verifying(T0.plusSeconds(60).minusNanos(1)))).containsExactly("kid-1", "kid-0");
        assertThat(keyring.byKeyId("kid-0").orElseThrow().stateAt(T0.plusSeconds(30)))
                .isEqualTo(WidgetSecret.State.IN_GRACE);
    }

    @Test
    void theOldSecretStopsVerifyingTheMomentItsGraceEnds() {
        WidgetKeyring keyring = created().rotate(kid(1), secret(1), Duration.ofSeconds(60), T0);

        assertThat(keyIds(keyring.verifying(T0.plusSeconds(60)))).containsExactly("kid-1");
        assertThat(keyIds(keyring.rotatedOut(T0.plusSeconds(60)))).containsExactly("kid-0");
    }

    @Test
    void acceptsTheLongestGrace() {
        WidgetKeyring keyring = created().rotate(kid(1), secret(1), Duration.ofSeconds(86_400), T0);

        assertThat(keyring.byKeyId("kid-0").orElseThrow().graceUntil()).contains(T0.plusSeconds(86_400));
    }

    @Test
    void aSecondRotationEndsTheEarlierGrace() {
        Instant later = T0.plusSeconds(600);
        WidgetKeyring keyring = created().rotate(kid(1), secret(1), Duration.ofHours(1), T0)
                .rotate(kid(2), secret(2), Duration.ofHours(1), later);

        assertThat(keyIds(keyring.verifying(later))).containsExactly("kid-2", "kid-1");
        assertThat(keyring.byKeyId("kid-0").orElseThrow().stateAt(later)).isEqualTo(WidgetSecret.State.ROTATED_OUT);
        assertThat(keyIds(keyring.rotatedOut(later))).containsExactly("kid-0");
    }

    @Test
    void aSecondRotationWithoutGraceLeavesOnlyTheNewSecretVerifying() {
        Instant later = T0.plusSeconds(600);
        WidgetKeyring keyring = created().rotate(kid(1), secret(1), Duration.ofHours(1), T0)
                .rotate(kid(2), secret(2), Duration.ZERO, later);

        assertThat(keyIds(keyring.verifying(later))).containsExactly("kid-2");
        assertThat(keyIds(keyring.rotatedOut(later))).containsExactlyInAnyOrder("kid-1", "kid-0");
    }

    @Test
    void neverHasMoreThanTwoSecretsVerifying() {
        WidgetKeyring keyring = created();
        for (int i = 1; i <= 5; i++) {
            Instant at = T0.plusSeconds(i);
            keyring = keyring.rotate(kid(i), secret(i), Duration.ofHours(1), at);

            assertThat(keyring.verifying(at)).hasSize(2);
        }
    }

    @Test
    void remembersAtLeastTheLastFiveRotatedOutSecrets() {
        WidgetKeyring keyring = created();
        for (int i = 1; i <= 20; i++) {
            keyring = keyring.rotate(kid(i), secret(i), Duration.ZERO, T0.plusSeconds(i));
        }
        Instant now = T0.plusSeconds(20);

        assertThat(keyring.rotatedOut(now)).hasSizeGreaterThanOrEqualTo(5);
        for (int i = 15; i <= 19; i++) {
            assertThat(keyring.byKeyId("kid-" + i)).as("kid-%d remembered", i)
                    .hasValueSatisfying(s -> assertThat(s.stateAt(now)).isEqualTo(WidgetSecret.State.ROTATED_OUT));
        }
    }

    @Test
    void forgetsTheOldestRotatedOutSecretsBeyondWhatItRemembers() {
        WidgetKeyring keyring = created();
        for (int i = 1; i <= 20; i++) {
            keyring = keyring.rotate(kid(i), secret(i), Duration.ZERO, T0.plusSeconds(i));
        }

        assertThat(keyring.secrets()).hasSize(1 + WidgetKeyring.REMEMBERED_ROTATED_OUT);
        assertThat(keyring.byKeyId("kid-0")).isEmpty();
    }

    @Test
    void listsSecretsCurrentFirstThenNewestRetiredFirst() {
        WidgetKeyring keyring = created();
        for (int i = 1; i <= 3; i++) {
            keyring = keyring.rotate(kid(i), secret(i), Duration.ZERO, T0.plusSeconds(i));
        }

        assertThat(keyIds(keyring.secrets())).containsExactly("kid-3", "kid-2", "kid-1", "kid-0");
    }

    @Test
    void restoresSecretsInThatOrderWhateverOrderTheStoreReturns() {
        WidgetSecret current = WidgetSecret.current(kid(2), secret(2), T0.plusSeconds(20));
        WidgetSecret older = new WidgetSecret(kid(0), secret(0), T0, Optional.of(T0.plusSeconds(10)), Optional.empty());
        WidgetSecret inGrace = new WidgetSecret(kid(1), secret(1), T0.plusSeconds(10), Optional.of(T0.plusSeconds(20)),
                Optional.of(T0.plusSeconds(80)));

        WidgetKeyring keyring = WidgetKeyring.restore(WIDGET, List.of(older, inGrace, current));

        assertThat(keyIds(keyring.secrets())).containsExactly("kid-2", "kid-1", "kid-0");
        assertThat(keyIds(keyring.verifying(T0.plusSeconds(30)))).containsExactly("kid-2", "kid-1");
    }

    @Test
    void findsCurrentInGraceAndRotatedOutSecretsByKeyId() {
        WidgetKeyring keyring = created().rotate(kid(1), secret(1), Duration.ZERO, T0)
                .rotate(kid(2), secret(2), Duration.ofHours(1), T0.plusSeconds(1));

        assertThat(keyring.byKeyId("kid-2")).map(WidgetSecret::value).contains(secret(2));
        assertThat(keyring.byKeyId("kid-1")).map(WidgetSecret::value).contains(secret(1));
        assertThat(keyring.byKeyId("kid-0")).map(WidgetSecret::value).contains(secret(0));
    }

    @Test
    void findsNothingForAnUnknownKeyId() {
        assertThat(created().byKeyId("kid-9")).isEmpty();
        assertThat(created().byKeyId("KID-0")).isEmpty();
        assertThat(created().byKeyId("")).isEmpty();
    }

    @Test
    void refusesAGraceOutsideZeroTo86400Seconds() {
        assertThatThrownBy(() -> created().rotate(kid(1), secret(1), Duration.ofSeconds(-1), T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> created().rotate(kid(1), secret(1), Duration.ofSeconds(86_401), T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesToReuseAKeyId() {
        WidgetKeyring keyring = created().rotate(kid(1), secret(1), Duration.ZERO, T0);

        assertThatThrownBy(() -> keyring.rotate(kid(0), secret(2), Duration.ZERO, T0.plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesToRestoreAKeyringWithoutExactlyOneCurrentSecret() {
        WidgetSecret a = WidgetSecret.current(kid(0), secret(0), T0);
        WidgetSecret b = WidgetSecret.current(kid(1), secret(1), T0);
        WidgetSecret retired = new WidgetSecret(kid(2), secret(2), T0, Optional.of(T0), Optional.empty());

        assertThatThrownBy(() -> WidgetKeyring.restore(WIDGET, List.of(a, b))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WidgetKeyring.restore(WIDGET, List.of(retired)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsTheKeyringItRotatesUnchanged() {
        WidgetKeyring original = created();

        original.rotate(kid(1), secret(1), Duration.ZERO, T0);

        assertThat(keyIds(original.verifying(T0))).containsExactly("kid-0");
    }
}
