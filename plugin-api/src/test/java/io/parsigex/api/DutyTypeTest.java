package io.parsigex.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DutyTypeTest {

  @Test
  void codesAndNamesAreCharons() {
    String[] names = {"unknown", "proposer", "attester", "signature", "exit", "builder_proposer",
        "builder_registration", "randao", "prepare_aggregator", "aggregator", "sync_message",
        "prepare_sync_contribution", "sync_contribution", "info_sync"};
    assertThat(DutyType.values()).hasSize(names.length);
    for (int code = 0; code < names.length; code++) {
      DutyType t = DutyType.fromCode(code).orElseThrow();
      assertThat(t.code()).isEqualTo(code);
      assertThat(t.charonName()).isEqualTo(names[code]);
      assertThat(DutyType.fromCharonName(names[code])).contains(t);
    }
  }

  @Test
  void validityFollowsCharon() {
    assertThat(DutyType.UNKNOWN.isValid()).isFalse();
    assertThat(DutyType.fromCode(DutyType.SENTINEL_CODE)).isEmpty();
    assertThat(DutyType.fromCode(-1)).isEmpty();
    for (DutyType t : DutyType.values()) {
      assertThat(t.isValid()).isEqualTo(t.code() >= 1 && t.code() <= 13);
    }
    assertThat(DutyType.BUILDER_PROPOSER.isDeprecated()).isTrue();
    assertThat(DutyType.BUILDER_PROPOSER.isCarriedByParSigEx()).isFalse();
    assertThat(DutyType.INFO_SYNC.isCarriedByParSigEx()).isFalse();
    assertThat(DutyType.SIGNATURE.isCarriedByParSigEx()).isTrue();
    assertThat(DutyType.fromCharonName("nope")).isEmpty();
  }
}
