package io.parsigex.node.demo;

import io.parsigex.api.PubKey;
import io.parsigex.core.members.ClusterRoster;
import io.parsigex.core.members.Member;
import io.parsigex.core.members.Validator;
import io.parsigex.eth2.fork.Fork;
import io.parsigex.eth2.signing.ChainPreset;
import io.parsigex.eth2.signing.ChainSpec;
import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.multiaddr.MultiaddrException;
import io.parsigex.libp2p.peer.PeerId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generated material of the local demo cluster: one libp2p identity and loopback address per
 * member, threshold BLS keys for each validator, and a demo chain whose every fork is active from
 * genesis (now). Immutable.
 *
 * @param identities member identities, in cluster order
 * @param addresses member listen addresses, in cluster order
 * @param validators validator key material
 * @param chain the demo chain
 */
public record DemoCluster(List<Secp256k1PrivateKey> identities, List<Multiaddr> addresses,
    List<ThresholdKeys> validators, ChainSpec chain) {

  /** Slots per epoch of the demo chain (short, so epochs pass while someone watches). */
  public static final long SLOTS_PER_EPOCH = 8;

  /** Copies. */
  public DemoCluster {
    identities = List.copyOf(identities);
    addresses = List.copyOf(addresses);
    validators = List.copyOf(validators);
  }

  /**
   * Generates a demo cluster.
   *
   * @param nodes members
   * @param threshold signatures needed
   * @param validators validators
   * @param slot slot duration (whole seconds, at least 1)
   * @return the material
   */
  public static DemoCluster generate(int nodes, int threshold, int validators, Duration slot) {
    if (nodes < 1 || validators < 1) {
      throw new IllegalArgumentException("a demo cluster needs at least one node and validator");
    }
    SecureRandom rnd = new SecureRandom();
    List<Secp256k1PrivateKey> ids = new ArrayList<>();
    List<Multiaddr> addrs = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      ids.add(Secp256k1PrivateKey.generate(rnd));
      addrs.add(loopback());
    }
    List<ThresholdKeys> keys = new ArrayList<>();
    for (int v = 0; v < validators; v++) {
      keys.add(ThresholdKeys.generate(nodes, threshold, rnd));
    }
    ChainSpec mainnet = ChainPreset.MAINNET.spec();
    ChainSpec.Builder b = ChainSpec.custom().name("demo")
        .genesisTime(Instant.now().getEpochSecond())
        .genesisValidatorsRoot(sha256("parsigex-demo"))
        .secondsPerSlot(Math.max(1, slot.toSeconds()))
        .slotsPerEpoch(SLOTS_PER_EPOCH);
    for (Fork f : Fork.values()) {
      b.fork(f, mainnet.forks().fork(f).version(), 0);
    }
    return new DemoCluster(ids, addrs, keys, b.build());
  }

  /**
   * The cluster as member {@code index} sees it.
   *
   * @param index 0-based member
   * @return the definition
   */
  public ClusterRoster definition(int index) {
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < identities.size(); i++) {
      members.add(new Member(peerId(i), i + 1, List.of(addresses.get(i))));
    }
    Map<PubKey, Validator> vals = new LinkedHashMap<>();
    for (ThresholdKeys k : validators) {
      vals.put(k.publicKey(), new Validator(k.publicKey(), k.publicShares()));
    }
    return new ClusterRoster(members, peerId(index), vals);
  }

  /**
   * A member's peer id.
   *
   * @param index 0-based member
   * @return its peer id
   */
  public PeerId peerId(int index) {
    return PeerId.fromPublicKey(identities.get(index).publicKey());
  }

  private static Multiaddr loopback() {
    try {
      return Multiaddr.parse("/ip4/127.0.0.1/tcp/" + LoopbackPorts.pick());
    } catch (MultiaddrException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
