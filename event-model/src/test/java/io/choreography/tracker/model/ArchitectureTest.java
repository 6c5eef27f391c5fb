package io.choreography.tracker.model;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** The event model is the tracker's own vocabulary: plain Java that every module can use. */
class ArchitectureTest {

  @Test
  void shouldNotDependOnSpringKafkaOrElasticsearch() {
    // given
    JavaClasses model = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.choreography.tracker.model");
    ArchRule rule = noClasses()
        .should().dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "org.apache.kafka..", "co.elastic..", "org.elasticsearch..")
        .because("the event model is shared by the pure correlation rules and the service, so it must not tie"
            + " them to a framework, a broker client or a search client");

    // when / then
    rule.check(model);
  }
}
