package dev.visitorauth.domain.widget;

import dev.visitorauth.domain.GracePeriod;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A widget's keys: exactly one current HS256 secret, at most one previous secret in its grace
 * period, and the most recently rotated-out secrets (at least {@value #REMEMBERED_ROTATED_OUT}),
 * kept only to tell {@code secret_rotated} from {@code invalid_signature}; beside them, the public
 * keys an admin uploaded (spec section 12), the widget's JWKS URL if it names one, and, for one
 * verification, the keys last read from that URL.
 *
 * <p>{@link #select} is the key-choice rule of the token rules: which keys a token's {@code kid}
 * and {@code alg} may be verified with, and the refusal when there are none.
 */
public final class WidgetKeyring {
    /** How many rotated-out secrets are remembered for diagnosis. */
    public static final int REMEMBERED_ROTATED_OUT = 10;

    /** Current first, then newest retired first (stable for ties), whatever order a store returns. */
    private static final Comparator<WidgetSecret> HELD_ORDER =
            Comparator.comparing((WidgetSecret s) -> s.retiredAt().orElse(Instant.MAX)).reversed();

    /** The most public keys a widget may hold (uploaded; a JWKS adds its own, up to the same number). */
    public static final int MAX_PUBLIC_KEYS = 20;

    private static final Refusal UNKNOWN_KID = Refusal.of(ErrorCode.UNKNOWN_KEY, "kid",
            "The header's \"kid\" names no key of this widget; use the key id shown with the widget secret or public key, "
                    + "or leave it out.");
    private static final Refusal KID_ROTATED = Refusal.of(ErrorCode.SECRET_ROTATED, "kid",
            "The header's \"kid\" names a widget secret that has been rotated out; sign with the current secret and its key id.");
    private static final Refusal SECRET_NOT_FOR_ALG = Refusal.of(ErrorCode.UNSUPPORTED_ALGORITHM, "alg",
            "The header's \"kid\" names an HS256 secret, so alg must be HS256; sign with the private key of one of the "
                    + "widget's public keys to use an asymmetric algorithm.");
    private static final Refusal NO_PUBLIC_KEY_FOR_ALG = Refusal.of(ErrorCode.UNSUPPORTED_ALGORITHM, "alg",
            "No public key of this widget allows this alg; sign with a key the widget holds, with the alg that key allows.");

    private final WidgetId widgetId;
    private final List<WidgetSecret> secrets;
    private final List<WidgetPublicKey> publicKeys;
    private final Optional<JwksUrl> jwksUrl;
    private final List<WidgetPublicKey> fetchedKeys;
    private final long revision;
    /** The key choice when every secret verifies (the common case), made once: {@link #select} hands it out. */
    private final Result<KeyChoice> everySecret;

    private WidgetKeyring(WidgetId widgetId, List<WidgetSecret> secrets) {
        this(widgetId, secrets, List.of(), Optional.empty(), List.of(), 0);
    }

    private WidgetKeyring(WidgetId widgetId, List<WidgetSecret> secrets, List<WidgetPublicKey> publicKeys,
                          Optional<JwksUrl> jwksUrl, List<WidgetPublicKey> fetchedKeys, long revision) {
        this.widgetId = Objects.requireNonNull(widgetId, "widgetId");
        this.revision = revision;
        this.publicKeys = List.copyOf(publicKeys);
        this.jwksUrl = Objects.requireNonNull(jwksUrl, "jwksUrl");
        this.fetchedKeys = List.copyOf(fetchedKeys);
        if (this.publicKeys.size() > MAX_PUBLIC_KEYS) {
            throw new IllegalArgumentException("a keyring holds at most " + MAX_PUBLIC_KEYS + " public keys");
        }
        for (WidgetPublicKey key : this.publicKeys) {
            if (key.origin() != WidgetPublicKey.Origin.UPLOADED) {
                throw new IllegalArgumentException("stored public keys are uploaded ones");
            }
        }
        // List.copyOf: an immutable list that KeyChoice's own List.copyOf hands back as it is.
        this.secrets = List.copyOf(secrets.stream().sorted(HELD_ORDER).toList());
        this.everySecret = Result.ok(new KeyChoice.Secrets(this.secrets, List.of()));
        long current = this.secrets.stream().filter(s -> s.retiredAt().isEmpty()).count();
        if (current != 1) {
            throw new IllegalArgumentException("a keyring has exactly one current secret, not " + current);
        }
        long ids = this.secrets.size() + this.publicKeys.size();
        if (java.util.stream.Stream.concat(this.secrets.stream().map(WidgetSecret::keyId),
                this.publicKeys.stream().map(WidgetPublicKey::keyId)).distinct().count() != ids) {
            throw new IllegalArgumentException("key ids are unique within a keyring");
        }
    }

    /** A new widget's keyring, holding its first secret. */
    public static WidgetKeyring create(WidgetId widgetId, KeyId keyId, SecretValue secret, Instant now) {
        return new WidgetKeyring(widgetId, List.of(WidgetSecret.current(keyId, secret, now)));
    }

    /** A keyring of secrets only, as it was stored. */
    public static WidgetKeyring restore(WidgetId widgetId, List<WidgetSecret> secrets) {
        return new WidgetKeyring(widgetId, secrets);
    }

    /** A keyring as it was stored: secrets, uploaded public keys (oldest first) and the JWKS URL. */
    public static WidgetKeyring restore(WidgetId widgetId, List<WidgetSecret> secrets, List<WidgetPublicKey> publicKeys,
                                        Optional<JwksUrl> jwksUrl) {
        return restore(widgetId, secrets, publicKeys, jwksUrl, 0);
    }

    /**
     * A keyring as it was stored, with its revision: a number the store raises with every saved change
     * to the keyring, so that a copy held in a cache can be checked against the stored one.
     */
    public static WidgetKeyring restore(WidgetId widgetId, List<WidgetSecret> secrets, List<WidgetPublicKey> publicKeys,
                                        Optional<JwksUrl> jwksUrl, long revision) {
        return new WidgetKeyring(widgetId, secrets, publicKeys, jwksUrl, List.of(), revision);
    }

    /**
     * The stored revision this keyring was read at (0 for one never stored). Changes made with the
     * {@code with...} methods keep it: the store gives the next revision when it saves them.
     */
    public long revision() {
        return revision;
    }

    /** The uploaded public keys, oldest first. */
    public List<WidgetPublicKey> publicKeys() {
        return publicKeys;
    }

    /** The widget's JWKS URL, if it names one. */
    public Optional<JwksUrl> jwksUrl() {
        return jwksUrl;
    }

    /** The keys last read from the JWKS URL, as given to {@link #withFetchedKeys}; never stored. */
    public List<WidgetPublicKey> fetchedKeys() {
        return fetchedKeys;
    }

    /** True when tokens may name an asymmetric alg: the widget has a public key or a JWKS URL. */
    public boolean acceptsPublicKeys() {
        return !publicKeys.isEmpty() || jwksUrl.isPresent();
    }

    /**
     * Adds an uploaded public key. Refused ({@code invalid_request} about {@link InputField#JWK}) when its key id is
     * already in the keyring, or the keyring holds {@value #MAX_PUBLIC_KEYS} public keys.
     */
    public Result<WidgetKeyring> withPublicKey(WidgetPublicKey key) {
        if (key.origin() != WidgetPublicKey.Origin.UPLOADED) {
            throw new IllegalArgumentException("only uploaded keys are added");
        }
        if (hasKeyId(key.keyId().value())) {
            return Result.refused(Refusal.of(ErrorCode.INVALID_REQUEST, InputField.JWK,
                    "The JWK's kid \"" + key.keyId() + "\" is already a key id of this widget; give the key another kid."));
        }
        if (publicKeys.size() >= MAX_PUBLIC_KEYS) {
            return Result.refused(Refusal.of(ErrorCode.INVALID_REQUEST, InputField.JWK,
                    "This widget already holds " + MAX_PUBLIC_KEYS + " public keys; delete one first."));
        }
        List<WidgetPublicKey> more = new ArrayList<>(publicKeys);
        more.add(key);
        return Result.ok(new WidgetKeyring(widgetId, secrets, more, jwksUrl, fetchedKeys, revision));
    }

    /** Removes an uploaded public key; empty when the keyring has no such public key. */
    public Optional<WidgetKeyring> withoutPublicKey(KeyId keyId) {
        List<WidgetPublicKey> fewer = publicKeys.stream().filter(k -> !k.keyId().equals(keyId)).toList();
        return fewer.size() == publicKeys.size() ? Optional.empty()
                : Optional.of(new WidgetKeyring(widgetId, secrets, fewer, jwksUrl, fetchedKeys, revision));
    }

    /** Names, changes or (empty) removes the JWKS URL; keys fetched from an earlier URL are dropped. */
    public WidgetKeyring withJwksUrl(Optional<JwksUrl> url) {
        return new WidgetKeyring(widgetId, secrets, publicKeys, url, url.equals(jwksUrl) ? fetchedKeys : List.of(), revision);
    }

    /**
     * This keyring with the keys read from its JWKS URL, for verification. Keys whose id is already
     * a secret's or an uploaded key's are left out (the keyring's own keys win); at most
     * {@value #MAX_PUBLIC_KEYS} are kept.
     */
    public WidgetKeyring withFetchedKeys(List<WidgetPublicKey> keys) {
        if (jwksUrl.isEmpty()) {
            throw new IllegalStateException("a keyring without a JWKS URL has no fetched keys");
        }
        List<WidgetPublicKey> kept = new ArrayList<>();
        java.util.Set<KeyId> seen = new java.util.HashSet<>();
        for (WidgetPublicKey key : keys) {
            if (key.origin() == WidgetPublicKey.Origin.JWKS && kept.size() < MAX_PUBLIC_KEYS
                    && !hasKeyId(key.keyId().value()) && seen.add(key.keyId())) {
                kept.add(key);
            }
        }
        return new WidgetKeyring(widgetId, secrets, publicKeys, jwksUrl, kept, revision);
    }

    /**
     * The key-choice rule (spec sections 3 and 12): which keys a token may be verified with, given
     * its header's {@code kid} (null when absent) and {@code alg}.
     * <ul>
     *   <li>A {@code kid} picks that key only: {@code unknown_key} when the keyring has no such key
     *       (nor remembers it), {@code secret_rotated} when it names a rotated-out secret, and
     *       {@code unsupported_algorithm} when the key does not allow {@code alg} (a secret verifies
     *       HS256 only; a public key never does: no key confusion).</li>
     *   <li>Without one, HS256 tries the verifying secrets (current first), and the rotated-out ones
     *       only to diagnose {@code secret_rotated}; an asymmetric alg tries the public keys that
     *       allow it (uploaded first, then fetched), {@code unsupported_algorithm} when none does.</li>
     * </ul>
     */
    public Result<KeyChoice> select(String kid, TokenAlgorithm alg, Instant now) {
        Objects.requireNonNull(alg, "alg");
        Objects.requireNonNull(now, "now");
        if (kid != null) {
            return selectNamed(kid, alg, now);
        }
        if (alg.symmetric()) {
            if (allVerifyAt(now)) {
                return everySecret; // the common case: nothing made per token
            }
            List<WidgetSecret> verifying = new ArrayList<>(2);
            List<WidgetSecret> rotated = new ArrayList<>();
            for (WidgetSecret s : secrets) {
                (s.verifiesAt(now) ? verifying : rotated).add(s);
            }
            return Result.ok(new KeyChoice.Secrets(verifying, rotated));
        }
        List<WidgetPublicKey> candidates = new ArrayList<>();
        for (WidgetPublicKey key : publicKeys) {
            if (key.allows(alg)) {
                candidates.add(key);
            }
        }
        for (WidgetPublicKey key : fetchedKeys) {
            if (key.allows(alg)) {
                candidates.add(key);
            }
        }
        return candidates.isEmpty() ? Result.refused(NO_PUBLIC_KEY_FOR_ALG) : Result.ok(new KeyChoice.PublicKeys(candidates));
    }

    /** The key a {@code kid} names, if it may verify {@code alg} now. */
    private Result<KeyChoice> selectNamed(String kid, TokenAlgorithm alg, Instant now) {
        Optional<WidgetSecret> secret = byKeyId(kid);
        if (secret.isPresent()) {
            if (!alg.symmetric()) {
                return Result.refused(SECRET_NOT_FOR_ALG);
            }
            if (!secret.get().verifiesAt(now)) {
                return Result.refused(KID_ROTATED);
            }
            return Result.ok(new KeyChoice.Secrets(List.of(secret.get()), List.of()));
        }
        Optional<WidgetPublicKey> key = publicKey(kid);
        if (key.isEmpty()) {
            return Result.refused(UNKNOWN_KID);
        }
        if (!key.get().allows(alg)) {
            return Result.refused(Refusal.of(ErrorCode.UNSUPPORTED_ALGORITHM, "alg", "The header's \"kid\" names a "
                    + key.get().type().kty() + " public key, which verifies " + String.join(" or ",
                    key.get().algorithms().stream().map(TokenAlgorithm::headerName).sorted().toList())
                    + " only, never " + alg.headerName() + "."));
        }
        return Result.ok(new KeyChoice.PublicKeys(List.of(key.get())));
    }

    private boolean allVerifyAt(Instant now) {
        for (WidgetSecret secret : secrets) {
            if (!secret.verifiesAt(now)) {
                return false;
            }
        }
        return true;
    }

    /** The public key (uploaded, else fetched) a {@code kid} names. */
    public Optional<WidgetPublicKey> publicKey(String kid) {
        for (WidgetPublicKey key : publicKeys) {
            if (key.keyId().value().equals(kid)) {
                return Optional.of(key);
            }
        }
        for (WidgetPublicKey key : fetchedKeys) {
            if (key.keyId().value().equals(kid)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    private boolean hasKeyId(String kid) {
        if (byKeyId(kid).isPresent()) {
            return true;
        }
        for (WidgetPublicKey key : publicKeys) {
            if (key.keyId().value().equals(kid)) {
                return true;
            }
        }
        return false;
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
        if (grace.isNegative() || grace.compareTo(GracePeriod.MAX) > 0) {
            throw new IllegalArgumentException("grace must be 0 to 86400 seconds");
        }
        if (hasKeyId(newKeyId.value())) {
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
        return new WidgetKeyring(widgetId, kept, publicKeys, jwksUrl, fetchedKeys, revision);
    }
}
