package dev.visitorauth.adapter.persistence;

import dev.visitorauth.application.port.out.CursorCodecPort;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Cursors MACed with HMAC-SHA256: {@code base64url(position) "." base64url(mac)}, where the MAC
 * covers a version byte, the scope (list, workspace, owner, filter, each length-prefixed so no two
 * scopes encode alike) and the position. A cursor opens only for the scope it was sealed for, and
 * the MAC is compared in constant time ({@link MessageDigest#isEqual}).
 *
 * <p>The key is derived from the master key ({@code HMAC-SHA256(masterKey, "visitorauth cursor key
 * v1")}), so every node of a cluster, which shares the master key, opens every other node's
 * cursors, and the master key itself never MACs anything but this derivation. Thread-safe.
 */
public final class HmacCursorCodec implements CursorCodecPort {
    /** The derivation label; a new label (v2) would invalidate every cursor issued before. */
    static final String KEY_LABEL = "visitorauth cursor key v1";
    /** The longest cursor accepted: longer input is refused before any decoding. */
    static final int MAX_CURSOR_LENGTH = 4 * ((MAX_POSITION_LENGTH * 4 + 2) / 3) + 1 + 43 + 8;

    private static final String ALGORITHM = "HmacSHA256";
    private static final byte VERSION = 1;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    /** A codec under a key derived from {@code masterKey} (the 32-byte key that seals widget secrets). */
    public static HmacCursorCodec fromMasterKey(byte[] masterKey) {
        Objects.requireNonNull(masterKey, "masterKey");
        if (masterKey.length < 32) {
            throw new IllegalArgumentException("the master key is at least 32 bytes");
        }
        byte[] derived = hmac(new SecretKeySpec(masterKey, ALGORITHM), KEY_LABEL.getBytes(StandardCharsets.UTF_8));
        try {
            return new HmacCursorCodec(derived);
        } finally {
            Arrays.fill(derived, (byte) 0);
        }
    }

    /** A codec MACing with {@code key} (at least 32 bytes; copied). */
    public HmacCursorCodec(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < 32) {
            throw new IllegalArgumentException("a cursor key is at least 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    @Override
    public String seal(CursorScope scope, String position) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(position, "position");
        if (position.length() > MAX_POSITION_LENGTH) {
            throw new IllegalArgumentException("a cursor position is at most " + MAX_POSITION_LENGTH + " characters");
        }
        byte[] positionBytes = position.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(positionBytes) + "." + ENCODER.encodeToString(mac(scope, positionBytes));
    }

    @Override
    public Optional<String> open(CursorScope scope, String cursor) {
        Objects.requireNonNull(scope, "scope");
        if (cursor == null || cursor.isEmpty() || cursor.length() > MAX_CURSOR_LENGTH) {
            return Optional.empty();
        }
        int dot = cursor.indexOf('.');
        if (dot < 0 || cursor.indexOf('.', dot + 1) >= 0) {
            return Optional.empty();
        }
        byte[] positionBytes;
        byte[] given;
        try {
            positionBytes = DECODER.decode(cursor.substring(0, dot));
            given = DECODER.decode(cursor.substring(dot + 1));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(mac(scope, positionBytes), given)) {
            return Optional.empty();
        }
        // Base64 allows more than one spelling of the same bytes; only the one we issue opens.
        if (!cursor.equals(ENCODER.encodeToString(positionBytes) + "." + ENCODER.encodeToString(given))) {
            return Optional.empty();
        }
        return Optional.of(new String(positionBytes, StandardCharsets.UTF_8));
    }

    private byte[] mac(CursorScope scope, byte[] position) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(VERSION);
            for (String part : new String[] {scope.list(), scope.workspace().value(), scope.owner(), scope.filter()}) {
                field(mac, part.getBytes(StandardCharsets.UTF_8));
            }
            field(mac, position);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }

    private static void field(Mac mac, byte[] bytes) {
        int n = bytes.length;
        mac.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        mac.update(bytes);
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }
}
