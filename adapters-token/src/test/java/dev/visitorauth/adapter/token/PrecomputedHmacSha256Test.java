package dev.visitorauth.adapter.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The HS256 MAC with precomputed pad blocks: RFC 4231's test vectors, and equality with the JDK's
 * {@code HmacSHA256} on random keys and messages (every length around SHA-256's 64-byte block and
 * its 55/56-byte padding edge), reused instances, offsets, and the constant-time comparison's
 * answers.
 */
class PrecomputedHmacSha256Test {
    private static final HexFormat HEX = HexFormat.of();

    static Stream<Arguments> rfc4231() {
        return Stream.of(
                Arguments.of("1", repeat(0x0b, 20), ascii("Hi There"),
                        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
                Arguments.of("2", ascii("Jefe"), ascii("what do ya want for nothing?"),
                        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
                Arguments.of("3", repeat(0xaa, 20), repeat(0xdd, 50),
                        "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
                Arguments.of("4", HEX.parseHex("0102030405060708090a0b0c0d0e0f10111213141516171819"), repeat(0xcd, 50),
                        "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
                // Test case 5's MAC is given truncated to 128 bits: its first 16 bytes are compared.
                Arguments.of("5", repeat(0x0c, 20), ascii("Test With Truncation"),
                        "a3b6167473100ee06e0c796c2955552b"),
                Arguments.of("6", repeat(0xaa, 131), ascii("Test Using Larger Than Block-Size Key - Hash Key First"),
                        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
                Arguments.of("7", repeat(0xaa, 131), ascii("This is a test using a larger than block-size key and a larger "
                                + "than block-size data. The key needs to be hashed before being used by the HMAC algorithm."),
                        "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"));
    }

    @ParameterizedTest(name = "RFC 4231 test case {0}")
    @MethodSource("rfc4231")
    void computesRfc4231TestVectors(String testCase, byte[] key, byte[] data, String expectedHex) {
        byte[] mac = new byte[32];
        new PrecomputedHmacSha256(key).mac(data, 0, data.length, mac, 0);

        byte[] expected = HEX.parseHex(expectedHex);
        assertThat(Arrays.copyOf(mac, expected.length)).as("test case %s", testCase).isEqualTo(expected);
    }

    @Test
    void equalsTheJdksHmacOnRandomKeysAndMessagesOfEveryLengthAroundTheBlock() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int keyLength = 1; keyLength <= 200; keyLength++) {
            byte[] key = bytes(random, keyLength);
            PrecomputedHmacSha256 ours = new PrecomputedHmacSha256(key);
            Mac jdk = jdkMac(key);
            // Every message length up to three blocks, then a few long ones; one instance for all.
            for (int length = 0; length <= 200; length += keyLength % 3 == 0 ? 1 : 7) {
                assertSameMac(ours, jdk, bytes(random, length), "seed " + seed + ", key " + keyLength + ", length " + length);
            }
            for (int length : new int[] {423, 1000, 8192}) {
                assertSameMac(ours, jdk, bytes(random, length), "seed " + seed + ", key " + keyLength + ", length " + length);
            }
        }
    }

    @Test
    void macsExactlyTheRangeItIsGivenInsideALargerArrayAndWritesAtTheOffsetAsked() throws Exception {
        byte[] key = ascii("Qk9wGz4s2Vb7Yx1nR8tL5mC3dF6hJ0aPeUiOyTqWsXz");
        byte[] data = bytes(new Random(7), 300);
        byte[] out = new byte[40];
        Arrays.fill(out, (byte) 0x55);

        new PrecomputedHmacSha256(key).mac(data, 17, 250, out, 5);

        assertThat(Arrays.copyOfRange(out, 5, 37)).isEqualTo(jdkMac(key).doFinal(Arrays.copyOfRange(data, 17, 267)));
        assertThat(Arrays.copyOf(out, 5)).containsOnly((byte) 0x55);
        assertThat(Arrays.copyOfRange(out, 37, 40)).containsOnly((byte) 0x55);
    }

    @Test
    void instancesOfTwoKeysUsedInTurnEachKeepTheirOwnKey() throws Exception {
        byte[] first = ascii("first-secret-first-secret-first-secret-first");
        byte[] second = ascii("second-secret-second-secret-second-secret-se");
        PrecomputedHmacSha256 a = new PrecomputedHmacSha256(first);
        PrecomputedHmacSha256 b = new PrecomputedHmacSha256(second);
        Random random = new Random(11);
        for (int i = 0; i < 50; i++) {
            byte[] data = bytes(random, random.nextInt(500));
            assertSameMac(a, jdkMac(first), data, "first key, message " + i);
            assertSameMac(b, jdkMac(second), data, "second key, message " + i);
        }
    }

    @Test
    void verifiesTheRightMacOnly() throws Exception {
        byte[] key = ascii("Qk9wGz4s2Vb7Yx1nR8tL5mC3dF6hJ0aPeUiOyTqWsXz");
        byte[] data = ascii("eyJhbGciOiJIUzI1NiJ9.eyJpZCI6InVzZXItNDI0MiJ9");
        byte[] right = jdkMac(key).doFinal(data);
        PrecomputedHmacSha256 hmac = new PrecomputedHmacSha256(key);

        assertThat(hmac.verifies(data, 0, data.length, right)).isTrue();
        for (int bit = 0; bit < 256; bit++) {
            byte[] wrong = right.clone();
            wrong[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(hmac.verifies(data, 0, data.length, wrong)).as("bit %d flipped", bit).isFalse();
        }
        assertThat(hmac.verifies(data, 0, data.length, Arrays.copyOf(right, 31))).as("one byte short").isFalse();
        assertThat(hmac.verifies(data, 0, data.length - 1, right)).as("one byte less signed").isFalse();
        assertThat(hmac.verifies(data, 0, data.length, right)).as("still, after the refusals").isTrue();
    }

    @Test
    void refusesAnEmptyKeyAsTheJdkDoes() {
        assertThatThrownBy(() -> new PrecomputedHmacSha256(new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an HMAC-SHA256 key needs at least one byte");
    }

    @Test
    void refusesARangeOutsideTheArrays() {
        PrecomputedHmacSha256 hmac = new PrecomputedHmacSha256(ascii("key"));

        assertThatThrownBy(() -> hmac.mac(new byte[10], 5, 6, new byte[32], 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> hmac.mac(new byte[10], 0, 10, new byte[32], 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static void assertSameMac(PrecomputedHmacSha256 ours, Mac jdk, byte[] data, String what) {
        byte[] mac = new byte[32];
        ours.mac(data, 0, data.length, mac, 0);
        assertThat(mac).as(what).isEqualTo(jdk.doFinal(data));
    }

    private static Mac jdkMac(byte[] key) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac;
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] repeat(int value, int count) {
        byte[] bytes = new byte[count];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
