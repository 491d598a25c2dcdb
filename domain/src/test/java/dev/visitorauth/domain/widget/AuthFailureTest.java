package dev.visitorauth.domain.widget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import org.junit.jupiter.api.Test;

class AuthFailureTest {

    @Test
    void aReadOfTheFailureLogListsOneToAThousandAndIsRefusedNamingTheLimitOtherwise() {
        assertThat(AuthFailure.listed(1).orElseThrow()).isEqualTo(1);
        assertThat(AuthFailure.listed(1000).orElseThrow()).isEqualTo(1000);
        for (int bad : new int[] {0, -1, 1001}) {
            assertThat(AuthFailure.listed(bad))
                    .isEqualTo(Result.refused(Refusal.invalid(InputField.FAILURE_LIMIT, "must be 1 to 1000.")));
        }
    }
}
