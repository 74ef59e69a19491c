package io.parsigex.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** A missing prerequisite skips with its reason locally and fails under CI. */
class PrerequisiteTest {

  @Test
  void locallyAMissingPrerequisiteIsASkipWithTheReason() {
    assertThat(Prerequisite.outcome("npm is not on the PATH", false))
        .isInstanceOf(TestAbortedException.class)
        .hasMessage("SKIPPED: npm is not on the PATH");
  }

  @Test
  void underCiAMissingPrerequisiteFailsWithTheReason() {
    assertThatThrownBy(() -> Prerequisite.outcome("npm is not on the PATH", true))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("CI=true")
        .hasMessageContaining("npm is not on the PATH");
  }

  @Test
  void aPresentPrerequisiteLetsTheTestRunAndAnOptionalOneNeverFails() {
    Prerequisite.require(true, () -> {
      throw new AssertionError("the message of a present prerequisite is never built");
    });
    assertThatThrownBy(() -> Prerequisite.optional("no JDK 25"))
        .isInstanceOf(TestAbortedException.class).hasMessage("SKIPPED: no JDK 25");
    assertThatThrownBy(() -> Prerequisite.optIn("test.no-such-switch", "the benchmark"))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("-Dtest.no-such-switch=true");
  }

  @Test
  void aMissingPrerequisiteIsTheCiSwitchsOutcome() {
    assertThatThrownBy(() -> Prerequisite.missing("the reference data"))
        .isInstanceOf(Prerequisite.ci() ? AssertionError.class : TestAbortedException.class)
        .hasMessageContaining("the reference data");
  }
}
