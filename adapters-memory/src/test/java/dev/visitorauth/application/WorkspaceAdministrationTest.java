package dev.visitorauth.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.application.port.in.ListInboxUseCase.InboxPage;
import dev.visitorauth.application.port.in.ListInboxUseCase.InboxQuery;
import dev.visitorauth.application.port.in.ListWidgetsUseCase.ListWidgetsQuery;
import dev.visitorauth.application.port.in.RotateApiKeyUseCase.RotateApiKeyCommand;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** Running the workspace (spec sections 11 and 14): the widget list, API key rotation, the agent inbox. */
class WorkspaceAdministrationTest {
    private final TestWorld w = new TestWorld();

    private Result<?> authenticate(String key) {
        return w.auth.authenticateApiKey().authenticateApiKey(key);
    }

    private String rotate(long grace) {
        return w.auth.rotateApiKey().rotateApiKey(new RotateApiKeyCommand(w.workspace, grace)).orElseThrow().apiKey();
    }

    private static Refusal refusal(Result<?> result) {
        return ((Result.Refused<?>) result).refusal();
    }

    @Test
    void aWidgetCursorOpensOnlyForItsOwnWorkspaceAndALimitOutsideOneTo100IsRefused() {
        w.newWidget("second");
        String cursor = w.auth.listWidgets().listWidgets(new ListWidgetsQuery(w.workspace, OptionalInt.of(1), Optional.empty()))
                .orElseThrow().nextCursor().orElseThrow();
        TestWorld other = new TestWorld(w.storage);

        Refusal foreign = refusal(w.auth.listWidgets().listWidgets(new ListWidgetsQuery(other.workspace, OptionalInt.empty(),
                Optional.of(cursor))));
        Refusal tooMany = refusal(w.auth.listWidgets().listWidgets(new ListWidgetsQuery(w.workspace, OptionalInt.of(101),
                Optional.empty())));

        assertThat(foreign.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(foreign.field()).contains(InputField.CURSOR);
        assertThat(tooMany.field()).contains(InputField.PAGE_SIZE);
    }

    @Test
    void theOldApiKeyWorksDuringItsGraceOnlyAndANewRotationEndsItAtOnce() {
        String first = w.apiKey;
        String second = rotate(3600);

        assertThat(authenticate(first).isOk()).isTrue();
        assertThat(authenticate(second).isOk()).isTrue();
        w.clock.advance(Duration.ofSeconds(3599));
        assertThat(authenticate(first).isOk()).isTrue();
        w.clock.advance(Duration.ofSeconds(1));
        assertThat(authenticate(first).isOk()).isFalse();

        String third = rotate(3600);
        String fourth = rotate(3600);

        assertThat(authenticate(second).isOk()).as("the key two rotations back").isFalse();
        assertThat(authenticate(third).isOk()).isTrue();
        assertThat(authenticate(fourth).isOk()).isTrue();
    }

    @Test
    void withoutGraceTheOldKeyStopsAtOnceAndGraceOutsideTheRangeChangesNothing() {
        String fresh = rotate(0);

        assertThat(authenticate(w.apiKey).isOk()).isFalse();
        assertThat(authenticate(fresh).isOk()).isTrue();
        Refusal tooLong = refusal(w.auth.rotateApiKey().rotateApiKey(new RotateApiKeyCommand(w.workspace, 86_401)));
        Refusal negative = refusal(w.auth.rotateApiKey().rotateApiKey(new RotateApiKeyCommand(w.workspace, -1)));
        assertThat(tooLong.field()).contains(InputField.GRACE_PERIOD);
        assertThat(negative.field()).contains(InputField.GRACE_PERIOD);
        assertThat(authenticate(fresh).isOk()).isTrue();
        assertThat(rotate(86_400)).isNotEqualTo(fresh);
    }

    @Test
    void anInboxCursorIsValidOnlyForItsOwnerFilterAndAnUnknownFilterIsRefused() {
        w.say(w.anonymous(), "a");
        w.say(w.anonymous(), "b");
        String cursor = w.auth.listInbox().listInbox(new InboxQuery(w.workspace, OptionalInt.of(1), Optional.empty(),
                Optional.of("visitor"))).orElseThrow().nextCursor().orElseThrow();

        assertThat(inbox(Optional.of("visitor"), Optional.of(cursor)).items()).hasSize(1);
        assertThat(refusal(w.auth.listInbox().listInbox(new InboxQuery(w.workspace, OptionalInt.empty(), Optional.of(cursor),
                Optional.of("any")))).field()).contains(InputField.CURSOR);
        assertThat(refusal(w.auth.listInbox().listInbox(new InboxQuery(w.workspace, OptionalInt.empty(), Optional.empty(),
                Optional.of("agents")))).field()).contains(InputField.OWNER);
    }

    private InboxPage inbox(Optional<String> owner, Optional<String> cursor) {
        return w.auth.listInbox().listInbox(new InboxQuery(w.workspace, OptionalInt.empty(), cursor, owner)).orElseThrow();
    }
}
