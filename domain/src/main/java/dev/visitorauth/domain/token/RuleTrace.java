package dev.visitorauth.domain.token;

/**
 * Receives the outcome of each check as the token rules run, for the token inspector. The
 * verification hot path passes {@link #NONE}, which records nothing.
 */
@FunctionalInterface
public interface RuleTrace {
    RuleTrace NONE = (check, passed, detail) -> { };

    /**
     * @param check  the check's name, e.g. {@code exp}, {@code lifetime}, {@code claim:email}
     * @param passed whether it passed
     * @param detail what was found, for a developer (never a secret)
     */
    void record(String check, boolean passed, String detail);
}
