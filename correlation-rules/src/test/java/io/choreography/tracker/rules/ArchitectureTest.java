package io.choreography.tracker.rules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

/** The correlation rules stay plain Java: the infrastructure lives in tracker-service. */
class ArchitectureTest {

  // Imported once per class: importing is the slow part.
  private static final JavaClasses RULES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.choreography.tracker.rules");

  @Test
  void shouldNotDependOnSpringKafkaOrElasticsearch() {
    // given
    ArchRule rule = noClasses()
        .should().dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "org.apache.kafka..", "co.elastic..", "org.elasticsearch..")
        .because("the tracking semantics must be testable in milliseconds without a framework, a broker or a"
            + " search engine, and reusable from the command line");

    // when / then
    rule.check(RULES);
  }

  @Test
  void shouldKeepDefinitionsFreeOfTheCommandLine() {
    // given
    ArchRule rule = noClasses()
        .that().resideInAPackage("io.choreography.tracker.rules.definition..")
        .should().dependOnClassesThat().resideInAPackage("io.choreography.tracker.rules.cli..")
        .because("the command line uses the definitions, not the other way round");

    // when / then
    rule.check(RULES);
  }

  @Test
  void shouldKeepTheTrackingSemanticsOffTheClock() {
    // given
    ArchRule rule = noClasses()
        .that().resideInAnyPackage("io.choreography.tracker.rules.engine..", "io.choreography.tracker.rules.tracking..")
        .should().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .orShould().callMethod(Instant.class, "now")
        .orShould().callMethod(InstantSource.class, "system")
        .orShould().dependOnClassesThat().areAssignableTo(Clock.class)
        .because("drivers pass every time (arrivals, verdict times), so that the service and replay give the same"
            + " verdicts for the same input");

    // when / then
    rule.check(RULES);
  }
}
