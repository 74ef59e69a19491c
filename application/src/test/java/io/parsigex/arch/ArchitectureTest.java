package io.parsigex.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package direction of the README's architecture section ({@code common <- libp2p, eth2 <-
 * cluster <- core <- node}): libp2p and eth2 are standalone libraries; core uses them; cluster is
 * plain Java; only node imports Spring; the demo cluster is reached only where demo mode is asked
 * for. Every rule fails when its subject is empty (ArchUnit's default), so a renamed package cannot
 * make a rule pass by matching nothing.
 */
class ArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.parsigex");
  }

  private static void check(ArchRule rule) {
    rule.allowEmptyShould(false).check(classes);
  }

  @Test
  void libp2pKnowsNothingOfParsigexEth2OrSpring() {
    check(noClasses().that().resideInAPackage("io.parsigex.libp2p..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.parsigex.eth2..", "io.parsigex.core..", "io.parsigex.cluster..",
            "io.parsigex.node..", "io.parsigex.api..", "io.parsigex.proto.corepb..",
            "org.springframework..", "org.pf4j.."));
  }

  @Test
  void eth2KnowsNothingOfLibp2pOrSpring() {
    check(noClasses().that().resideInAPackage("io.parsigex.eth2..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.parsigex.libp2p..", "io.parsigex.core..", "io.parsigex.cluster..",
            "io.parsigex.node..", "io.netty..", "org.springframework..", "org.pf4j.."));
  }

  @Test
  void coreHasNoSpringAndDoesNotReachUpward() {
    check(noClasses().that().resideInAPackage("io.parsigex.core..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.parsigex.node..", "org.springframework.."));
  }

  @Test
  void clusterHasNoSpringAndDoesNotReachUpward() {
    check(noClasses().that().resideInAPackage("io.parsigex.cluster..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.parsigex.node..", "io.parsigex.core..", "org.springframework.."));
  }

  @Test
  void commonDependsOnNoOtherParsigexPackageNorNettyNorSpring() {
    check(noClasses().that().resideInAPackage("io.parsigex.common..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.parsigex.libp2p..", "io.parsigex.eth2..", "io.parsigex.core..",
            "io.parsigex.cluster..", "io.parsigex.node..", "io.parsigex.api..", "io.netty..",
            "org.springframework.."));
  }

  @Test
  void onlyNodeImportsSpring() {
    check(noClasses().that().resideOutsideOfPackage("io.parsigex.node..")
        .and().resideInAPackage("io.parsigex..")
        .should().dependOnClassesThat().resideInAPackage("org.springframework.."));
  }

  @Test
  void theDemoClusterIsReachedOnlyWhereDemoModeIsChosen() {
    // ClusterSetup generates the demo only for parsigex.mode=demo, and NodeRuntime starts the
    // other demo members only when ClusterSetup holds one; nothing else may reach node.demo.
    check(noClasses().that().resideOutsideOfPackage("io.parsigex.node.demo..")
        .and().doNotHaveFullyQualifiedName("io.parsigex.node.runtime.ClusterSetup")
        .and().doNotHaveFullyQualifiedName("io.parsigex.node.runtime.NodeRuntime")
        .and().resideInAPackage("io.parsigex..")
        .should().dependOnClassesThat().resideInAPackage("io.parsigex.node.demo.."));
  }
}
