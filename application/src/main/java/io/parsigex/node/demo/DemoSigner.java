package io.parsigex.node.demo;

import io.parsigex.api.CodecException;
import io.parsigex.api.Duty;
import io.parsigex.api.Eth2Signing;
import io.parsigex.api.ParSignedData;
import io.parsigex.api.ParSignedDataSet;
import io.parsigex.api.PubKey;
import io.parsigex.api.SignedData;
import io.parsigex.core.broadcast.BroadcastResult;
import io.parsigex.core.codec.CodecRegistry;
import io.parsigex.eth2.signing.SigningRoots;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes every demo member sign its share of each slot's duties with real BLS partial signatures and
 * broadcast them, once per slot of the demo chain.
 */
public final class DemoSigner implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DemoSigner.class);

  /** How one member broadcasts. */
  @FunctionalInterface
  public interface MemberBroadcast {
    /**
     * Broadcasts a set.
     *
     * @param duty the duty
     * @param set the partial signatures
     * @return the outcome
     * @throws CodecException when the set cannot be encoded
     */
    CompletableFuture<BroadcastResult> broadcast(Duty duty, ParSignedDataSet set)
        throws CodecException;
  }

  private final DemoCluster demo;
  private final List<MemberBroadcast> members;
  private final CodecRegistry codecs;
  private final SigningRoots roots;
  private final ScheduledExecutorService timer;

  /**
   * Creates the signer.
   *
   * @param demo the demo material
   * @param members one broadcaster per member, in cluster order
   * @param codecs the codecs (JSON templates become values through them)
   * @param roots signing roots of the demo chain
   */
  public DemoSigner(DemoCluster demo, List<MemberBroadcast> members, CodecRegistry codecs,
      SigningRoots roots) {
    this.demo = demo;
    this.members = List.copyOf(members);
    this.codecs = codecs;
    this.roots = roots;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "parsigex-demo-signer");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts signing at the next slot boundary. */
  public void start() {
    Duration slot = demo.chain().slotDuration();
    Instant genesis = demo.chain().genesisInstant();
    long sinceGenesis = Duration.between(genesis, Instant.now()).toMillis();
    long delay = slot.toMillis() - Math.floorMod(sinceGenesis, slot.toMillis());
    timer.scheduleAtFixedRate(this::tick, delay, slot.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void tick() {
    try {
      long slot = Duration.between(demo.chain().genesisInstant(), Instant.now())
          .dividedBy(demo.chain().slotDuration());
      signSlot(slot);
    } catch (RuntimeException e) {
      log.error("Demo signing failed; trying again next slot", e);
    }
  }

  /**
   * Signs and broadcasts one slot's duties for every member.
   *
   * @param slot the slot
   * @return every broadcast of the slot
   */
  public List<CompletableFuture<BroadcastResult>> signSlot(long slot) {
    Map<Duty, List<DemoDuties.Signing>> byDuty = new LinkedHashMap<>();
    for (DemoDuties.Signing s : DemoDuties.forSlot(slot, demo.chain().slotsPerEpoch(),
        demo.validators().size())) {
      byDuty.computeIfAbsent(s.duty(), d -> new ArrayList<>()).add(s);
    }
    List<CompletableFuture<BroadcastResult>> out = new ArrayList<>();
    for (int m = 0; m < members.size(); m++) {
      int share = m + 1;
      for (Map.Entry<Duty, List<DemoDuties.Signing>> e : byDuty.entrySet()) {
        try {
          Map<PubKey, ParSignedData> set = new LinkedHashMap<>();
          for (DemoDuties.Signing s : e.getValue()) {
            ThresholdKeys keys = demo.validators().get(s.validator());
            set.put(keys.publicKey(), new ParSignedData(sign(e.getKey(), s, keys, share), share));
          }
          out.add(members.get(m).broadcast(e.getKey(), new ParSignedDataSet(set)));
        } catch (CodecException ex) {
          log.error("Demo member {} cannot sign {}: {}", m, e.getKey(), ex.getMessage());
        }
      }
    }
    return out;
  }

  private SignedData sign(Duty duty, DemoDuties.Signing s, ThresholdKeys keys, int share)
      throws CodecException {
    SignedData unsigned = codecs.fromJson(duty.type(), s.template().apply("00".repeat(96)));
    // a plugin codec's value is read through its guard (bounded by the plugin call timeout)
    Eth2Signing what = codecs.read(duty.type(), unsigned,
        v -> v.eth2Signing(demo.chain().slotsPerEpoch())).orElseThrow(() ->
        new CodecException(duty + " payload has no signing root"));
    byte[] sig = keys.sign(share, roots.signingRoot(what));
    return codecs.fromJson(duty.type(), s.template().apply(HexFormat.of().formatHex(sig)));
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
