package io.parsigex.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parsigex.api.ChainTiming;
import io.parsigex.api.ClusterShares;
import io.parsigex.api.Duty;
import io.parsigex.api.DutyType;
import io.parsigex.api.Eth2Signing;
import io.parsigex.api.PartialSignatureVerifier;
import io.parsigex.api.PluginContext;
import io.parsigex.api.PubKey;
import io.parsigex.api.SignedData;
import io.parsigex.api.SigningDomain;
import io.parsigex.api.VerificationRequest;
import io.parsigex.api.VerificationResult;
import io.parsigex.core.extensions.ExtensionRejection;
import io.parsigex.core.extensions.GuardedExtensions;
import io.parsigex.core.extensions.RejectionKind;
import io.parsigex.eth2.signing.ChainPreset;
import io.parsigex.eth2.signing.ChainSpec;
import io.parsigex.eth2.signing.SigningRoots;
import io.parsigex.node.plugins.PluginHost;
import io.parsigex.testsupport.BlsTestKeys;
import io.parsigex.testsupport.BlsTestKeys.Key;
import io.parsigex.testsupport.NodeJs;
import io.parsigex.testsupport.PluginArtifacts;
import io.parsigex.testsupport.TestSeed;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real bls-verifier plugin artifact, loaded by the host, verifying partial signatures made with
 * real BLS keys (jblst), one of them cross-checked with {@code @chainsafe/blst}.
 */
@ExtendWith(TestSeed.class)
class BlsVerifierPluginTest {

  private static final int MEMBERS = 4;
  private static final int VALIDATORS = 48;
  private static final long SEED = TestSeed.seed("BlsVerifierPluginTest");
  private static final HexFormat HEX = HexFormat.of();
  private static final ChainSpec CHAIN = ChainPreset.MAINNET.spec();

  @TempDir static Path tmp;

  private static final List<PubKey> validators = new ArrayList<>();
  private static final List<List<Key>> shareKeys = new ArrayList<>();
  private static final Map<String, Integer> peers = new HashMap<>();
  private static ClusterShares cluster;
  private static PluginHost host;
  private static SimpleMeterRegistry registry;
  private static GuardedExtensions guarded;
  private static PartialSignatureVerifier verifier;

  /** A randao reveal: the message root is the epoch as a little-endian uint64 padded to 32 bytes. */
  record Randao(long epoch, byte[] signature) implements SignedData {
    @Override
    public String typeName() {
      return "SignedRandao";
    }

    @Override
    public byte[] signature() {
      return signature.clone();
    }

    @Override
    public Optional<Eth2Signing> eth2Signing(long slotsPerEpoch) {
      byte[] root = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN).putLong(epoch).array();
      return Optional.of(new Eth2Signing(SigningDomain.RANDAO, epoch, root));
    }

    @Override
    public String toCharonJson() {
      return "{\"epoch\":\"" + epoch + "\",\"signature\":\"0x" + HEX.formatHex(signature) + "\"}";
    }
  }

  /** A payload that is not an eth2 object. */
  record Opaque(byte[] signature) implements SignedData {
    @Override
    public String typeName() {
      return "Signature";
    }

    @Override
    public byte[] signature() {
      return signature.clone();
    }

    @Override
    public Optional<Eth2Signing> eth2Signing(long slotsPerEpoch) {
      return Optional.empty();
    }

    @Override
    public String toCharonJson() {
      return "\"0x" + HEX.formatHex(signature) + "\"";
    }
  }

  @BeforeAll
  static void loadPlugin() {
    Random random = new Random(SEED);
    Map<PubKey, List<PubKey>> shares = new HashMap<>();
    for (int v = 0; v < VALIDATORS; v++) {
      PubKey group = PubKey.fromBytes(BlsTestKeys.key(random).publicKey());
      List<Key> keys = new ArrayList<>();
      for (int s = 0; s < MEMBERS; s++) {
        keys.add(BlsTestKeys.key(random));
      }
      validators.add(group);
      shareKeys.add(keys);
      shares.put(group, keys.stream().map(k -> PubKey.fromBytes(k.publicKey())).toList());
    }
    for (int s = 1; s <= MEMBERS; s++) {
      peers.put(peer(s), s);
    }
    cluster = new ClusterShares(shares, peers);
    ChainTiming timing = new ChainTiming(CHAIN.genesisInstant(), CHAIN.slotDuration(),
        CHAIN.slotsPerEpoch());
    host = new PluginHost(PluginArtifacts.install(tmp.resolve("plugins"), "bls-verifier"),
        List.of(), List.of(), id -> new PluginContext(id, cluster, timing, Clock.systemUTC(),
            Map.of()), true);
    verifier = host.verifiers().get(0).extension();
    registry = new SimpleMeterRegistry();
    guarded = new GuardedExtensions(List.of(), host.verifiers(), List.of(),
        GuardedExtensions.Limits.of(Duration.ofSeconds(20)), registry);
  }

  @AfterAll
  static void close() {
    guarded.close();
    host.close();
  }

  private static String peer(int shareIndex) {
    return "16Uiu2HAmPeer" + shareIndex;
  }

  private static byte[] signingRoot(SignedData data) {
    return new SigningRoots(CHAIN).signingRoot(data.eth2Signing(CHAIN.slotsPerEpoch()).orElseThrow());
  }

  /** An entry of validator v signed by share key `signer` and claimed as share index `claimed`. */
  private static VerificationRequest request(int v, int signer, int claimed, int sender,
      long epoch) {
    Randao unsigned = new Randao(epoch, new byte[96]);
    byte[] root = signingRoot(unsigned);
    Randao data = new Randao(epoch, shareKeys.get(v).get(signer - 1).sign(root));
    return new VerificationRequest(peer(sender), sender, new Duty(epoch * 32, DutyType.RANDAO),
        validators.get(v), claimed, Optional.of(root), data.signature(), data);
  }

  private static List<VerificationRequest> set(int sender, long epoch) {
    List<VerificationRequest> set = new ArrayList<>();
    for (int v = 0; v < VALIDATORS; v++) {
      set.add(request(v, sender, sender, sender, epoch));
    }
    return set;
  }

  @Test
  void aWholeSetSignedWithTheRightSharesIsAccepted() {
    assertThat(guarded.verify(set(3, 200_000)).join()).isEmpty();
    assertThat(verifier.verifyAll(set(1, 5))).containsOnly(VerificationResult.ok());
    assertThat(verifier.verify(request(7, 2, 2, 2, 9))).isEqualTo(VerificationResult.ok());
    assertThat(registry.get("parsigex.plugin.calls").tag("plugin", "bls-verifier").counter()
        .count()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void aSignatureMadeWithTheWrongShareIsRejectedNamingTheEntry() {
    List<VerificationRequest> set = set(2, 300_000);
    set.set(17, request(17, 3, 2, 2, 300_000));
    Optional<ExtensionRejection> rejection = guarded.verify(set).join();
    assertThat(rejection).hasValueSatisfying(r -> {
      assertThat(r.pluginId()).isEqualTo("bls-verifier");
      assertThat(r.kind()).isEqualTo(RejectionKind.REFUSED);
      assertThat(r.entry()).isEqualTo(17);
      assertThat(r.reason()).startsWith("invalid signature").contains("share index 2");
    });
    List<VerificationResult> results = verifier.verifyAll(set);
    for (int i = 0; i < results.size(); i++) {
      assertThat(results.get(i).valid()).as("entry %d", i).isEqualTo(i != 17);
    }
  }

  @Test
  void everyPrePairingCheckRefusesWithAnActionableReason() {
    Random random = new Random(SEED + 1);
    VerificationRequest good = request(0, 1, 1, 1, 10);
    Randao data = (Randao) good.data();
    List<VerificationRequest> bad = List.of(
        // share index claimed by a different sender
        new VerificationRequest(peer(2), 2, good.duty(), good.pubKey(), 1, good.signingRoot(),
            good.signature(), data),
        // share index 0
        new VerificationRequest(peer(1), 1, good.duty(), good.pubKey(), 0, good.signingRoot(),
            good.signature(), data),
        // unknown validator
        new VerificationRequest(peer(1), 1, good.duty(),
            PubKey.fromBytes(BlsTestKeys.key(random).publicKey()), 1, good.signingRoot(),
            good.signature(), data),
        // all-zero signature
        new VerificationRequest(peer(1), 1, good.duty(), good.pubKey(), 1, good.signingRoot(),
            new byte[96], data),
        // signature outside the G2 subgroup
        new VerificationRequest(peer(1), 1, good.duty(), good.pubKey(), 1, good.signingRoot(),
            BlsTestKeys.g2OutsideSubgroup(random), data),
        // not an eth2 object
        new VerificationRequest(peer(1), 1, good.duty(), good.pubKey(), 1, Optional.empty(),
            good.signature(), new Opaque(good.signature())),
        // sender outside the cluster
        new VerificationRequest("16Uiu2HAmStranger", 0, good.duty(), good.pubKey(), 1,
            good.signingRoot(), good.signature(), data),
        // truncated signature
        new VerificationRequest(peer(1), 1, good.duty(), good.pubKey(), 1, good.signingRoot(),
            java.util.Arrays.copyOf(good.signature(), 95), data),
        good);
    List<VerificationResult> results = verifier.verifyAll(bad);
    assertThat(results).extracting(VerificationResult::reason).containsExactly(
        "share index 1 was sent by peer " + peer(2) + ", which holds share index 2",
        "share index 0 is not a share index (they start at 1)",
        results.get(2).reason(),
        "the signature is all zeros",
        "the signature is not in the G2 subgroup",
        "Signature is not an eth2 object: no signing root to verify a BLS signature against",
        "sender 16Uiu2HAmStranger holds no share in this cluster",
        "a BLS signature has 96 bytes, got 95",
        "");
    assertThat(results.get(2).reason()).startsWith("unknown pubkey").contains("cluster lock");
    assertThat(results.get(8).valid()).isTrue();
  }

  @Test
  void aPublicShareOutsideTheG1SubgroupIsRefused() {
    Random random = new Random(SEED + 2);
    PubKey group = validators.get(0);
    PubKey badShare = PubKey.fromBytes(BlsTestKeys.g1OutsideSubgroup(random));
    ClusterShares corrupt = new ClusterShares(
        Map.of(group, List.of(badShare, badShare, badShare, badShare)), peers);
    ChainTiming timing = new ChainTiming(CHAIN.genesisInstant(), CHAIN.slotDuration(), 32);
    try (PluginHost other = new PluginHost(PluginArtifacts.install(tmp.resolve("p2"),
        "bls-verifier"), List.of(), List.of(),
        id -> new PluginContext(id, corrupt, timing, Clock.systemUTC(), Map.of()), true)) {
      VerificationResult r = other.verifiers().get(0).extension().verify(request(0, 1, 1, 1, 4));
      assertThat(r.valid()).isFalse();
      assertThat(r.reason()).contains("is not a G1 subgroup point");
    }
  }

  @Test
  void signaturesAgreeWithChainsafeBlst() {
    Random random = new Random(SEED + 3);
    Key key = BlsTestKeys.key(random);
    Randao unsigned = new Randao(123_456, new byte[96]);
    byte[] root = signingRoot(unsigned);
    byte[] javaSig = key.sign(root);
    String out = NodeJs.get().run(Duration.ofSeconds(60), "bls-verifier.mjs",
        HEX.formatHex(key.secretBytes()), HEX.formatHex(root), HEX.formatHex(key.publicKey()),
        HEX.formatHex(javaSig));
    Map<String, String> js = new HashMap<>();
    out.lines().map(l -> l.split(" ", 2)).filter(p -> p.length == 2)
        .forEach(p -> js.put(p[0], p[1]));
    assertThat(js.get("pk")).isEqualTo(HEX.formatHex(key.publicKey()));
    assertThat(js.get("sig")).isEqualTo(HEX.formatHex(javaSig));
    assertThat(js.get("verify-java")).isEqualTo("true");
    assertThat(js.get("verify-tampered")).isEqualTo("false");

    // The plugin accepts chainsafe's signature under that key and refuses it for another epoch.
    PubKey group = PubKey.fromBytes(BlsTestKeys.key(random).publicKey());
    PubKey share = PubKey.fromBytes(key.publicKey());
    ClusterShares one = new ClusterShares(Map.of(group, List.of(share)), Map.of(peer(1), 1));
    ChainTiming timing = new ChainTiming(CHAIN.genesisInstant(), CHAIN.slotDuration(), 32);
    try (PluginHost other = new PluginHost(PluginArtifacts.install(tmp.resolve("p3"),
        "bls-verifier"), List.of(), List.of(),
        id -> new PluginContext(id, one, timing, Clock.systemUTC(), Map.of()), true)) {
      PartialSignatureVerifier v = other.verifiers().get(0).extension();
      byte[] jsSig = HEX.parseHex(js.get("sig"));
      Randao signed = new Randao(123_456, jsSig);
      assertThat(v.verify(new VerificationRequest(peer(1), 1, new Duty(1, DutyType.RANDAO), group,
          1, Optional.of(root), jsSig, signed))).isEqualTo(VerificationResult.ok());
      byte[] otherRoot = signingRoot(new Randao(123_457, jsSig));
      assertThat(v.verify(new VerificationRequest(peer(1), 1, new Duty(1, DutyType.RANDAO), group,
          1, Optional.of(otherRoot), jsSig, signed)).valid()).isFalse();
    }
  }
}
