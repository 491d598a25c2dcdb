package dev.visitorauth.domain.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import org.junit.jupiter.api.Test;

class OwnerFilterTest {

    @Test
    void readsUserVisitorOrAnyAndRefusesAnythingElseNamingTheOwner() {
        assertThat(OwnerFilter.parse("any").orElseThrow()).isEqualTo(OwnerFilter.ANY);
        assertThat(OwnerFilter.parse("user").orElseThrow()).isEqualTo(OwnerFilter.USERS);
        assertThat(OwnerFilter.parse("visitor").orElseThrow()).isEqualTo(OwnerFilter.VISITORS);
        for (String bad : new String[] {"agents", "USER", "users", "", null}) {
            assertThat(OwnerFilter.parse(bad))
                    .isEqualTo(Result.refused(Refusal.invalid(InputField.OWNER, "must be user, visitor or any.")));
        }
    }
}
