package io.parsigex.eth2.spec;

import io.parsigex.eth2.fork.Fork;
import io.parsigex.eth2.ssz.ContainerType;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The containers Charon's versioned wrappers carry, per fork. Phase0 to fulu have them; a later
 * {@link Fork} (gloas) has none yet: {@link #find(Fork)} is empty for it and {@link #of(Fork)}
 * refuses it.
 *
 * @param fork the fork
 * @param beaconBlock {@code BeaconBlock}
 * @param signedBeaconBlock {@code SignedBeaconBlock}
 * @param blindedBeaconBlock {@code BlindedBeaconBlock}, absent before bellatrix
 * @param signedBlindedBeaconBlock {@code SignedBlindedBeaconBlock}, absent before bellatrix
 * @param signedBlockContents {@code SignedBlockContents}, absent before deneb
 * @param attestation the attestation container (phase0's until deneb, electra's after)
 * @param aggregateAndProof {@code AggregateAndProof}
 * @param signedAggregateAndProof {@code SignedAggregateAndProof}
 */
public record ForkTypes(Fork fork, ContainerType beaconBlock, ContainerType signedBeaconBlock,
    Optional<ContainerType> blindedBeaconBlock, Optional<ContainerType> signedBlindedBeaconBlock,
    Optional<ContainerType> signedBlockContents, ContainerType attestation,
    ContainerType aggregateAndProof, ContainerType signedAggregateAndProof) {

  private static final Map<Fork, ForkTypes> ALL = build();
  private static final List<Fork> SUPPORTED = List.copyOf(ALL.keySet());

  /** Validates. */
  public ForkTypes {
    Objects.requireNonNull(fork, "fork");
    Objects.requireNonNull(beaconBlock, "beaconBlock");
    Objects.requireNonNull(signedBeaconBlock, "signedBeaconBlock");
    Objects.requireNonNull(blindedBeaconBlock, "blindedBeaconBlock");
    Objects.requireNonNull(signedBlindedBeaconBlock, "signedBlindedBeaconBlock");
    Objects.requireNonNull(signedBlockContents, "signedBlockContents");
    Objects.requireNonNull(attestation, "attestation");
    Objects.requireNonNull(aggregateAndProof, "aggregateAndProof");
    Objects.requireNonNull(signedAggregateAndProof, "signedAggregateAndProof");
  }

  /**
   * The containers of a fork.
   *
   * @param fork the fork
   * @return its types
   * @throws IllegalArgumentException when the fork has no container types here (gloas)
   */
  public static ForkTypes of(Fork fork) {
    return find(fork).orElseThrow(() -> new IllegalArgumentException("no consensus containers for "
        + "the " + fork.label() + " fork; supported: " + SUPPORTED.get(0).label() + " to "
        + SUPPORTED.get(SUPPORTED.size() - 1).label()));
  }

  /**
   * The containers of a fork, if it has them.
   *
   * @param fork the fork
   * @return its types, or empty for a fork without container types (gloas)
   */
  public static Optional<ForkTypes> find(Fork fork) {
    return Optional.ofNullable(ALL.get(Objects.requireNonNull(fork, "fork")));
  }

  /**
   * The forks that have container types, in fork order.
   *
   * @return phase0 to fulu, unmodifiable
   */
  public static List<Fork> supportedForks() {
    return SUPPORTED;
  }

  /**
   * Whether the fork has blinded blocks.
   *
   * @return true from bellatrix on
   */
  public boolean hasBlinded() {
    return blindedBeaconBlock.isPresent();
  }

  private static Map<Fork, ForkTypes> build() {
    Map<Fork, ForkTypes> m = new EnumMap<>(Fork.class);
    m.put(Fork.PHASE0, new ForkTypes(Fork.PHASE0, Phase0.BEACON_BLOCK, Phase0.SIGNED_BEACON_BLOCK,
        Optional.empty(), Optional.empty(), Optional.empty(), Phase0.ATTESTATION,
        Phase0.AGGREGATE_AND_PROOF, Phase0.SIGNED_AGGREGATE_AND_PROOF));
    m.put(Fork.ALTAIR, new ForkTypes(Fork.ALTAIR, Altair.BEACON_BLOCK, Altair.SIGNED_BEACON_BLOCK,
        Optional.empty(), Optional.empty(), Optional.empty(), Phase0.ATTESTATION,
        Phase0.AGGREGATE_AND_PROOF, Phase0.SIGNED_AGGREGATE_AND_PROOF));
    m.put(Fork.BELLATRIX, new ForkTypes(Fork.BELLATRIX, Bellatrix.BEACON_BLOCK,
        Bellatrix.SIGNED_BEACON_BLOCK, Optional.of(Bellatrix.BLINDED_BEACON_BLOCK),
        Optional.of(Bellatrix.SIGNED_BLINDED_BEACON_BLOCK), Optional.empty(),
        Phase0.ATTESTATION, Phase0.AGGREGATE_AND_PROOF, Phase0.SIGNED_AGGREGATE_AND_PROOF));
    m.put(Fork.CAPELLA, new ForkTypes(Fork.CAPELLA, Capella.BEACON_BLOCK,
        Capella.SIGNED_BEACON_BLOCK, Optional.of(Capella.BLINDED_BEACON_BLOCK),
        Optional.of(Capella.SIGNED_BLINDED_BEACON_BLOCK), Optional.empty(),
        Phase0.ATTESTATION, Phase0.AGGREGATE_AND_PROOF, Phase0.SIGNED_AGGREGATE_AND_PROOF));
    m.put(Fork.DENEB, new ForkTypes(Fork.DENEB, Deneb.BEACON_BLOCK, Deneb.SIGNED_BEACON_BLOCK,
        Optional.of(Deneb.BLINDED_BEACON_BLOCK), Optional.of(Deneb.SIGNED_BLINDED_BEACON_BLOCK),
        Optional.of(Deneb.SIGNED_BLOCK_CONTENTS), Phase0.ATTESTATION,
        Phase0.AGGREGATE_AND_PROOF, Phase0.SIGNED_AGGREGATE_AND_PROOF));
    m.put(Fork.ELECTRA, new ForkTypes(Fork.ELECTRA, Electra.BEACON_BLOCK,
        Electra.SIGNED_BEACON_BLOCK, Optional.of(Electra.BLINDED_BEACON_BLOCK),
        Optional.of(Electra.SIGNED_BLINDED_BEACON_BLOCK),
        Optional.of(Electra.SIGNED_BLOCK_CONTENTS), Electra.ATTESTATION,
        Electra.AGGREGATE_AND_PROOF, Electra.SIGNED_AGGREGATE_AND_PROOF));
    m.put(Fork.FULU, new ForkTypes(Fork.FULU, Electra.BEACON_BLOCK, Electra.SIGNED_BEACON_BLOCK,
        Optional.of(Electra.BLINDED_BEACON_BLOCK),
        Optional.of(Electra.SIGNED_BLINDED_BEACON_BLOCK), Optional.of(Fulu.SIGNED_BLOCK_CONTENTS),
        Electra.ATTESTATION, Electra.AGGREGATE_AND_PROOF, Electra.SIGNED_AGGREGATE_AND_PROOF));
    return Collections.unmodifiableMap(m);
  }
}
