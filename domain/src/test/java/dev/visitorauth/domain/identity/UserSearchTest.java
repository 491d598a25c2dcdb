package dev.visitorauth.domain.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import org.junit.jupiter.api.Test;

class UserSearchTest {

    @Test
    void aPageOfUsersIsOneToAHundredAndASearchAtMost255Characters() {
        assertThat(UserSearch.pageSize(1).orElseThrow()).isEqualTo(1);
        assertThat(UserSearch.pageSize(100).orElseThrow()).isEqualTo(100);
        for (int bad : new int[] {0, 101}) {
            assertThat(UserSearch.pageSize(bad)).isEqualTo(Result.refused(Refusal.invalid(InputField.PAGE_SIZE, "must be 1 to 100.")));
        }
        assertThat(UserSearch.query("b".repeat(255)).orElseThrow()).hasSize(255);
        assertThat(UserSearch.query("b".repeat(256)))
                .isEqualTo(Result.refused(Refusal.invalid(InputField.QUERY, "must be at most 255 characters.")));
    }
}
