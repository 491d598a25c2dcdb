package dev.visitorauth.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * For tests that drive a tool outside the JVM (Node.js, Chromium, a language's JWT library). On a
 * developer's machine without the tool the test skips, saying what to install; under CI
 * ({@code VISITORAUTH_CI=1}, which {@code .ci/run} sets) a missing tool fails the test, so CI cannot
 * pass with those tests skipped.
 */
public final class RequiredTools {
    /** The environment variable that makes a missing tool a failure. */
    public static final String CI_VARIABLE = "VISITORAUTH_CI";

    private RequiredTools() {
    }

    /** Skips the test (fails it under CI) with {@code message} unless {@code present}. */
    public static void require(boolean present, String message) {
        if (present) {
            return;
        }
        if (underCi()) {
            Assertions.fail(message + " [" + CI_VARIABLE + "=1: a missing tool fails the test]");
        }
        Assumptions.abort(message);
    }

    /** True when {@code VISITORAUTH_CI} is {@code 1} or {@code true}. */
    public static boolean underCi() {
        String value = System.getenv(CI_VARIABLE);
        return "1".equals(value) || "true".equalsIgnoreCase(value);
    }
}
