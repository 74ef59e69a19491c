package io.parsigex.bench;

import io.parsigex.api.DutyType;
import io.parsigex.api.PubKey;
import io.parsigex.api.SignedData;
import io.parsigex.core.codec.CodecRegistry;
import io.parsigex.core.members.ClusterRoster;
import io.parsigex.core.members.Member;
import io.parsigex.core.members.Validator;
import io.parsigex.core.node.ParSigExNode;
import io.parsigex.core.protocol.InboundLimits;
import io.parsigex.core.receive.AllGaters;
import io.parsigex.core.receive.ReceiveListener;
import io.parsigex.core.receive.ReceivePipeline;
import io.parsigex.core.receive.Rejection;
import io.parsigex.core.receive.SigningContext;
import io.parsigex.core.receive.VerifiedSet;
import io.parsigex.eth2.charon.Eth2Codecs;
import io.parsigex.eth2.signing.ChainPreset;
import io.parsigex.eth2.signing.ChainSpec;
import io.parsigex.eth2.signing.SigningRoots;
import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.host.ConnectionListener;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.node.demo.ThresholdKeys;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * A parsigex receiver alone in its own JVM, for {@link ReceiverCpuBench}: one Java node (share 2)
 * whose cluster is itself and one sender (share 1), with one validator, the built-in codecs and
 * no verifier. It signs one RANDAO reveal with the validator's share 1 and prints the set as the js
 * peer's {@code flood} command takes it, so that the sender sends a valid Charon JSON randao set.
 *
 * <p>Usage: {@code ReceiverProcess <secp256k1 key hex> <listen port> <sender peer id>
 * <sender multiaddr>}. Prints {@code message <json>}, then {@code listening <multiaddr> <peer id>};
 * then answers {@code stats} on stdin with {@code stats <accepted> <rejected> <process CPU ns>}, and
 * exits on {@code exit} or end of input.
 */
public final class ReceiverProcess {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final int STREAMS_PER_PEER = 256;
  private static final int STREAMS = 1024;
  private static final int VERIFY_QUEUE = 8192;
  private static final int EVENT_QUEUE = 65_536;
  private static final long EPOCH = BenchPair.EPOCH;

  private ReceiverProcess() {}

  /**
   * Runs the receiver until stdin ends.
   *
   * @param args key hex, listen port, sender peer id, sender multiaddr
   */
  public static void main(String[] args) throws Exception {
    SecureRandom random = new SecureRandom();
    Secp256k1PrivateKey key = Secp256k1PrivateKey.fromBytes(HexFormat.of().parseHex(args[0]));
    Multiaddr listen = Multiaddr.parse("/ip4/127.0.0.1/tcp/" + Integer.parseInt(args[1]));
    Member sender = new Member(PeerId.parse(args[2]), 1, List.of(Multiaddr.parse(args[3])));
    Member self = new Member(PeerId.fromPublicKey(key.publicKey()), 2, List.of(listen));
    ChainSpec chain = ChainPreset.MAINNET.spec();
    SigningRoots roots = new SigningRoots(chain);
    CodecRegistry codecs = CodecRegistry.of(Eth2Codecs.builtIns());
    ThresholdKeys validator = ThresholdKeys.generate(2, 2, random);
    Map<PubKey, Validator> validators = Map.of(validator.publicKey(),
        new Validator(validator.publicKey(), validator.publicShares()));
    String unsigned = "{\"epoch\":\"" + EPOCH + "\",\"signature\":\"0x" + "00".repeat(96) + "\"}";
    byte[] root = roots.signingRoot(codecs.fromJson(DutyType.RANDAO, unsigned)
        .eth2Signing(chain.slotsPerEpoch()).orElseThrow());
    String signature = HexFormat.of().formatHex(validator.sign(1, root));
    SignedData randao = codecs.fromJson(DutyType.RANDAO,
        "{\"epoch\":\"" + EPOCH + "\",\"signature\":\"0x" + signature + "\"}");
    String data = HexFormat.of().formatHex(codecs.encode(DutyType.RANDAO, randao).bytes());

    AtomicLong accepted = new AtomicLong();
    AtomicLong rejected = new AtomicLong();
    ReceiveListener listener = new ReceiveListener() {
      @Override
      public void onAccepted(VerifiedSet s) {
        accepted.incrementAndGet();
      }

      @Override
      public void onRejected(Rejection r) {
        rejected.incrementAndGet();
      }
    };
    ReceivePipeline.Config pipeline = new ReceivePipeline.Config(
        Math.max(2, Runtime.getRuntime().availableProcessors()), VERIFY_QUEUE, TIMEOUT,
        EVENT_QUEUE);
    try (ParSigExNode node = ParSigExNode.start(new ParSigExNode.Options(key, List.of(listen),
        new ClusterRoster(List.of(sender, self), self.peerId(), validators), codecs,
        new AllGaters(List.of()), Optional.empty(),
        new SigningContext(chain.slotsPerEpoch(), roots::signingRoot), listener, pipeline,
        InboundLimits.of(TIMEOUT, STREAMS_PER_PEER, STREAMS), TIMEOUT,
        new ConnectionListener() {}, UnaryOperator.identity()))) {
      System.out.println("message {\"slot\":\"0\",\"type\":" + DutyType.RANDAO.code()
          + ",\"entries\":[{\"pubkey\":\"" + validator.publicKey().wireKey() + "\",\"data\":\""
          + data + "\",\"signature\":\"" + signature + "\",\"share_idx\":1}]}");
      System.out.println("listening " + listen + " " + self.peerId());
      System.out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
          StandardCharsets.UTF_8));
      for (String line; (line = in.readLine()) != null && !line.equals("exit"); ) {
        if (line.equals("stats")) {
          System.out.println("stats " + accepted.get() + " " + rejected.get() + " "
              + processCpuNanos());
          System.out.flush();
        }
      }
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
