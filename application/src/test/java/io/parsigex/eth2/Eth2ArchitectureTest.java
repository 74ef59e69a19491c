package io.parsigex.eth2;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * {@code io.parsigex.eth2} is a library: no libp2p, no protocol core, no Spring, no Netty. Inside
 * it, the fork enum is a leaf that the chain schedule and the containers share without depending
 * on each other.
 */
class Eth2ArchitectureTest {
  private static final JavaClasses ETH2 = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.parsigex.eth2");

  @Test
  void eth2KnowsNothingOfLibp2pCoreNodeOrSpring() {
    noClasses().that().resideInAPackage("io.parsigex.eth2..")
        .should().dependOnClassesThat().resideInAnyPackage("io.parsigex.libp2p..",
            "io.parsigex.core..", "io.parsigex.node..", "io.parsigex.cluster..",
            "org.springframework..", "io.netty..")
        .check(ETH2);
  }

  @Test
  void theForkEnumIsALeafSharedBySigningAndSpec() {
    classes().that().resideInAPackage("io.parsigex.eth2.fork..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("io.parsigex.eth2.fork..", "java..")
        .check(ETH2);
    noClasses().that().resideInAPackage("io.parsigex.eth2.signing..")
        .should().dependOnClassesThat().resideInAnyPackage("io.parsigex.eth2.spec..",
            "io.parsigex.eth2.ssz..", "io.parsigex.eth2.charon..")
        .check(ETH2);
    noClasses().that().resideInAPackage("io.parsigex.eth2.spec..")
        .should().dependOnClassesThat().resideInAnyPackage("io.parsigex.eth2.signing..",
            "io.parsigex.eth2.charon..")
        .check(ETH2);
  }
}
