package dev.visitorauth.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import dev.visitorauth.domain.widget.AuthMode;

/**
 * Start-up's product rules keep their one home in the domain (issue 14), as ArchUnit rules
 * (checked in {@link ArchitectureTest}).
 */
final class StartupRuleHomes {
    private StartupRuleHomes() {
    }

    /**
     * What {@code observe} and {@code required} mean is the domain's: application code asks the
     * policy ({@code observes()}, {@code requiresToken()}) and never compares a mode with those
     * constants (a {@code switch} over the mode would read them too).
     */
    static ArchRule applicationAsksThePolicyNotTheModeConstants() {
        return noClasses().that().resideInAPackage(HexagonRules.APPLICATION)
                .should().accessField(AuthMode.class, AuthMode.OBSERVE.name())
                .orShould().accessField(AuthMode.class, AuthMode.REQUIRED.name())
                .because("observe and required mode are product rules with one home, AuthenticationPolicy and AuthMode");
    }
}
