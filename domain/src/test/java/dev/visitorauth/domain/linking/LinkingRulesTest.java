package dev.visitorauth.domain.linking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.identity.UserId;
import dev.visitorauth.domain.visitor.Visitor;
import dev.visitorauth.domain.visitor.VisitorId;
import dev.visitorauth.domain.widget.AuthMode;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** One test per row of the start-up table (spec section 4), in every mode the row applies to. */
class LinkingRulesTest {
    private static final WorkspaceId WORKSPACE = new WorkspaceId("ws_1");
    private static final WidgetId WIDGET = new WidgetId("wgt_1");
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    private static final ExternalUserId U = new ExternalUserId("user-u");
    private static final ExternalUserId U1 = new ExternalUserId("user-1");
    private static final ExternalUserId U2 = new ExternalUserId("user-2");

    private static final Visitor ANONYMOUS_V = Visitor.anonymous(WORKSPACE, WIDGET, new VisitorId("vis_anonymous"), NOW);
    private static final Visitor V_LINKED_TO_U = Visitor.linked(WORKSPACE, WIDGET, new VisitorId("vis_u"),
            new UserId("usr_u"), NOW);
    private static final Visitor V_LINKED_TO_U1 = Visitor.linked(WORKSPACE, WIDGET, new VisitorId("vis_u1"),
            new UserId("usr_1"), NOW);

    private static LinkingDecision decided(VisitorState state, Optional<ExternalUserId> token, AuthMode mode) {
        Result<LinkingDecision> result = LinkingRules.decide(state, token, mode);
        assertThat(result.isOk()).as("decided, but got %s", result).isTrue();
        return result.orElseThrow();
    }

    static Stream<VisitorState> everyVisitorState() {
        return Stream.of(VisitorState.none(), new VisitorState.Anonymous(ANONYMOUS_V),
                new VisitorState.Linked(V_LINKED_TO_U1, U1));
    }

    @Nested
    class WithoutAToken {
        @ParameterizedTest
        @EnumSource(value = AuthMode.class, names = {"OPTIONAL", "OBSERVE"})
        void noVisitorAndNoTokenCreatesANewAnonymousVisitor(AuthMode mode) {
            assertThat(decided(VisitorState.none(), Optional.empty(), mode))
                    .isEqualTo(new LinkingDecision.NewAnonymous(Optional.empty()));
        }

        @ParameterizedTest
        @EnumSource(value = AuthMode.class, names = {"OPTIONAL", "OBSERVE"})
        void anAnonymousVisitorWithoutATokenIsResumedAnonymous(AuthMode mode) {
            assertThat(decided(new VisitorState.Anonymous(ANONYMOUS_V), Optional.empty(), mode))
                    .isEqualTo(new LinkingDecision.ResumeAnonymous(ANONYMOUS_V));
        }

        @ParameterizedTest
        @EnumSource(value = AuthMode.class, names = {"OPTIONAL", "OBSERVE"})
        void aLinkedVisitorWithoutATokenStaysLockedAndANewAnonymousVisitorIsCreated(AuthMode mode) {
            LinkingDecision decision = decided(new VisitorState.Linked(V_LINKED_TO_U1, U1), Optional.empty(), mode);

            assertThat(decision).isEqualTo(new LinkingDecision.NewAnonymous(Optional.of(V_LINKED_TO_U1.id())));
        }

        @ParameterizedTest
        @MethodSource("dev.visitorauth.domain.linking.LinkingRulesTest#everyVisitorState")
        void requiredModeRefusesWithTokenRequiredWhateverTheVisitor(VisitorState state) {
            Result<LinkingDecision> result = LinkingRules.decide(state, Optional.empty(), AuthMode.REQUIRED);

            assertThat(result).isInstanceOf(Result.Refused.class);
            Refusal refusal = ((Result.Refused<LinkingDecision>) result).refusal();
            assertThat(refusal.code()).isEqualTo(ErrorCode.TOKEN_REQUIRED);
            assertThat(refusal.message()).contains("visitorToken");
        }

        @ParameterizedTest
        @MethodSource("dev.visitorauth.domain.linking.LinkingRulesTest#everyVisitorState")
        void observeModeHandlesNoTokenExactlyLikeOptionalMode(VisitorState state) {
            // In observe mode an invalid token reaches the rules as "no token", so this covers that row too.
            assertThat(LinkingRules.decide(state, Optional.empty(), AuthMode.OBSERVE))
                    .isEqualTo(LinkingRules.decide(state, Optional.empty(), AuthMode.OPTIONAL));
        }
    }

    @Nested
    class WithAValidToken {
        @ParameterizedTest
        @EnumSource(AuthMode.class)
        void noVisitorFindsOrCreatesTheUserWithANewLinkedVisitor(AuthMode mode) {
            assertThat(decided(VisitorState.none(), Optional.of(U), mode))
                    .isEqualTo(new LinkingDecision.NewLinked(U, Optional.empty()));
        }

        @ParameterizedTest
        @EnumSource(AuthMode.class)
        void anAnonymousVisitorIsUpgradedToTheTokensUser(AuthMode mode) {
            assertThat(decided(new VisitorState.Anonymous(ANONYMOUS_V), Optional.of(U), mode))
                    .isEqualTo(new LinkingDecision.Upgrade(ANONYMOUS_V, U));
        }

        @ParameterizedTest
        @EnumSource(AuthMode.class)
        void aVisitorLinkedToTheSameUserIsResumedAuthenticated(AuthMode mode) {
            assertThat(decided(new VisitorState.Linked(V_LINKED_TO_U, U), Optional.of(U), mode))
                    .isEqualTo(new LinkingDecision.ResumeLinked(V_LINKED_TO_U, U));
        }

        @ParameterizedTest
        @EnumSource(AuthMode.class)
        void aVisitorLinkedToAnotherUserGetsANewVisitorForTheTokensUserAndItsSessionsRevoked(AuthMode mode) {
            LinkingDecision decision = decided(new VisitorState.Linked(V_LINKED_TO_U1, U1), Optional.of(U2), mode);

            assertThat(decision).isEqualTo(new LinkingDecision.NewLinked(U2, Optional.of(V_LINKED_TO_U1.id())));
        }

        @ParameterizedTest
        @EnumSource(AuthMode.class)
        void aLaterTokenForTheOriginalUserResumesTheVisitorItStillOwns(AuthMode mode) {
            decided(new VisitorState.Linked(V_LINKED_TO_U1, U1), Optional.of(U2), mode);

            assertThat(decided(new VisitorState.Linked(V_LINKED_TO_U1, U1), Optional.of(U1), mode))
                    .isEqualTo(new LinkingDecision.ResumeLinked(V_LINKED_TO_U1, U1));
        }
    }
}
