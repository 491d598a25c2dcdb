package dev.visitorauth.adapter.persistence;

import dev.visitorauth.application.port.out.SecretCipherPort;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals widget secrets at rest with AES-256-GCM under a 32-byte master key.
 *
 * <p>Format of a sealed value: a random 96-bit nonce (fresh for every seal), then the ciphertext
 * with its 128-bit tag. The context string (UTF-8) is the associated data, so a value sealed for
 * one widget and key id does not open for another. {@link #open} throws
 * {@link SecretCipherException} when the value was altered, or was sealed with another key or
 * context. Thread-safe.
 *
 * <p>{@link #loadOrCreateMasterKey(Path)} keeps a generated master key in a data directory, for
 * hosts that have no master key in their configuration.
 */
public final class AesGcmSecretCipher implements SecretCipherPort {
    /** Master key length: 256 bits. */
    public static final int KEY_BYTES = 32;
    /** The master key file's name in the data directory. */
    public static final String MASTER_KEY_FILE = "master-key";

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final SecretKeySpec key;
    private final SecureRandom random;

    /** A cipher under {@code masterKey} (32 bytes; copied). */
    public AesGcmSecretCipher(byte[] masterKey) {
        this(masterKey, new SecureRandom());
    }

    /** A cipher under {@code masterKey} (32 bytes; copied) drawing nonces from {@code random}. */
    public AesGcmSecretCipher(byte[] masterKey, SecureRandom random) {
        Objects.requireNonNull(masterKey, "masterKey");
        if (masterKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("the master key is " + KEY_BYTES + " bytes, not " + masterKey.length);
        }
        this.key = new SecretKeySpec(masterKey.clone(), "AES");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A cipher under a master key given as base64 (standard or URL-safe alphabet) of 32 bytes. */
    public static AesGcmSecretCipher fromBase64(String masterKeyBase64) {
        return new AesGcmSecretCipher(decodeKey(masterKeyBase64));
    }

    /** A cipher under the master key kept in {@code dataDirectory}, generated on first use. */
    public static AesGcmSecretCipher fromDataDirectory(Path dataDirectory) {
        return new AesGcmSecretCipher(loadOrCreateMasterKey(dataDirectory));
    }

    /**
     * The cursor codec of this master key: its MAC key is derived from the master key, so every
     * node that shares the master key opens every other node's cursors.
     */
    public HmacCursorCodec cursorCodec() {
        byte[] master = key.getEncoded();
        try {
            return HmacCursorCodec.fromMasterKey(master);
        } finally {
            Arrays.fill(master, (byte) 0);
        }
    }

    @Override
    public byte[] seal(byte[] plaintext, String context) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(context, "context");
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = new byte[NONCE_BYTES + cipher.getOutputSize(plaintext.length)];
            System.arraycopy(nonce, 0, sealed, 0, NONCE_BYTES);
            cipher.doFinal(plaintext, 0, plaintext.length, sealed, NONCE_BYTES);
            return sealed;
        } catch (GeneralSecurityException e) {
            throw new SecretCipherException("could not seal a secret", e);
        }
    }

    @Override
    public byte[] open(byte[] sealed, String context) {
        Objects.requireNonNull(sealed, "sealed");
        Objects.requireNonNull(context, "context");
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SecretCipherException("a sealed secret is too short", null);
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new SecretCipherException(
                    "a sealed secret does not open: it was altered, or sealed with another master key or context", e);
        }
    }

    /**
     * The master key kept in {@code dataDirectory}/{@value #MASTER_KEY_FILE}: read if the file
     * exists, else 32 random bytes generated once and written there as base64, readable and
     * writable by the owner only ({@code rw-------}; best effort where the file system is not
     * POSIX). The directory is created if needed. Losing the file makes every stored widget
     * secret unreadable: back it up with the database.
     *
     * @throws IllegalStateException when the file cannot be read or written, or does not hold a
     *                               base64 32-byte key
     */
    public static byte[] loadOrCreateMasterKey(Path dataDirectory) {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Path file = dataDirectory.resolve(MASTER_KEY_FILE);
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            Files.createDirectories(dataDirectory);
            byte[] key = new byte[KEY_BYTES];
            new SecureRandom().nextBytes(key);
            try {
                createOwnerOnly(file);
            } catch (FileAlreadyExistsException raced) {
                return read(file);
            }
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.SYNC)) {
                out.write((Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            return key;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the master key file in " + dataDirectory, e);
        }
    }

    private static void createOwnerOnly(Path file) throws IOException {
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            FileAttribute<Set<PosixFilePermission>> attribute = PosixFilePermissions.asFileAttribute(ownerOnly);
            Files.createFile(file, attribute);
            Files.setPosixFilePermissions(file, ownerOnly); // in case a umask narrowed or widened it
        } else {
            Files.createFile(file);
            // Best effort where there are no POSIX permissions (ACLs are left as they are).
            java.io.File f = file.toFile();
            f.setReadable(false, false);
            f.setReadable(true, true);
            f.setWritable(false, false);
            f.setWritable(true, true);
        }
    }

    private static byte[] read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        try {
            return decodeKey(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the master key file " + file + " does not hold a base64 "
                    + KEY_BYTES + "-byte key", e);
        }
    }

    private static byte[] decodeKey(String base64) {
        Objects.requireNonNull(base64, "master key");
        String s = base64.strip();
        byte[] key = s.indexOf('-') >= 0 || s.indexOf('_') >= 0
                ? Base64.getUrlDecoder().decode(s)
                : Base64.getDecoder().decode(s);
        if (key.length != KEY_BYTES) {
            Arrays.fill(key, (byte) 0);
            throw new IllegalArgumentException("the master key is base64 of " + KEY_BYTES + " bytes");
        }
        return key;
    }
}
