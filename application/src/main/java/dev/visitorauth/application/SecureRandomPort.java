package dev.visitorauth.application;

import dev.visitorauth.application.port.out.RandomPort;
import java.security.SecureRandom;

/** Randomness from the JDK's default {@link SecureRandom}. */
public final class SecureRandomPort implements RandomPort {
    private final SecureRandom random = new SecureRandom();

    @Override
    public byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }
}
