package dev.visitorauth.adapter.token;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;

/**
 * HMAC-SHA256 (RFC 2104) for one key, with the key's two pad blocks hashed once, when the instance
 * is made, instead of on every MAC.
 *
 * <p>HMAC is {@code SHA-256((K ^ opad) || SHA-256((K ^ ipad) || data))}, where {@code K} is the key
 * (hashed first when longer than the 64-byte block) padded with zeros to one block. The JDK's
 * {@code Mac} ({@code com.sun.crypto.provider.HmacCore}) keeps the two padded key blocks and hashes
 * each again for every MAC: two of the ten SHA-256 block compressions of a visitor token. Here the
 * SHA-256 states after those blocks are kept, and every MAC starts from copies of them
 * ({@link MessageDigest#clone()}, which the JDK's SHA-256 supports), so the JDK's SHA-256 (and its
 * intrinsic) still does every compression; nothing of SHA-256 is written here.
 *
 * <p>Not thread-safe: the two kept states are never updated, only copied, but a {@link MessageDigest}
 * promises nothing to concurrent readers, and the result buffer is reused. Each thread keeps its own
 * instances ({@link StrictJwsCodec} keeps one per secret per thread). Checked against RFC 4231's test
 * vectors and against {@code javax.crypto.Mac} on random keys and messages by
 * {@code PrecomputedHmacSha256Test}.
 */
final class PrecomputedHmacSha256 {
    /** The MAC's length in bytes. */
    static final int LENGTH = 32;
    private static final int BLOCK = 64;
    private static final byte IPAD = 0x36;
    private static final byte OPAD = 0x5c;

    /** SHA-256 having hashed {@code K ^ ipad}; only ever cloned. */
    private final MessageDigest inner;
    /** SHA-256 having hashed {@code K ^ opad}; only ever cloned. */
    private final MessageDigest outer;
    private final byte[] result = new byte[LENGTH];

    /**
     * The HMAC-SHA256 of {@code key}, which is not kept (the caller may wipe it). An empty key is
     * refused, as {@code javax.crypto.spec.SecretKeySpec} refuses it.
     */
    PrecomputedHmacSha256(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length == 0) {
            throw new IllegalArgumentException("an HMAC-SHA256 key needs at least one byte");
        }
        byte[] block = new byte[BLOCK];
        byte[] padded = new byte[BLOCK];
        try {
            if (key.length > BLOCK) {
                MessageDigest keyHash = sha256();
                keyHash.update(key);
                digest(keyHash, block, 0);
            } else {
                System.arraycopy(key, 0, block, 0, key.length);
            }
            inner = padded(block, IPAD, padded);
            outer = padded(block, OPAD, padded);
        } finally {
            Arrays.fill(block, (byte) 0);
            Arrays.fill(padded, (byte) 0);
        }
        copy(inner); // a SHA-256 that cannot be copied fails here, not at the first token
    }

    /** Writes the MAC of {@code data[offset, offset + length)} into {@code out[at, at + 32)}. */
    void mac(byte[] data, int offset, int length, byte[] out, int at) {
        Objects.checkFromIndexSize(offset, length, data.length);
        Objects.checkFromIndexSize(at, LENGTH, out.length);
        MessageDigest hash = copy(inner);
        hash.update(data, offset, length);
        digest(hash, out, at);
        hash = copy(outer);
        hash.update(out, at, LENGTH);
        digest(hash, out, at);
    }

    /**
     * True when {@code expected} is the MAC of {@code data[offset, offset + length)}, compared in
     * constant time ({@link MessageDigest#isEqual}); false for an {@code expected} of another length.
     */
    boolean verifies(byte[] data, int offset, int length, byte[] expected) {
        mac(data, offset, length, result, 0);
        return MessageDigest.isEqual(result, expected);
    }

    private static MessageDigest padded(byte[] block, byte pad, byte[] into) {
        for (int i = 0; i < BLOCK; i++) {
            into[i] = (byte) (block[i] ^ pad);
        }
        MessageDigest hash = sha256();
        hash.update(into);
        return hash;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static MessageDigest copy(MessageDigest state) {
        try {
            return (MessageDigest) state.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("this JDK's SHA-256 cannot be copied; HMAC needs it", e);
        }
    }

    private static void digest(MessageDigest hash, byte[] out, int at) {
        try {
            hash.digest(out, at, LENGTH);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-256 is 32 bytes", e);
        }
    }
}
