package io.parsigex.eth2.spec;

import static io.parsigex.eth2.ssz.Ssz.*;

import io.parsigex.eth2.ssz.ContainerType;

/** Shapes every fork repeats: a block around a body, a signed envelope around a message. */
final class Blocks {
  private Blocks() {}

  static ContainerType block(String name, ContainerType body) {
    return container(name, field("slot", UINT64), field("proposer_index", UINT64),
        field("parent_root", Phase0.ROOT), field("state_root", Phase0.ROOT),
        field("body", body));
  }

  static ContainerType signed(String name, ContainerType message) {
    return container(name, field("message", message), field("signature", Phase0.BLS_SIGNATURE));
  }
}
