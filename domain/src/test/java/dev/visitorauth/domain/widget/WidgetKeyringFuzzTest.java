package dev.visitorauth.domain.widget;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Keyring rotation invariants (spec section 2) over fuzzed sequences of rotations, each with a
 * grace of 0 to 86400 s, and clock moves: after every step exactly one secret is current (the
 * newest), at most two verify, the secret replaced last verifies exactly until its grace ends and
 * every older one no longer verifies, the remembered rotated-out secrets are bounded and include
 * the most recent ones, and the key-choice rule agrees.
 */
class WidgetKeyringFuzzTest {
    private static final WidgetId WIDGET = new WidgetId("wdg_fuzz");
    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");
    private static final int MOST_STEPS = 80;

    /** The one call into production code that changes a keyring: a rename is a one-line change here. */
    private static WidgetKeyring rotate(WidgetKeyring keyring, KeyId id, Duration grace, Instant now) {
        return keyring.rotate(id, secret(id), grace, now);
    }

    private static SecretValue secret(KeyId id) {
        return SecretValue.of((id.value() + "-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ").substring(0, 48));
    }

    @FuzzTest
    void rotationKeepsOneCurrentAtMostTwoVerifyingAndHonoursGrace(FuzzedDataProvider data) {
        KeyId first = new KeyId("k0");
        WidgetKeyring keyring = WidgetKeyring.create(WIDGET, first, secret(first), START);
        Instant now = START;
        List<KeyId> retired = new ArrayList<>(); // oldest first
        KeyId current = first;
        Instant lastRotation = null;
        Duration lastGrace = Duration.ZERO;

        for (int step = 0; step < MOST_STEPS && data.remainingBytes() > 0; step++) {
            switch (data.consumeInt(0, 2)) {
                case 0 -> now = now.plusSeconds(data.consumeLong(0, 3 * 86_400)).plusNanos(data.consumeInt(0, 999_999_999));
                case 1 -> {
                    Duration grace = data.consumeBoolean() ? Duration.ZERO : Duration.ofSeconds(data.consumeLong(0, 86_400));
                    KeyId next = new KeyId("k" + (retired.size() + 1));
                    keyring = rotate(keyring, next, grace, now);
                    retired.add(current);
                    current = next;
                    lastRotation = now;
                    lastGrace = grace;
                }
                default -> {
                    // look at the same keyring later, without rotating
                    Instant later = now.plusSeconds(data.consumeLong(0, 2 * 86_400));
                    assertInvariants(keyring, later, current, retired, lastRotation, lastGrace);
                }
            }
            assertInvariants(keyring, now, current, retired, lastRotation, lastGrace);
        }
    }

    private static void assertInvariants(WidgetKeyring keyring, Instant at, KeyId current, List<KeyId> retired,
                                         Instant lastRotation, Duration lastGrace) {
        List<WidgetSecret> secrets = keyring.secrets();
        assertThat(secrets.stream().filter(s -> s.stateAt(at) == WidgetSecret.State.CURRENT))
                .as("exactly one current secret, the newest").singleElement()
                .extracting(WidgetSecret::keyId).isEqualTo(current);
        assertThat(keyring.current().keyId()).isEqualTo(current);

        List<KeyId> verifying = keyring.verifying(at).stream().map(WidgetSecret::keyId).toList();
        assertThat(verifying).as("at most two secrets verify").hasSizeLessThanOrEqualTo(2).first().isEqualTo(current);

        if (!retired.isEmpty()) {
            KeyId replaced = retired.get(retired.size() - 1);
            boolean inGrace = at.isBefore(lastRotation.plus(lastGrace));
            assertThat(verifying.contains(replaced)).as("the replaced secret verifies only during its grace (%s from %s, now %s)",
                    lastGrace, lastRotation, at).isEqualTo(inGrace);
            WidgetSecret replacedSecret = keyring.byKeyId(replaced.value()).orElseThrow();
            Instant graceEnd = lastRotation.plus(lastGrace);
            assertThat(replacedSecret.verifiesAt(graceEnd.minusNanos(1))).as("verifies until the last instant of its grace")
                    .isEqualTo(!lastGrace.isZero());
            assertThat(replacedSecret.verifiesAt(graceEnd)).as("stops when its grace ends").isFalse();
            for (KeyId older : retired.subList(0, retired.size() - 1)) {
                assertThat(verifying).as("older secrets never verify again").doesNotContain(older);
            }
        }

        assertThat(keyring.rotatedOut(at)).as("remembered rotated-out secrets are bounded")
                .hasSizeLessThanOrEqualTo(WidgetKeyring.REMEMBERED_ROTATED_OUT + 1);
        assertThat(secrets).hasSizeLessThanOrEqualTo(WidgetKeyring.REMEMBERED_ROTATED_OUT + 2);
        List<KeyId> mostRecent = retired.subList(Math.max(0, retired.size() - WidgetKeyring.REMEMBERED_ROTATED_OUT), retired.size());
        for (KeyId id : mostRecent) {
            assertThat(keyring.byKeyId(id.value())).as("the %d most recently replaced secrets are remembered",
                    WidgetKeyring.REMEMBERED_ROTATED_OUT).isPresent();
        }

        // The key-choice rule agrees with the states.
        Result<KeyChoice> choice = keyring.select(null, TokenAlgorithm.HS256, at);
        assertThat(choice).isInstanceOfSatisfying(Result.Ok.class, ok -> {
            KeyChoice.Secrets s = (KeyChoice.Secrets) ok.value();
            assertThat(s.verifying().stream().map(WidgetSecret::keyId).toList()).isEqualTo(verifying);
            assertThat(s.rotatedOut()).hasSize(secrets.size() - verifying.size());
        });
        for (WidgetSecret s : secrets) {
            Result<KeyChoice> byKid = keyring.select(s.keyId().value(), TokenAlgorithm.HS256, at);
            if (s.verifiesAt(at)) {
                assertThat(byKid).isInstanceOf(Result.Ok.class);
            } else {
                assertThat(byKid).isInstanceOfSatisfying(Result.Refused.class,
                        r -> assertThat(r.refusal().code()).isEqualTo(ErrorCode.SECRET_ROTATED));
            }
        }
    }
}
