package dev.visitorauth.domain.widget;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A widget's secrets: exactly one current secret, at most one previous secret in its grace
 * period, and the most recently rotated-out secrets (at least {@value #REMEMBERED_ROTATED_OUT}),
 * kept only to tell {@code secret_rotated} from {@code invalid_signature}.
 */
public final class WidgetKeyring {
    /** How many rotated-out secrets are remembered for diagnosis. */
    public static final int REMEMBERED_ROTATED_OUT = 10;
    /** The longest grace period an admin can ask for. */
    public static final Duration MAX_GRACE = Duration.ofSeconds(86_400);

    /** Current first, then newest retired first (stable for ties), whatever order a store returns. */
    private static final Comparator<WidgetSecret> HELD_ORDER =
            Comparator.comparing((WidgetSecret s) -> s.retiredAt().orElse(Instant.MAX)).reversed();

    private final WidgetId widgetId;
    private final List<WidgetSecret> secrets;

    private WidgetKeyring(WidgetId widgetId, List<WidgetSecret> secrets) {
        this.widgetId = Objects.requireNonNull(widgetId, "widgetId");
        this.secrets = secrets.stream().sorted(HELD_ORDER).toList();
        long current = this.secrets.stream().filter(s -> s.retiredAt().isEmpty()).count();
        if (current != 1) {
            throw new IllegalArgumentException("a keyring has exactly one current secret, not " + current);
        }
        if (this.secrets.stream().map(WidgetSecret::keyId).distinct().count() != this.secrets.size()) {
            throw new IllegalArgumentException("key ids are unique within a keyring");
        }
    }

    /** A new widget's keyring, holding its first secret. */
    public static WidgetKeyring create(WidgetId widgetId, KeyId keyId, SecretValue secret, Instant now) {
        return new WidgetKeyring(widgetId, List.of(WidgetSecret.current(keyId, secret, now)));
    }

    /** A keyring as it was stored. */
    public static WidgetKeyring restore(WidgetId widgetId, List<WidgetSecret> secrets) {
        return new WidgetKeyring(widgetId, secrets);
    }

    public WidgetId widgetId() {
        return widgetId;
    }

    /** Every secret held, current first, then newest retired first. */
    public List<WidgetSecret> secrets() {
        return secrets;
    }

    public WidgetSecret current() {
        return secrets.stream().filter(s -> s.retiredAt().isEmpty()).findFirst().orElseThrow();
    }

    /** The secrets that verify at {@code now}: the current one first, then one in grace if any. */
    public List<WidgetSecret> verifying(Instant now) {
        return secrets.stream().filter(s -> s.verifiesAt(now)).toList();
    }

    /** The remembered secrets that no longer verify at {@code now}. */
    public List<WidgetSecret> rotatedOut(Instant now) {
        return secrets.stream().filter(s -> !s.verifiesAt(now)).toList();
    }

    /** The secret a header's {@code kid} names, if this keyring has or remembers it. */
    public Optional<WidgetSecret> byKeyId(String kid) {
        for (WidgetSecret s : secrets) {
            if (s.keyId().value().equals(kid)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * Rotates: {@code newSecret} becomes current. The replaced secret keeps verifying for
     * {@code grace} (zero: it stops at once). Any earlier grace period ends now, so at most two
     * secrets ever verify, and a rotation with no grace leaves only the new one.
     */
    public WidgetKeyring rotate(KeyId newKeyId, SecretValue newSecret, Duration grace, Instant now) {
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative() || grace.compareTo(MAX_GRACE) > 0) {
            throw new IllegalArgumentException("grace must be 0 to 86400 seconds");
        }
        if (byKeyId(newKeyId.value()).isPresent()) {
            throw new IllegalArgumentException("key id already used in this keyring");
        }
        List<WidgetSecret> next = new ArrayList<>();
        next.add(WidgetSecret.current(newKeyId, newSecret, now));
        for (WidgetSecret s : secrets) {
            if (s.retiredAt().isEmpty()) {
                next.add(s.retire(now, grace.isZero() ? Optional.empty() : Optional.of(now.plus(grace))));
            } else if (s.verifiesAt(now)) {
                next.add(s.withGraceEnded(now));
            } else {
                next.add(s);
            }
        }
        List<WidgetSecret> retired = next.subList(1, next.size()).stream()
                .sorted(Comparator.comparing((WidgetSecret s) -> s.retiredAt().orElseThrow()).reversed())
                .toList();
        List<WidgetSecret> kept = new ArrayList<>();
        kept.add(next.get(0));
        int rotatedOut = 0;
        for (WidgetSecret s : retired) {
            if (s.verifiesAt(now)) {
                kept.add(s);
            } else if (rotatedOut < REMEMBERED_ROTATED_OUT) {
                kept.add(s);
                rotatedOut++;
            }
        }
        return new WidgetKeyring(widgetId, kept);
    }
}
