package dev.visitorauth.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The server's data directory: the embedded database and, when not configured, the generated
 * system API key, each file readable by its owner only.
 */
final class DataDirectory {
    static final String SYSTEM_API_KEY_FILE = "system-api-key";

    private DataDirectory() {
    }

    static Path prepare(Path dir) {
        try {
            Files.createDirectories(dir);
            return dir.toAbsolutePath().normalize();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dir, e);
        }
    }

    /** The system API key stored in {@code dir}, created (and reported as new) on first use. */
    static GeneratedKey loadOrCreateSystemApiKey(Path dir) {
        Path file = dir.resolve(SYSTEM_API_KEY_FILE);
        try {
            if (Files.exists(file)) {
                return new GeneratedKey(Files.readString(file, StandardCharsets.US_ASCII).trim(), false);
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String key = "sys_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            } catch (FileAlreadyExistsException raced) {
                return new GeneratedKey(Files.readString(file, StandardCharsets.US_ASCII).trim(), false);
            }
            Files.writeString(file, key, StandardCharsets.US_ASCII);
            return new GeneratedKey(key, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    /** A system API key and whether it was generated just now (then it is printed once). */
    record GeneratedKey(String key, boolean fresh) {
        Optional<String> toPrint() {
            return fresh ? Optional.of(key) : Optional.empty();
        }

        @Override
        public String toString() {
            return "GeneratedKey[fresh=" + fresh + "]";
        }
    }
}
