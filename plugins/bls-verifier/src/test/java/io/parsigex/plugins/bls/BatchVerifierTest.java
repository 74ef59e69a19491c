package io.parsigex.plugins.bls;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.api.VerificationRequest;
import io.parsigex.api.VerificationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The batch path agrees with one-by-one verification on random sets with random bad entries. */
class BatchVerifierTest {

  @Test
  void batchAndOneByOneAgreeOnRandomSets() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    for (int round = 0; round < 8; round++) {
      int n = 1 + random.nextInt(70);
      Fixtures f = Fixtures.create(n, 1 + random.nextInt(n), random);
      List<VerificationRequest> set = new ArrayList<>(f.requests);
      boolean[] bad = new boolean[n];
      int corrupt = random.nextInt(3);
      for (int c = 0; c < corrupt; c++) {
        int i = random.nextInt(n);
        VerificationRequest r = set.get(i);
        byte[] otherRoot = new byte[32];
        random.nextBytes(otherRoot);
        byte[] sig = Fixtures.sign(f.keys.get(i), otherRoot);
        set.set(i, new VerificationRequest(r.senderPeerId(), 1, r.duty(), r.pubKey(), 1,
            r.signingRoot(), sig, new Fixtures.Data(sig)));
        bad[i] = true;
      }
      BatchVerifier batch = new BatchVerifier(f.cluster, 8);
      List<VerificationResult> results = batch.verifyAll(set);
      for (int i = 0; i < n; i++) {
        VerificationResult single = batch.verifyAll(List.of(set.get(i))).get(0);
        assertThat(results.get(i).valid()).as("seed %d round %d entry %d", seed, round, i)
            .isEqualTo(!bad[i]).isEqualTo(single.valid());
      }
    }
  }
}
