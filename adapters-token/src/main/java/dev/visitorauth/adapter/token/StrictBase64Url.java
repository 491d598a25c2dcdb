package dev.visitorauth.adapter.token;

import java.util.Arrays;

/**
 * Strict, unpadded base64url (RFC 4648 section 5, as JWS uses it): only {@code A-Z a-z 0-9 - _},
 * no padding, no whitespace, no length that leaves a single character over, and a canonical final
 * character (the bits it carries beyond the last whole byte are zero). Every byte string has
 * exactly one encoding that passes, so an altered signature or segment never decodes to the same
 * bytes. Works on ASCII bytes in place, without exceptions, allocating only the result.
 */
final class StrictBase64Url {
    /** Each byte's 6-bit value, or -1 outside the alphabet (so an OR of four goes negative). */
    private static final int[] VALUES = new int[256];

    static {
        Arrays.fill(VALUES, -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = i;
        }
    }

    private StrictBase64Url() {
    }

    /** The number of bytes {@code encodedLength} characters decode to, or -1 when no strict encoding has that length. */
    static int decodedLength(int encodedLength) {
        if (encodedLength < 0 || encodedLength % 4 == 1) {
            return -1;
        }
        return encodedLength / 4 * 3 + switch (encodedLength % 4) {
            case 2 -> 1;
            case 3 -> 2;
            default -> 0;
        };
    }

    private static final java.util.Base64.Decoder JDK = java.util.Base64.getUrlDecoder();

    /**
     * The bytes {@code src[from, to)} decode to, or null when they are not strict base64url. The
     * JDK's decoder (vectorised on common CPUs) does the work; this adds what it allows and strict
     * base64url does not: padding and a non-canonical final character. It refuses everything else
     * outside the alphabet itself (whitespace, '+', '/').
     */
    static byte[] decode(byte[] src, int from, int to) {
        int length = to - from;
        if (decodedLength(length) < 0) {
            return null;
        }
        if (length == 0) {
            return new byte[0];
        }
        if (src[to - 1] == '=' || !canonicalLast(src[to - 1], length % 4)) {
            return null;
        }
        try {
            return JDK.decode(java.nio.ByteBuffer.wrap(src, from, length)).array();
        } catch (IllegalArgumentException notBase64Url) {
            return null;
        }
    }

    /** True when a final character after {@code remainder} (0, 2 or 3) characters of a group carries no unused bits. */
    private static boolean canonicalLast(byte last, int remainder) {
        int value = VALUES[last & 0xFF];
        return switch (remainder) {
            case 2 -> value >= 0 && (value & 0x0F) == 0;
            case 3 -> value >= 0 && (value & 0x03) == 0;
            default -> true;
        };
    }

    /**
     * Decodes {@code src[from, to)} into {@code dst}, which must be exactly
     * {@link #decodedLength(int) decodedLength(to - from)} long.
     *
     * @return false when the characters are not strict base64url ({@code dst} then holds garbage)
     */
    static boolean decode(byte[] src, int from, int to, byte[] dst) {
        int length = to - from;
        if (decodedLength(length) != dst.length) {
            return false;
        }
        int in = from;
        int out = 0;
        int wholeEnd = from + length / 4 * 4;
        while (in < wholeEnd) {
            int bits = VALUES[src[in] & 0xFF] << 18 | VALUES[src[in + 1] & 0xFF] << 12
                    | VALUES[src[in + 2] & 0xFF] << 6 | VALUES[src[in + 3] & 0xFF];
            if (bits < 0) {
                return false;
            }
            dst[out] = (byte) (bits >> 16);
            dst[out + 1] = (byte) (bits >> 8);
            dst[out + 2] = (byte) bits;
            in += 4;
            out += 3;
        }
        switch (to - in) {
            case 0 -> {
                return true;
            }
            case 2 -> {
                int a = VALUES[src[in] & 0xFF];
                int b = VALUES[src[in + 1] & 0xFF];
                if ((a | b) < 0 || (b & 0x0F) != 0) {
                    return false;
                }
                dst[out] = (byte) (a << 2 | b >> 4);
                return true;
            }
            case 3 -> {
                int a = VALUES[src[in] & 0xFF];
                int b = VALUES[src[in + 1] & 0xFF];
                int c = VALUES[src[in + 2] & 0xFF];
                if ((a | b | c) < 0 || (c & 0x03) != 0) {
                    return false;
                }
                int bits = a << 12 | b << 6 | c;
                dst[out] = (byte) (bits >> 10);
                dst[out + 1] = (byte) (bits >> 2);
                return true;
            }
            default -> {
                return false;
            }
        }
    }
}
