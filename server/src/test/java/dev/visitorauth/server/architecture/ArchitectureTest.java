package dev.visitorauth.server.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.visitorauth.application.archfixture.ModeComparingService;
import dev.visitorauth.domain.archfixture.LeakyDomainType;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The hexagon's boundaries over every module's main classes (this module has them all on its
 * classpath). Rules fail on an empty selection, so a renamed package cannot make them pass
 * vacuously.
 */
class ArchitectureTest {
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.visitorauth");
    }

    static Stream<ArchRule> rules() {
        return Stream.of(HexagonRules.domainDependsOnlyOnTheJdk(), HexagonRules.applicationDependsOnlyOnDomainAndTheJdk(),
                HexagonRules.coreUsesNoFramework(), HexagonRules.coreDoesNotDependOnAdapters(),
                HexagonRules.adaptersAreIndependent(), HexagonRules.adaptersDoNotDependOnTheAssembly(),
                HexagonRules.domainPackagesAreFreeOfCycles(), HexagonRules.tokenAdapterHoldsNoProductRule(),
                HexagonRules.outboundAdapterDependsOnNoOtherAdapter(), HexagonRules.memoryAdapterDependsOnlyOnTheCoreAndTheJdk(),
                StartupRuleHomes.applicationAsksThePolicyNotTheModeConstants(),
                PortRules.inboundPortsTakeNoRawIds(), PortRules.inboundCommandsHoldNoRawIds(),
                PortRules.inboundPortsDoNotDependOnOutboundPorts(), PortRules.servicesDoNotCheckIdsAgain(),
                PortRules.policiesFromInputAreMadeByTheFactory());
    }

    @ParameterizedTest
    @MethodSource("rules")
    void productionCodeKeepsTheBoundary(ArchRule rule) {
        rule.check(production);
    }

    @Test
    void everyModuleIsImported() {
        assertThat(production.stream().map(c -> c.getPackageName()))
                .anyMatch(p -> p.startsWith("dev.visitorauth.domain"))
                .anyMatch(p -> p.startsWith("dev.visitorauth.application"))
                .anyMatch(p -> p.startsWith("dev.visitorauth.adapter.token"))
                .anyMatch(p -> p.startsWith("dev.visitorauth.adapter.outbound"))
                .anyMatch(p -> p.startsWith("dev.visitorauth.adapter.persistence"))
                .anyMatch(p -> p.startsWith("dev.visitorauth.adapter.memory"))
                .anyMatch(p -> p.startsWith("dev.visitorauth.adapter.rest"))
                .anyMatch(p -> p.startsWith("dev.visitorauth.adapter.grpc"))
                .anyMatch(p -> p.startsWith("dev.visitorauth.server"));
    }

    /** The rules are not vacuous: a domain class that reaches for JDBC and Spring breaks them. */
    @Test
    void rulesCatchADomainClassUsingJdbc() {
        JavaClasses leaky = new ClassFileImporter().importClasses(LeakyDomainType.class);
        EvaluationResult jdkOnly = HexagonRules.domainDependsOnlyOnTheJdk().evaluate(leaky);
        EvaluationResult noFramework = HexagonRules.coreUsesNoFramework().evaluate(leaky);
        assertThat(jdkOnly.hasViolation()).isTrue();
        assertThat(noFramework.hasViolation()).isTrue();
        assertThat(jdkOnly.getFailureReport().toString()).contains("org.springframework.util.StringUtils");
        assertThat(noFramework.getFailureReport().toString()).contains("java.sql.Connection");
    }

    /** The token adapter rule is not vacuous: an adapter class that picks a refusal breaks it. */
    @Test
    void ruleCatchesATokenAdapterDecidingARefusal() {
        JavaClasses ruleMaking = new ClassFileImporter().importClasses(
                dev.visitorauth.adapter.token.archfixture.RuleMakingTokenAdapter.class);
        EvaluationResult result = HexagonRules.tokenAdapterHoldsNoProductRule().evaluate(ruleMaking);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("dev.visitorauth.domain.error.ErrorCode");
    }

    /** The mode rule is not vacuous: an application class that compares the mode with both constants breaks it. */
    @Test
    void ruleCatchesAnApplicationClassComparingModeConstants() {
        JavaClasses comparing = new ClassFileImporter().importClasses(ModeComparingService.class);
        EvaluationResult result = StartupRuleHomes.applicationAsksThePolicyNotTheModeConstants().evaluate(comparing);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("AuthMode.OBSERVE").contains("AuthMode.REQUIRED");
    }

    /** The port rules are not vacuous: a port with a raw String id and an outbound type breaks them. */
    @Test
    void portRulesCatchARawIdAndAnOutboundType() {
        JavaClasses port = new ClassFileImporter().importClasses(
                dev.visitorauth.application.port.in.archfixture.RawIdPort.class,
                dev.visitorauth.application.port.in.archfixture.RawIdPort.RawIdCommand.class);
        EvaluationResult methods = PortRules.inboundPortsTakeNoRawIds().evaluate(port);
        EvaluationResult commands = PortRules.inboundCommandsHoldNoRawIds().evaluate(port);
        EvaluationResult outbound = PortRules.inboundPortsDoNotDependOnOutboundPorts().evaluate(port);

        assertThat(methods.getFailureReport().toString()).contains("RawIdPort.verify(java.lang.String) takes String widgetId");
        assertThat(commands.getFailureReport().toString()).contains("takes String conversationId")
                .doesNotContain("takes String text");
        assertThat(outbound.getFailureReport().toString()).contains("dev.visitorauth.application.port.out.TokenCheck");
    }

    /** The service rules are not vacuous: a service that checks an id's form and makes its own policy breaks them. */
    @Test
    void serviceRulesCatchARecheckedIdAndAPolicyPastItsFactory() {
        JavaClasses service = new ClassFileImporter().importClasses(
                dev.visitorauth.application.service.archfixture.RecheckingService.class);

        assertThat(PortRules.servicesDoNotCheckIdsAgain().evaluate(service).getFailureReport().toString())
                .contains("Ids.isWellFormed(java.lang.String)");
        assertThat(PortRules.policiesFromInputAreMadeByTheFactory().evaluate(service).getFailureReport().toString())
                .contains("AuthenticationPolicy.<init>");
    }
}
