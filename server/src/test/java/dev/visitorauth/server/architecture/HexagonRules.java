package dev.visitorauth.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/** The module boundaries of the hexagon, as ArchUnit rules (checked in {@link ArchitectureTest}). */
final class HexagonRules {
    static final String DOMAIN = "dev.visitorauth.domain..";
    static final String APPLICATION = "dev.visitorauth.application..";
    static final String[] FRAMEWORKS = {"org.springframework..", "jakarta..", "javax.servlet..", "java.sql..", "javax.sql..",
            "io.grpc..", "com.google.protobuf..", "org.jose4j..", "com.fasterxml..", "tools.jackson..", "org.flywaydb..",
            "com.zaxxer..", "io.micrometer..", "org.slf4j.."};

    private HexagonRules() {
    }

    /** The domain depends on the JDK and itself only. */
    static ArchRule domainDependsOnlyOnTheJdk() {
        return classes().that().resideInAPackage(DOMAIN)
                .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN, "java..")
                .because("the domain is plain Java an embedding host can use as it is");
    }

    /** The application depends on the domain, itself and the JDK only. */
    static ArchRule applicationDependsOnlyOnDomainAndTheJdk() {
        return classes().that().resideInAPackage(APPLICATION)
                .should().onlyDependOnClassesThat().resideInAnyPackage(APPLICATION, DOMAIN, "java..")
                .because("use cases and ports are plain Java, usable with no framework");
    }

    /** No framework, JDBC, gRPC or protobuf type in the core (redundant with the two above, and says why when broken). */
    static ArchRule coreUsesNoFramework() {
        return noClasses().that().resideInAnyPackage(DOMAIN, APPLICATION)
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .because("frameworks and I/O technologies belong in adapters");
    }

    /** The core never sees an adapter or the assembly. */
    static ArchRule coreDoesNotDependOnAdapters() {
        return noClasses().that().resideInAnyPackage(DOMAIN, APPLICATION)
                .should().dependOnClassesThat().resideInAnyPackage("dev.visitorauth.adapter..", "dev.visitorauth.server..");
    }

    /** The outbound adapter: the one address guard and HTTP client for requests the service makes itself. */
    static final String OUTBOUND = "dev.visitorauth.adapter.outbound..";

    /**
     * Adapters are independent of each other and of the assembly. The one exception is the outbound
     * adapter, a shared library of the others (the token adapter fetches JWKS through its guard), so
     * there is one address guard for every outbound request; see {@link #outboundAdapterDependsOnNoOtherAdapter()}.
     */
    static ArchRule adaptersAreIndependent() {
        return slices().matching("dev.visitorauth.adapter.(*)..").should().notDependOnEachOther()
                .ignoreDependency(com.tngtech.archunit.base.DescribedPredicate.alwaysTrue(),
                        com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage(OUTBOUND))
                .because("each adapter speaks its own technology to the application only");
    }

    /** The outbound adapter depends on the application, the domain, the JDK (with its MAC) and Apache HttpClient only. */
    static ArchRule outboundAdapterDependsOnNoOtherAdapter() {
        return classes().that().resideInAPackage(OUTBOUND)
                .should().onlyDependOnClassesThat().resideInAnyPackage(OUTBOUND, APPLICATION, DOMAIN, "java..", "javax.crypto..",
                        "org.apache.hc..")
                .because("every adapter may use the one outbound guard, so it must itself depend on no adapter");
    }

    /** The in-memory store adapter: the application's ports over JDK collections, nothing else. */
    static ArchRule memoryAdapterDependsOnlyOnTheCoreAndTheJdk() {
        return classes().that().resideInAPackage("dev.visitorauth.adapter.memory..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.visitorauth.adapter.memory..", APPLICATION, DOMAIN,
                        "java..")
                .because("an embedding host takes the in-memory store with the core and nothing more");
    }

    static ArchRule adaptersDoNotDependOnTheAssembly() {
        return noClasses().that().resideInAPackage("dev.visitorauth.adapter..")
                .should().dependOnClassesThat().resideInAPackage("dev.visitorauth.server..");
    }

    /**
     * The token adapter holds no product rule: it decodes and checks signatures, and every verdict
     * (which refusal, which claim, which time) is the domain's ({@code VisitorTokenVerification}).
     * So it never names a refusal, an error code, a policy or the claim rules.
     */
    static ArchRule tokenAdapterHoldsNoProductRule() {
        return noClasses().that().resideInAPackage("dev.visitorauth.adapter.token..")
                .should().dependOnClassesThat().resideInAPackage("dev.visitorauth.domain.error..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.visitorauth.domain.widget.AuthenticationPolicy")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.visitorauth.domain.token.VisitorTokenRules")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.visitorauth.domain.token.TokenRefusals")
                .because("spec sections 3 and 12 have one home, the domain; a second verifier must not re-implement them");
    }

    /** No cycles between the domain's concept packages. */
    static ArchRule domainPackagesAreFreeOfCycles() {
        return slices().matching("dev.visitorauth.domain.(*)..").should().beFreeOfCycles();
    }
}
