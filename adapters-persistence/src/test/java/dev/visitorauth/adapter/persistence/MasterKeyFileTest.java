package dev.visitorauth.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyFileTest {
    @TempDir
    Path dataDir;

    @Test
    void generatesAThirtyTwoByteKeyOnceAndReusesIt() throws Exception {
        Path dir = dataDir.resolve("nested/data");

        byte[] first = AesGcmSecretCipher.loadOrCreateMasterKey(dir);
        byte[] second = AesGcmSecretCipher.loadOrCreateMasterKey(dir);

        assertThat(first).hasSize(32).isEqualTo(second);
        String stored = Files.readString(dir.resolve(AesGcmSecretCipher.MASTER_KEY_FILE), StandardCharsets.US_ASCII).strip();
        assertThat(Base64.getDecoder().decode(stored)).isEqualTo(first);
    }

    @Test
    void theKeyFileIsReadableAndWritableByItsOwnerOnly() throws Exception {
        assumeTrue(dataDir.getFileSystem().supportedFileAttributeViews().contains("posix"));

        AesGcmSecretCipher.loadOrCreateMasterKey(dataDir);

        assertThat(PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dataDir.resolve(AesGcmSecretCipher.MASTER_KEY_FILE)))).isEqualTo("rw-------");
    }

    @Test
    void aCipherFromTheSameDirectoryOpensWhatAnEarlierOneSealed() {
        byte[] sealed = AesGcmSecretCipher.fromDataDirectory(dataDir).seal(new byte[] {1, 2, 3}, "ctx");

        assertThat(AesGcmSecretCipher.fromDataDirectory(dataDir).open(sealed, "ctx")).containsExactly(1, 2, 3);
    }

    @Test
    void aKeyFileThatHoldsNoKeyIsRefused() throws Exception {
        Files.writeString(dataDir.resolve(AesGcmSecretCipher.MASTER_KEY_FILE), "not a key");

        assertThatThrownBy(() -> AesGcmSecretCipher.loadOrCreateMasterKey(dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not hold");
    }
}
