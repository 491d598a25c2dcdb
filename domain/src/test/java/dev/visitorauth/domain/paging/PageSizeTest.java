package dev.visitorauth.domain.paging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PageSizeTest {

    @Test
    void aListPageHoldsTwentyUnlessAskedAndOneToAHundred() {
        assertThat(PageSize.ofList(OptionalInt.empty()).orElseThrow()).isEqualTo(20);
        assertThat(PageSize.ofList(OptionalInt.of(1)).orElseThrow()).isEqualTo(1);
        assertThat(PageSize.ofList(OptionalInt.of(100)).orElseThrow()).isEqualTo(100);
        for (int bad : new int[] {0, -1, 101}) {
            assertThat(PageSize.ofList(OptionalInt.of(bad)))
                    .isEqualTo(Result.refused(Refusal.invalid(InputField.PAGE_SIZE, "must be a whole number from 1 to 100.")));
        }
    }

    @Test
    void aPageOfMessagesHoldsFiftyUnlessAskedAndOneToTwoHundred() {
        assertThat(PageSize.ofMessages(OptionalInt.empty(), false, false).orElseThrow()).isEqualTo(50);
        assertThat(PageSize.ofMessages(OptionalInt.of(200), true, false).orElseThrow()).isEqualTo(200);
        assertThat(PageSize.ofMessages(OptionalInt.of(1), false, true).orElseThrow()).isEqualTo(1);
        for (int bad : new int[] {0, 201}) {
            assertThat(PageSize.ofMessages(OptionalInt.of(bad), false, false)).isEqualTo(
                    Result.refused(Refusal.invalid(InputField.MESSAGE_LIMIT, "must be a whole number from 1 to 200.")));
        }
    }

    @Test
    void aPageOfMessagesIsAnchoredBeforeOrAfterAMessageNotBothAndThatIsSaidFirst() {
        Result<Integer> both = PageSize.ofMessages(OptionalInt.of(0), true, true);

        assertThat(both).isEqualTo(Result.refused(Refusal.of(ErrorCode.INVALID_REQUEST, InputField.MESSAGES_AFTER,
                "Give a message to page back from or one to page forward from, not both.")));
    }
}
