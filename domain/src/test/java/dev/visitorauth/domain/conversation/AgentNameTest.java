package dev.visitorauth.domain.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Result;
import org.junit.jupiter.api.Test;

class AgentNameTest {

    @Test
    void isTrimmed() {
        assertThat(AgentName.parse("  Ada Lovelace \t").orElseThrow()).isEqualTo(new AgentName("Ada Lovelace"));
    }

    @Test
    void allowsEightyCodePointsCountingAnEmojiOnce() {
        String emoji = "\uD83D\uDE00";
        assertThat(AgentName.parse(emoji.repeat(80)).isOk()).isTrue();
        assertThat(AgentName.parse("a".repeat(80)).isOk()).isTrue();
        assertRefused(AgentName.parse("a".repeat(81)));
        assertRefused(AgentName.parse(emoji.repeat(81)));
    }

    @Test
    void refusesBlankControlCharactersAndBrokenText() {
        assertRefused(AgentName.parse(""));
        assertRefused(AgentName.parse("   "));
        assertRefused(AgentName.parse("Ada\nLovelace"));
        assertRefused(AgentName.parse("Ada\u0000"));
        assertRefused(AgentName.parse("Ada\uD800"));
    }

    private static void assertRefused(Result<AgentName> result) {
        assertThat(result).isInstanceOfSatisfying(Result.Refused.class, refused -> {
            assertThat(refused.refusal().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(refused.refusal().field()).contains(InputField.AGENT_NAME);
        });
    }
}
