package io.parsigex.eth2.bench;

import io.parsigex.eth2.LodestarSsz;
import io.parsigex.eth2.spec.Altair;
import io.parsigex.eth2.spec.Electra;
import io.parsigex.eth2.spec.Fulu;
import io.parsigex.eth2.ssz.ContainerType;
import io.parsigex.eth2.ssz.SszContainer;
import io.parsigex.eth2.ssz.SszException;
import io.parsigex.testsupport.SharedTestData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Decode, encode and hash_tree_root of three payloads (the fulu proposal golden's block contents,
 * the electra attestation of the VersionedAttestation golden, the sync message golden), timed in
 * Java and, in the same run, with lodestar's {@code @chainsafe/ssz} on the same bytes.
 *
 * <p>Run with {@code -Dtest=Eth2BenchTest -Dparsigex.bench=true}, or call {@link #main}.
 */
public final class Eth2Bench {
  private static final long WARMUP_NANOS = 1_000_000_000L;
  private static final long ROUND_NANOS = 300_000_000L;
  private static final int ROUNDS = 5;

  /** One timed payload. */
  record Subject(String name, String fork, String lodestarType, ContainerType type, byte[] ssz,
      int jsIterations) {}

  /** Timings of one payload, nanoseconds per operation. */
  record Result(String name, int bytes, double javaDecode, double javaEncode, double javaRoot,
      double jsDecode, double jsEncode, double jsRoot) {
    boolean javaFasterEverywhere() {
      return javaDecode < jsDecode && javaEncode < jsEncode && javaRoot < jsRoot;
    }

    String format() {
      return String.format(Locale.ROOT,
          "%-28s %8d B | decode %10.0f ns vs %10.0f ns (%.1fx) | encode %10.0f vs %10.0f (%.1fx)"
              + " | root %10.0f vs %10.0f (%.1fx)", name, bytes, javaDecode, jsDecode,
          jsDecode / javaDecode, javaEncode, jsEncode, jsEncode / javaEncode, javaRoot, jsRoot,
          jsRoot / javaRoot);
    }
  }

  private Eth2Bench() {}

  static List<Subject> subjects() {
    byte[] proposal = SharedTestData.read("charon/TestSSZSerialisation_VersionedSignedProposal.ssz.golden");
    byte[] attestation = SharedTestData.read("charon/TestSSZSerialisation_VersionedAttestation.ssz.golden");
    return List.of(
        new Subject("fulu SignedBlockContents", "fulu", "SignedBlockContents",
            Fulu.SIGNED_BLOCK_CONTENTS, Arrays.copyOfRange(proposal, 13, proposal.length), 10),
        new Subject("electra Attestation", "electra", "Attestation", Electra.ATTESTATION,
            Arrays.copyOfRange(attestation, 20, attestation.length), 5_000),
        new Subject("altair SyncCommitteeMessage", "altair", "SyncCommitteeMessage",
            Altair.SYNC_COMMITTEE_MESSAGE,
            SharedTestData.read("charon/TestSSZSerialisation_SignedSyncMessage.ssz.golden"),
            10_000));
  }

  /** Something to time that may throw a decode error. */
  @FunctionalInterface
  interface Op {
    Object run() throws SszException;
  }

  /** Warm-up, then the best of {@link #ROUNDS} timed rounds (the machine is shared). */
  static double time(Op op) throws SszException {
    long sink = 0;
    long end = System.nanoTime() + WARMUP_NANOS;
    while (System.nanoTime() < end) {
      sink += System.identityHashCode(op.run());
    }
    double best = Double.MAX_VALUE;
    for (int round = 0; round < ROUNDS; round++) {
      long n = 0;
      long start = System.nanoTime();
      long stop = start + ROUND_NANOS;
      long now;
      do {
        for (int i = 0; i < 8; i++) {
          sink += System.identityHashCode(op.run());
        }
        n += 8;
        now = System.nanoTime();
      } while (now < stop);
      best = Math.min(best, (double) (now - start) / n);
    }
    if (sink == 1) {
      System.out.print(""); // keeps the results alive for the JIT
    }
    return best;
  }

  /**
   * Runs the benchmark.
   *
   * @param lodestar a running lodestar reference
   * @return one result per subject
   * @throws SszException if a golden does not decode
   */
  public static List<Result> run(LodestarSsz lodestar) throws SszException {
    List<Result> out = new ArrayList<>();
    for (Subject s : subjects()) {
      SszContainer v = s.type().deserialize(s.ssz());
      double dec = time(() -> s.type().deserialize(s.ssz()));
      double enc = time(() -> s.type().serialize(v));
      double root = time(() -> s.type().hashTreeRoot(v));
      JsonNode js = lodestar.ask(s.fork(), s.lodestarType(), s.ssz(), null, s.jsIterations())
          .get("bench");
      out.add(new Result(s.name(), s.ssz().length, dec, enc, root,
          js.get("decode_ns").asDouble(), js.get("encode_ns").asDouble(),
          js.get("hash_tree_root_ns").asDouble()));
    }
    return out;
  }

  /**
   * Prints the figures.
   *
   * @param args unused
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    try (LodestarSsz lodestar = LodestarSsz.start()) {
      System.out.println("Java (this engine) vs lodestar @chainsafe/ssz, ns per operation:");
      for (Result r : run(lodestar)) {
        System.out.println(r.format());
      }
    }
  }
}
