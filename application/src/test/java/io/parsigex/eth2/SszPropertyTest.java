package io.parsigex.eth2;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.api.CodecException;
import io.parsigex.api.DutyType;
import io.parsigex.api.SignedDataCodec;
import io.parsigex.eth2.charon.CharonContainers;
import io.parsigex.eth2.charon.CharonSignedData;
import io.parsigex.eth2.charon.Eth2Codecs;
import io.parsigex.eth2.fork.Fork;
import io.parsigex.eth2.spec.Altair;
import io.parsigex.eth2.spec.ForkTypes;
import io.parsigex.eth2.spec.Phase0;
import io.parsigex.eth2.ssz.ContainerType;
import io.parsigex.eth2.ssz.RandomSsz;
import io.parsigex.eth2.ssz.SszContainer;
import io.parsigex.testsupport.TestSeed;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Seeded properties over the full unsigned range (uint64 values above 2^63 included): every
 * container of every fork round-trips through SSZ and JSON, and random bytes never make a codec
 * throw an unchecked exception. The seed is printed in every failure message.
 */
@ExtendWith(TestSeed.class)
class SszPropertyTest {
  private static final long SEED = TestSeed.seed("SszPropertyTest");
  private static final int VALUES_PER_TYPE = 25;
  private static final int GARBAGE_INPUTS = 3000;

  static List<ContainerType> allContainers() {
    List<ContainerType> all = new ArrayList<>();
    for (Fork f : ForkTypes.supportedForks()) {
      ForkTypes t = ForkTypes.of(f);
      all.add(t.signedBeaconBlock());
      t.signedBlindedBeaconBlock().ifPresent(all::add);
      t.signedBlockContents().ifPresent(all::add);
      all.add(t.signedAggregateAndProof());
    }
    all.addAll(List.of(Phase0.SIGNED_VOLUNTARY_EXIT, Altair.SYNC_COMMITTEE_MESSAGE,
        Altair.SIGNED_CONTRIBUTION_AND_PROOF, CharonContainers.SIGNED_EPOCH,
        CharonContainers.BEACON_COMMITTEE_SELECTION, CharonContainers.SYNC_COMMITTEE_SELECTION,
        CharonContainers.SIGNED_VALIDATOR_REGISTRATION_V1));
    return all;
  }

  @Test
  void everyContainerRoundTripsThroughSszAndJson() throws Exception {
    RandomSsz gen = new RandomSsz(new Random(SEED), 0, 1);
    for (ContainerType type : allContainers()) {
      for (int i = 0; i < VALUES_PER_TYPE; i++) {
        SszContainer v = (SszContainer) gen.next(type);
        String where = "seed " + SEED + ", " + type.typeName() + " #" + i;
        byte[] ssz = v.serialize();
        assertThat(ssz).as(where).hasSize(type.serializedSize(v));
        assertThat(type.deserialize(ssz)).as(where).isEqualTo(v);
        byte[] dirty = new byte[ssz.length + 6];
        java.util.Arrays.fill(dirty, (byte) 0xff);
        assertThat(type.serializeInto(v, dirty, 3)).as(where).isEqualTo(3 + ssz.length);
        assertThat(java.util.Arrays.copyOfRange(dirty, 3, 3 + ssz.length)).as(where + " into a "
            + "used buffer").isEqualTo(ssz);
        assertThat(type.fromJson(v.toJson())).as(where).isEqualTo(v);
        assertThat(type.deserialize(ssz).hashTreeRoot()).as(where).isEqualTo(v.hashTreeRoot());
      }
    }
  }

  @Test
  void randomBytesAreTypedErrorsOrCanonicalValues() {
    Random random = new Random(SEED);
    for (SignedDataCodec codec : Eth2Codecs.builtIns()) {
      DutyType duty = codec.dutyTypes().iterator().next();
      for (int i = 0; i < GARBAGE_INPUTS; i++) {
        byte[] in = new byte[random.nextInt(i % 10 == 0 ? 2000 : 300)];
        random.nextBytes(in);
        if (in.length > 8 && random.nextBoolean()) {
          // a plausible Charon header: small version and offsets
          in[0] = (byte) random.nextInt(8);
          for (int k = 1; k < 8; k++) {
            in[k] = 0;
          }
        }
        try {
          CharonSignedData d = (CharonSignedData) codec.decode(duty, in).data();
          d.toSsz().ifPresent(b -> assertThat(b).as("seed " + SEED).isEqualTo(in));
        } catch (CodecException e) {
          assertThat(e.getMessage()).isNotBlank();
        } catch (RuntimeException e) {
          throw new AssertionError("seed " + SEED + ", duty " + duty + ", input " + i + ": "
              + e, e);
        }
      }
    }
  }
}
