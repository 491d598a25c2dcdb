package dev.visitorauth.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.visitorauth.domain.Ids;
import dev.visitorauth.domain.widget.AuthMode;
import dev.visitorauth.domain.widget.AuthenticationPolicy;
import java.lang.reflect.Parameter;
import java.time.Duration;

/**
 * The inbound ports' contract (issue 14): typed ids in, no outbound-port types out, and every
 * input rule in one home (the domain's factories), as ArchUnit rules (checked in
 * {@link ArchitectureTest}).
 */
final class PortRules {
    static final String PORT_IN = "dev.visitorauth.application.port.in..";
    static final String PORT_OUT = "dev.visitorauth.application.port.out..";
    static final String SERVICES = "dev.visitorauth.application.service..";

    private PortRules() {
    }

    /**
     * No method of an inbound port or of its commands and queries takes a {@code String} named as an
     * id ({@code widgetId}, {@code conversationId}, ...): a raw id is parsed by the adapter, with the
     * domain's factory ({@code WidgetId.parse}), before the use case. Names are read from the
     * compiled parameters ({@code -parameters}); a record's canonical constructor names its components.
     */
    static ArchRule inboundPortsTakeNoRawIds() {
        return methods().that().areDeclaredInClassesThat().resideInAPackage(PORT_IN)
                .should(takeNoStringNamedAsAnId())
                .allowEmptyShould(false)
                .because("ids are parsed once, by the adapter, with the domain's factories (issue 14)");
    }

    private static ArchCondition<JavaMethod> takeNoStringNamedAsAnId() {
        return new ArchCondition<>("take no String parameter named as an id") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                checkParameters(method.getFullName(), method.reflect().getParameters(), events, method);
            }
        };
    }

    private static void checkParameters(String where, Parameter[] parameters, ConditionEvents events, Object item) {
        for (Parameter p : parameters) {
            if (p.getType() == String.class && p.isNamePresent() && p.getName().endsWith("Id")) {
                events.add(SimpleConditionEvent.violated(item, where + " takes String " + p.getName()));
            }
        }
    }

    /** Commands and queries are records: their canonical constructors are checked like methods. */
    static ArchRule inboundCommandsHoldNoRawIds() {
        return com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors()
                .that().areDeclaredInClassesThat().resideInAPackage(PORT_IN)
                .should(new ArchCondition<>("take no String parameter named as an id") {
                    @Override
                    public void check(com.tngtech.archunit.core.domain.JavaConstructor constructor, ConditionEvents events) {
                        checkParameters(constructor.getFullName(), constructor.reflect().getParameters(), events, constructor);
                    }
                })
                .allowEmptyShould(false)
                .because("ids are parsed once, by the adapter, with the domain's factories (issue 14)");
    }

    /** An inbound port speaks its own (or the domain's) types, never an outbound port's. */
    static ArchRule inboundPortsDoNotDependOnOutboundPorts() {
        return noClasses().that().resideInAPackage(PORT_IN)
                .should().dependOnClassesThat().resideInAPackage(PORT_OUT)
                .allowEmptyShould(false)
                .because("a driving adapter sees the use cases' contract only, not the driven side's");
    }

    /**
     * Services take typed ids and do not check an id's form again. {@code Credentials} reads API keys
     * and session tokens (credentials, not ids).
     */
    static ArchRule servicesDoNotCheckIdsAgain() {
        return noClasses().that().resideInAPackage(SERVICES)
                .and().doNotHaveFullyQualifiedName("dev.visitorauth.application.service.Credentials")
                .should().callMethod(Ids.class, "isWellFormed", String.class)
                .orShould().callMethod(Ids.class, "requireWellFormed", String.class, String.class)
                .allowEmptyShould(false)
                .because("an id's form is checked once, by its domain factory, in the adapter");
    }

    /**
     * Use cases and the inbound adapters make an {@link AuthenticationPolicy} with
     * {@link AuthenticationPolicy#of}, which refuses out-of-bounds settings, never with its
     * constructor (a store restoring a stored policy may).
     */
    static ArchRule policiesFromInputAreMadeByTheFactory() {
        return noClasses().that().resideInAnyPackage("dev.visitorauth.application..", "dev.visitorauth.adapter.rest..",
                        "dev.visitorauth.adapter.grpc..", "dev.visitorauth.server..")
                .should().callConstructor(AuthenticationPolicy.class, AuthMode.class, Duration.class, Duration.class,
                        boolean.class)
                .allowEmptyShould(false)
                .because("the policy's bounds and their refusals have one home, AuthenticationPolicy.of");
    }
}
