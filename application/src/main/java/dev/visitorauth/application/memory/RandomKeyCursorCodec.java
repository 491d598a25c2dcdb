package dev.visitorauth.application.memory;

import dev.visitorauth.application.port.out.CursorCodecPort;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The in-process default cursor codec: HMAC-SHA256 under a random key drawn when the process
 * starts, for the in-memory store (whose data, like these cursors, ends with the process). A
 * server with a database uses the persistence adapter's codec, keyed from the master key and so
 * shared by every node. Same format and checks: a cursor opens only for its scope, compared in
 * constant time.
 */
public final class RandomKeyCursorCodec implements CursorCodecPort {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final int MAX_CURSOR_LENGTH = 2 * MAX_POSITION_LENGTH + 64;

    private final SecretKeySpec key;

    public RandomKeyCursorCodec() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    @Override
    public String seal(CursorScope scope, String position) {
        Objects.requireNonNull(scope, "scope");
        if (position.length() > MAX_POSITION_LENGTH) {
            throw new IllegalArgumentException("a cursor position is at most " + MAX_POSITION_LENGTH + " characters");
        }
        byte[] p = position.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(p) + "." + ENCODER.encodeToString(mac(scope, p));
    }

    @Override
    public Optional<String> open(CursorScope scope, String cursor) {
        if (cursor == null || cursor.length() > MAX_CURSOR_LENGTH) {
            return Optional.empty();
        }
        int dot = cursor.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        try {
            byte[] p = Base64.getUrlDecoder().decode(cursor.substring(0, dot));
            byte[] given = Base64.getUrlDecoder().decode(cursor.substring(dot + 1));
            boolean genuine = MessageDigest.isEqual(mac(scope, p), given)
                    && cursor.equals(ENCODER.encodeToString(p) + "." + ENCODER.encodeToString(given));
            return genuine ? Optional.of(new String(p, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private byte[] mac(CursorScope scope, byte[] position) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            for (String part : new String[] {scope.list(), scope.workspace().value(), scope.owner(), scope.filter()}) {
                byte[] b = part.getBytes(StandardCharsets.UTF_8);
                mac.update(new byte[] {(byte) (b.length >>> 24), (byte) (b.length >>> 16), (byte) (b.length >>> 8), (byte) b.length});
                mac.update(b);
            }
            mac.update(position);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }
}
