package dev.visitorauth.adapter.token;

import dev.visitorauth.domain.token.JsonSyntaxException;
import dev.visitorauth.domain.token.JsonValue;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict JSON (RFC 8259) for the token's header and payload, read into the domain's
 * {@link JsonValue} tree: valid UTF-8 only (no byte order mark, no other encoding), then one JSON
 * object and nothing after it, read by {@link StrictJsonReader} (unique member names, none of the
 * extensions lenient parsers accept, nesting and number length bounded before they cost anything).
 *
 * <p>No catch-all: the reader is our code, so an exception out of it is a bug and surfaces as one
 * (the fuzz tests fail on any exception but {@link JsonSyntaxException}). Its verdicts are checked
 * against jackson-core's strict reading in both directions by {@code StrictJsonFuzzTest}.
 *
 * <p>Stateless and thread-safe.
 */
final class StrictJson {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private StrictJson() {
    }

    /** Parses {@code utf8} as one strict JSON object. */
    static JsonValue.JsonObject parseObject(byte[] utf8) throws JsonSyntaxException {
        return StrictJsonReader.readObject(utf8, requireUtf8(utf8));
    }

    /** Refuses a byte order mark and bytes that are not UTF-8; true when every byte is ASCII. */
    private static boolean requireUtf8(byte[] bytes) throws JsonSyntaxException {
        if (bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF) {
            throw new JsonSyntaxException(JsonSyntaxException.Failure.BYTE_ORDER_MARK, "a UTF-8 byte order mark before the JSON");
        }
        if (isAscii(bytes)) {
            return true;
        }
        // Rare: a non-ASCII payload. The JDK's decoder refuses overlong forms, encoded surrogates,
        // code points over U+10FFFF and truncated sequences.
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new JsonSyntaxException(JsonSyntaxException.Failure.INVALID_UTF8, "a byte sequence that is not UTF-8");
        }
        return false;
    }

    /** True when every byte is below 0x80, read eight at a time (the common case: an ASCII payload). */
    private static boolean isAscii(byte[] bytes) {
        int i = 0;
        long any = 0;
        for (int end = bytes.length - 7; i < end; i += 8) {
            any |= (long) LONGS.get(bytes, i);
        }
        for (; i < bytes.length; i++) {
            any |= bytes[i];
        }
        return (any & 0x8080808080808080L) == 0;
    }
}
