package dev.patron.standalone;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.web.bind.annotation.RestController;

/**
 * Patron's boundaries, checked on every build over the code of every module this one puts together (both sides, the
 * kits, the event store, the published events). Each rule says why it exists; a change that breaks one should change
 * the design, or the rule and its reason, on purpose.
 */
@AnalyzeClasses(packages = "dev.patron", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Aggregate roots, and the entities they hold as {@code @AggregateMember}s. */
    private static final DescribedPredicate<JavaClass> AGGREGATES_AND_THEIR_ENTITIES =
            new DescribedPredicate<>("are aggregates or their entities") {
                @Override
                public boolean test(JavaClass type) {
                    return type.isAnnotatedWith(Aggregate.class) || type.getFieldsWithTypeOfSelf().stream()
                            .anyMatch(field -> field.isAnnotatedWith(AggregateMember.class));
                }
            };

    @ArchTest
    static final ArchRule aggregatesAreFreeOfDeliveryAndStorage = noClasses()
            .that(AGGREGATES_AND_THEIR_ENTITIES)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework.web..", "jakarta.servlet..", "dev.patron.kit..", "dev.patron.contract..",
                    "com.nimbusds..", "com.mongodb..", "org.bson..")
            .because("an aggregate decides what happens to a customer; how requests arrive, who is signed in and where "
                    + "data is kept are for the layers around it, which can then change without touching the rules");

    @ArchTest
    static final ArchRule theQuerySideDoesNotUseTheCommandSide = noClasses()
            .that().resideInAPackage("dev.patron.query..")
            .should().dependOnClassesThat().resideInAPackage("dev.patron.command..")
            .because("the sides run as separate services and meet only in the event store and in projection-progress's "
                    + "contract; a class shared across would tie their deployments together");

    @ArchTest
    static final ArchRule theCommandSideDoesNotUseTheQuerySide = noClasses()
            .that().resideInAPackage("dev.patron.command..")
            .should().dependOnClassesThat().resideInAPackage("dev.patron.query..")
            .because("writes must not read the read models, which lag and are the query side's to shape; a write "
                    + "learns how far a projection is only through projection-progress");

    @ArchTest
    static final ArchRule thePublishedEventsDependOnNothingOfOurs = noClasses()
            .that().resideInAPackage("dev.patron.events..")
            .should().dependOnClassesThat(resideInAPackage("dev.patron..")
                    .and(DescribedPredicate.not(resideInAPackage("dev.patron.events.."))))
            .because("shared-events is the published language downstream consumers compile against; it must not drag "
                    + "any of Patron's implementation along");

    @ArchTest
    static final ArchRule theConsoleIsServedNotCalled = noClasses()
            .that(resideInAPackage("dev.patron..").and(DescribedPredicate.not(resideInAPackage("dev.patron.console.."))))
            .should().dependOnClassesThat().resideInAPackage("dev.patron.console..")
            .because("the console is a browser client of the API like any other: its module only serves its files, "
                    + "switched on by being on the classpath, and no service may come to rely on it");

    @ArchTest
    static final ArchRule theConsoleKnowsNothingOfPatronsInsides = noClasses()
            .that().resideInAPackage("dev.patron.console..")
            .should().dependOnClassesThat(resideInAPackage("dev.patron..")
                    .and(DescribedPredicate.not(resideInAPackage("dev.patron.console.."))))
            .because("what the console shows comes from the public API, with a token, as for any client; reaching "
                    + "into a service's classes would let it see what the API does not allow");

    @ArchTest
    static final ArchRule controllersLeaveStorageToTheirStores = noClasses()
            .that().areAnnotatedWith(RestController.class)
            .should().dependOnClassesThat().resideInAnyPackage("com.mongodb..", "org.bson..")
            .because("a controller translates HTTP; the queries and their index-friendly shapes live in one place per "
                    + "collection, where the hot-path rules can be kept");

    @ArchTest
    static final ArchRule featuresDoNotDependOnEachOtherInCircles = slices()
            .matching("dev.patron.(*).(*)..")
            .should().beFreeOfCycles()
            .because("a feature that depends on another which depends on it back cannot be understood, tested or "
                    + "moved on its own");
}
