package io.parsigex.eth2.spec;

import io.parsigex.eth2.ssz.ContainerType;

/**
 * Fulu: blocks (blinded included) are electra's; only {@code SignedBlockContents} changes, its
 * {@code kzg_proofs} becoming cell proofs with a limit of {@link Preset#MAX_CELL_PROOFS_PER_BLOCK}.
 */
public final class Fulu {
  /** {@code SignedBlockContents} with cell proofs. */
  public static final ContainerType SIGNED_BLOCK_CONTENTS =
      Deneb.blockContents(Electra.SIGNED_BEACON_BLOCK, Preset.MAX_CELL_PROOFS_PER_BLOCK);

  private Fulu() {}
}
