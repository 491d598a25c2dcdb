package dev.visitorauth.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AesGcmSecretCipherTest {
    private final byte[] key = new byte[32];
    private final AesGcmSecretCipher cipher = new AesGcmSecretCipher(key);
    private final byte[] secret = "s3cr3t-widget-secret-value-of-43-characters".getBytes(StandardCharsets.US_ASCII);

    @Test
    void opensWhatItSealed() {
        byte[] sealed = cipher.seal(secret, "widget-secret:w1:k1");

        assertThat(cipher.open(sealed, "widget-secret:w1:k1")).isEqualTo(secret);
    }

    @Test
    void sealedValueIsNoncePlusCiphertextPlusTag() {
        assertThat(cipher.seal(secret, "ctx")).hasSize(12 + secret.length + 16);
    }

    @Test
    void everySealUsesAFreshNonce() {
        byte[] a = cipher.seal(secret, "ctx");
        byte[] b = cipher.seal(secret, "ctx");

        assertThat(a).isNotEqualTo(b);
        assertThat(java.util.Arrays.copyOf(a, 12)).isNotEqualTo(java.util.Arrays.copyOf(b, 12));
    }

    @Test
    void anyAlteredByteFailsToOpen() {
        byte[] sealed = cipher.seal(secret, "ctx");
        for (int i = 0; i < sealed.length; i++) {
            byte[] altered = sealed.clone();
            altered[i] ^= 0x40;
            assertThatThrownBy(() -> cipher.open(altered, "ctx")).isInstanceOf(SecretCipherException.class);
        }
    }

    @Test
    void anotherContextFailsToOpen() {
        byte[] sealed = cipher.seal(secret, "widget-secret:w1:k1");

        assertThatThrownBy(() -> cipher.open(sealed, "widget-secret:w2:k1")).isInstanceOf(SecretCipherException.class);
    }

    @Test
    void anotherMasterKeyFailsToOpenWithoutShowingKeyMaterial() {
        byte[] other = new byte[32];
        other[0] = 1;
        byte[] sealed = cipher.seal(secret, "ctx");

        assertThatThrownBy(() -> new AesGcmSecretCipher(other).open(sealed, "ctx"))
                .isInstanceOf(SecretCipherException.class)
                .hasMessageNotContaining(new String(secret, StandardCharsets.US_ASCII));
    }

    @Test
    void aTruncatedValueFailsToOpen() {
        assertThatThrownBy(() -> cipher.open(new byte[27], "ctx")).isInstanceOf(SecretCipherException.class);
    }

    @Test
    void theMasterKeyIsThirtyTwoBytes() {
        assertThatThrownBy(() -> new AesGcmSecretCipher(new byte[16])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AesGcmSecretCipher.fromBase64(Base64.getEncoder().encodeToString(new byte[31])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBase64MasterKeyInEitherAlphabetIsAccepted() {
        byte[] k = new byte[32];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (i * 37 + 250);
        }
        byte[] sealed = new AesGcmSecretCipher(k).seal(secret, "ctx");

        assertThat(AesGcmSecretCipher.fromBase64(Base64.getEncoder().encodeToString(k)).open(sealed, "ctx")).isEqualTo(secret);
        assertThat(AesGcmSecretCipher.fromBase64(Base64.getUrlEncoder().encodeToString(k)).open(sealed, "ctx")).isEqualTo(secret);
    }
}
