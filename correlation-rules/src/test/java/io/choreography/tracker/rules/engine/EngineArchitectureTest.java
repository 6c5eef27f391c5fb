package io.choreography.tracker.rules.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class EngineArchitectureTest {

  @Test
  void shouldKeepTheEnginePureWithoutFrameworksIoOrSystemClock() {
    // given
    var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.choreography.tracker.rules.engine");
    // when / then
    noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
        "co.elastic..", "org.elasticsearch..", "java.io..", "java.nio.file..", "java.util.stream..")
        .check(classes);
    noClasses().should().callMethod(System.class, "currentTimeMillis").check(classes);
  }
}
