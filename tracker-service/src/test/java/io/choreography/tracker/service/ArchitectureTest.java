package io.choreography.tracker.service;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The service's packages depend on each other one way only, and the rules and the model know nothing of Spring,
 * Kafka or Elasticsearch.
 */
class ArchitectureTest {

  private static final JavaClasses TRACKER = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.choreography.tracker");

  @Test
  void shouldHaveNoCyclesBetweenServicePackages() {
    slices().matching("io.choreography.tracker.service.(*)..").should().beFreeOfCycles()
        .because("a package that imports another which imports it back cannot be understood, tested or replaced"
            + " on its own")
        .check(TRACKER);
  }

  @Test
  void shouldKeepRulesAndModelFreeOfTheServicesLibraries() {
    noClasses().that().resideInAnyPackage("io.choreography.tracker.rules..", "io.choreography.tracker.model..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "org.springframework..", "org.apache.kafka..", "co.elastic..", "io.choreography.tracker.service..")
        .because("the tracking semantics run in milliseconds in unit tests and in the replay CLI without a broker")
        .check(TRACKER);
  }

  @Test
  void shouldKeepTheModelFreeOfTheRules() {
    noClasses().that().resideInAPackage("io.choreography.tracker.model..")
        .should().dependOnClassesThat().resideInAPackage("io.choreography.tracker.rules..")
        .check(TRACKER);
  }
}
