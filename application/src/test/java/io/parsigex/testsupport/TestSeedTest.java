package io.parsigex.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The seed derivation replays: the same run seed and name give the same values. */
class TestSeedTest {

  @Test
  void aNameGivesTheSameSeedEveryTimeAndDifferentNamesDiffer() {
    assertThat(TestSeed.seed("A.b")).isEqualTo(TestSeed.seed("A.b"));
    assertThat(TestSeed.seed("A.b")).isNotEqualTo(TestSeed.seed("A.c"));
    assertThat(TestSeed.random("A.b").nextLong()).isEqualTo(TestSeed.random("A.b").nextLong());
    assertThat(TestSeed.replay()).isEqualTo("-Dtest.seed=" + TestSeed.seed());
  }

  @Test
  void theSeedIsThePropertyWhenGiven() {
    String given = System.getProperty(TestSeed.PROPERTY);
    if (given != null) {
      assertThat(TestSeed.seed()).isEqualTo(Long.decode(given.trim()));
    }
  }
}
