package dev.visitorauth.application.service;

import dev.visitorauth.application.port.out.RandomPort;
import dev.visitorauth.domain.Hashes;
import dev.visitorauth.domain.Ids;
import dev.visitorauth.domain.widget.KeyId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * Random ids and bearer credentials. Session tokens and API keys have the form
 * {@code <workspaceId>.<43 base64url characters>} (256 random bits): they name their workspace so
 * every lookup is keyed by workspace first, and they are stored only as their SHA-256 hash
 * (a fast hash is right for 256-bit random values: nothing to brute-force).
 */
final class Credentials {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final RandomPort random;

    Credentials(RandomPort random) {
        this.random = random;
    }

    /** {@code prefix} followed by {@code bytes} random bytes in base64url. */
    String id(String prefix, int bytes) {
        return prefix + B64.encodeToString(random.randomBytes(bytes));
    }

    /** The key id of a new widget secret. */
    KeyId secretKeyId() {
        return new KeyId(id("k_", 9));
    }

    /** A new widget secret: 43 base64url characters, 256 random bits. */
    String secret() {
        return B64.encodeToString(random.randomBytes(32));
    }

    /** A new bearer credential for {@code workspaceId}. */
    String bearer(WorkspaceId workspaceId) {
        return workspaceId.value() + "." + B64.encodeToString(random.randomBytes(32));
    }

    /** The workspace a bearer credential names, if it has the expected form. */
    static Optional<WorkspaceId> workspaceOf(String bearer) {
        if (bearer == null || bearer.length() > Ids.MAX_LENGTH + 1 + 43) {
            return Optional.empty();
        }
        int dot = bearer.indexOf('.');
        if (dot <= 0 || bearer.length() - dot - 1 != 43) {
            return Optional.empty();
        }
        String ws = bearer.substring(0, dot);
        String rest = bearer.substring(dot + 1);
        if (!Ids.isWellFormed(ws) || !Ids.isWellFormed(rest)) {
            return Optional.empty();
        }
        return Optional.of(new WorkspaceId(ws));
    }

    static String sha256Hex(String value) {
        return Hashes.sha256Hex(value);
    }

    /** Constant-time comparison of two hex hashes. */
    static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
