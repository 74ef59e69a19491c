package io.parsigex.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * No test skips on its own: every skip goes through {@link Prerequisite}, which fails under
 * {@code CI=true}. A test calling JUnit's assumptions directly, or disabled by an annotation, would
 * pass CI without running.
 */
class PrerequisiteUsageTest {

  private static JavaClasses tests;

  @BeforeAll
  static void importTestClasses() {
    tests = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
        .importPackages("io.parsigex");
  }

  @Test
  void onlyPrerequisiteSkipsATest() {
    // TestSeed only recognises an abort, so as not to attach a replay hint to a skip;
    // PrerequisiteTest checks what Prerequisite throws
    noClasses().that().haveNameNotMatching(
            "io\\.parsigex\\.testsupport\\.(Prerequisite|PrerequisiteTest|TestSeed)(\\$.*)?")
        .should().dependOnClassesThat().haveFullyQualifiedName(
            "org.junit.jupiter.api.Assumptions")
        .orShould().dependOnClassesThat().haveFullyQualifiedName(
            "org.opentest4j.TestAbortedException")
        .orShould().dependOnClassesThat().resideInAPackage("org.junit.jupiter.api.condition")
        .because("a skipped test must say why and fail under CI=true (Prerequisite)")
        .check(tests);
  }

  @Test
  void noTestIsDisabled() {
    noClasses().should().beAnnotatedWith(Disabled.class).check(tests);
    noMethods().should().beAnnotatedWith(Disabled.class).check(tests);
  }
}
