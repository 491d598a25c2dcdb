package dev.visitorauth.domain.conversation;

import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.identity.Texts;
import java.util.Objects;

/**
 * The display name an agent signs a reply with, shown by the widget beside it: 1 to
 * {@value #MAX_LENGTH} code points once trimmed, no control characters.
 */
public record AgentName(String value) {
    public static final int MAX_LENGTH = 80;

    public AgentName {
        Objects.requireNonNull(value, "value");
        if (!isValid(value)) {
            throw new IllegalArgumentException("an agent name is 1 to " + MAX_LENGTH
                    + " code points, trimmed, without control characters");
        }
    }

    /**
     * The name {@code raw} gives once trimmed, or {@code invalid_request} about {@link InputField#AGENT_NAME}
     * when it is blank, longer than {@value #MAX_LENGTH} code points or holds a control character.
     */
    public static Result<AgentName> parse(String raw) {
        String trimmed = raw.strip();
        if (!isValid(trimmed)) {
            return Result.refused(Refusal.invalid(InputField.AGENT_NAME, "must be 1 to "
                    + MAX_LENGTH + " characters once trimmed, on one line, without control characters."));
        }
        return Result.ok(new AgentName(trimmed));
    }

    private static boolean isValid(String value) {
        if (value.isEmpty() || !value.equals(value.strip())) {
            return false;
        }
        int codePoints = Texts.codePoints(value);
        if (codePoints == Texts.MALFORMED || codePoints > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return false;
            }
        }
        return true;
    }
}
