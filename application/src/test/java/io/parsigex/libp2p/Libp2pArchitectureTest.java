package io.parsigex.libp2p;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** {@code io.parsigex.libp2p} is a library: no parsigex protocol, eth2, cluster or Spring in it. */
class Libp2pArchitectureTest {

  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
      .importPackages("io.parsigex.libp2p");

  @Test
  void libp2pKnowsNothingOfTheApplication() {
    noClasses().that().resideInAPackage("io.parsigex.libp2p..")
        .should().dependOnClassesThat().resideInAnyPackage("io.parsigex.core..",
            "io.parsigex.eth2..", "io.parsigex.cluster..", "io.parsigex.node..",
            "io.parsigex.api..", "org.springframework..")
        .check(CLASSES);
  }
}
