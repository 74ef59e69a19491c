package io.parsigex.plugins.bls;

import io.parsigex.api.ClusterView;
import io.parsigex.api.VerificationRequest;
import io.parsigex.api.VerificationResult;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import supranational.blst.BLST_ERROR;
import supranational.blst.P1;
import supranational.blst.P2;
import supranational.blst.Pairing;

/**
 * The batch verifier as it was before the same-root fast path, kept for the bench to compare
 * with: the checks of {@link RequestChecks} one entry after another, then one randomised
 * multi-pairing over every checked entry, in which entries sharing a root are combined with one
 * 64-bit scalar multiplication per point each, split across the cores; when it fails, every entry
 * is verified on its own.
 */
final class PreviousBatchVerifier {

  private static final String DST = BatchVerifier.DST;

  private static final int MAX_SET_SIZE = BatchVerifier.MAX_SET_SIZE;

  private final RequestChecks checks;
  private final int parallelThreshold;
  private final SecureRandom random = new SecureRandom();

  /**
   * Creates the verifier.
   *
   * @param cluster the public shares
   * @param parallelThreshold sets at least this large use every core
   */
  PreviousBatchVerifier(ClusterView cluster, int parallelThreshold) {
    this.checks = new RequestChecks(Objects.requireNonNull(cluster, "cluster"));
    this.parallelThreshold = Math.max(2, parallelThreshold);
  }

  /**
   * Verifies every request.
   *
   * @param requests the entries of one set
   * @return one result per request, in order
   */
  List<VerificationResult> verifyAll(List<VerificationRequest> requests) {
    if (requests.size() > MAX_SET_SIZE) {
      VerificationResult tooMany = VerificationResult.invalid("a set of " + requests.size()
          + " entries is more than the " + MAX_SET_SIZE + " this verifier accepts");
      return java.util.Collections.nCopies(requests.size(), tooMany);
    }
    VerificationResult[] results = new VerificationResult[requests.size()];
    List<Checked> checked = new ArrayList<>(requests.size());
    for (int i = 0; i < requests.size(); i++) {
      RequestChecks.Either e = checks.check(i, requests.get(i));
      if (e.entry() == null) {
        results[i] = VerificationResult.invalid(e.refusal());
      } else {
        checked.add(e.entry());
      }
    }
    if (!checked.isEmpty()) {
      if (checked.size() > 1 && batchValidSafely(checked)) {
        for (Checked c : checked) {
          results[c.index()] = VerificationResult.ok();
        }
      } else {
        verifyEach(checked, results, requests);
      }
    }
    return Arrays.asList(results);
  }

  /** The batch check; a failure inside blst only sends the set down the one-by-one path. */
  private boolean batchValidSafely(List<Checked> entries) {
    try {
      return batchValid(entries);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private boolean batchValid(List<Checked> entries) {
    int chunks = entries.size() >= parallelThreshold
        ? Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), entries.size() / 2))
        : 1;
    int per = (entries.size() + chunks - 1) / chunks;
    List<CompletableFuture<Pairing>> others = new ArrayList<>();
    for (int c = 1; c < chunks; c++) {
      List<Checked> part = entries.subList(Math.min(entries.size(), c * per),
          Math.min(entries.size(), (c + 1) * per));
      long[] weights = weights(part.size());
      others.add(CompletableFuture.supplyAsync(() -> accumulate(part, weights),
          ForkJoinPool.commonPool()));
    }
    List<Checked> first = entries.subList(0, Math.min(entries.size(), per));
    Pairing total = accumulate(first, weights(first.size()));
    for (CompletableFuture<Pairing> f : others) {
      Pairing p = f.join();
      if (total == null || p == null || total.merge(p) != BLST_ERROR.BLST_SUCCESS) {
        total = null;
      }
    }
    return total != null && total.finalverify();
  }

  private long[] weights(int n) {
    long[] w = new long[n];
    for (int i = 0; i < n; i++) {
      long x;
      do {
        x = random.nextLong();
      } while (x == 0);
      w[i] = x;
    }
    return w;
  }

  /**
   * Adds a part of the set to a fresh pairing. Entries that share a signing root (a set from one
   * peer often does: every randao reveal of an epoch, every sync message of a slot) are first
   * combined into one weighted public key and one weighted signature, so they cost one Miller loop
   * together; the others go in one by one with their weight.
   */
  private static Pairing accumulate(List<Checked> part, long[] weights) {
    Pairing pairing = new Pairing(true, DST);
    Map<ByteBuffer, List<Integer>> byRoot = new LinkedHashMap<>();
    for (int i = 0; i < part.size(); i++) {
      byRoot.computeIfAbsent(ByteBuffer.wrap(part.get(i).signingRoot()), k -> new ArrayList<>())
          .add(i);
    }
    for (List<Integer> group : byRoot.values()) {
      BLST_ERROR err;
      if (group.size() == 1) {
        Checked c = part.get(group.get(0));
        err = pairing.mul_n_aggregate(c.publicShare(), c.signature(), scalar(weights[group.get(0)]),
            c.signingRoot());
      } else {
        P1 pk = null;
        P2 sig = null;
        for (int i : group) {
          Checked c = part.get(i);
          BigInteger w = scalar(weights[i]);
          P1 wpk = c.publicShare().to_jacobian().mult(w);
          P2 wsig = c.signature().to_jacobian().mult(w);
          pk = pk == null ? wpk : pk.add(wpk);
          sig = sig == null ? wsig : sig.add(wsig);
        }
        byte[] root = part.get(group.get(0)).signingRoot();
        err = pairing.aggregate(pk.to_affine(), sig.to_affine(), root);
      }
      if (err != BLST_ERROR.BLST_SUCCESS) {
        return null;
      }
    }
    pairing.commit();
    return pairing;
  }

  private static BigInteger scalar(long weight) {
    return new BigInteger(1, ByteBuffer.allocate(Long.BYTES).putLong(weight).array());
  }

  private static void verifyEach(List<Checked> entries, VerificationResult[] results,
      List<VerificationRequest> requests) {
    for (Checked c : entries) {
      BLST_ERROR err = c.signature().core_verify(c.publicShare(), true, c.signingRoot(), DST);
      results[c.index()] = err == BLST_ERROR.BLST_SUCCESS
          ? VerificationResult.ok()
          : VerificationResult.invalid("invalid signature: it does not verify against the public "
              + "share of share index " + requests.get(c.index()).shareIndex() + " of validator "
              + requests.get(c.index()).pubKey() + " over the signing root");
    }
  }
}
