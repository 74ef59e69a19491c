package io.parsigex.cluster.enr;

import io.parsigex.cluster.crypto.Keccak256;
import io.parsigex.libp2p.crypto.KeyException;
import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.crypto.Secp256k1PublicKey;
import io.parsigex.libp2p.peer.PeerId;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * An Ethereum Node Record (EIP-778) with the v4 identity scheme, as Charon puts one per operator in
 * a cluster lock: {@code enr:} + unpadded base64url of {@code rlp([signature, seq, k1, v1, …])},
 * signed with secp256k1 over keccak256 of {@code rlp([seq, k1, v1, …])}.
 *
 * <p>Only verified records exist: instances come from {@link #parse(String)}, which checks the
 * signature, or {@link #create}, which signs.
 */
public final class Enr {

  /** The text prefix. */
  public static final String PREFIX = "enr:";
  /** The longest text accepted: the prefix plus base64 of {@link Rlp#MAX_INPUT_BYTES} bytes. */
  public static final int MAX_TEXT_LENGTH = PREFIX.length() + (Rlp.MAX_INPUT_BYTES * 4 + 2) / 3;

  private static final String KEY_ID = "id";
  private static final String KEY_SECP256K1 = "secp256k1";
  private static final String KEY_IP = "ip";
  private static final String KEY_IP6 = "ip6";
  private static final String KEY_TCP = "tcp";
  private static final String KEY_UDP = "udp";
  private static final String KEY_TCP6 = "tcp6";
  private static final String KEY_UDP6 = "udp6";
  private static final String ID_V4 = "v4";
  private static final int MIN_ITEMS = 4;
  private static final int MAX_SEQ_BYTES = 8;
  private static final int MAX_PORT_BYTES = 2;
  private static final int IPV4_LENGTH = 4;
  private static final int IPV6_LENGTH = 16;

  private final String text;
  private final long seq;
  private final byte[] signature;
  private final Secp256k1PublicKey publicKey;
  private final Map<String, byte[]> pairs;

  private Enr(String text, long seq, byte[] signature, Secp256k1PublicKey publicKey,
      Map<String, byte[]> pairs) {
    this.text = text;
    this.seq = seq;
    this.signature = signature.clone();
    TreeMap<String, byte[]> copy = new TreeMap<>();
    pairs.forEach((k, v) -> copy.put(k, v.clone()));
    this.pairs = Collections.unmodifiableMap(copy);
    this.publicKey = publicKey;
  }

  /**
   * The record's text form, as given.
   *
   * @return {@code enr:…}
   */
  public String text() {
    return text;
  }

  /**
   * The sequence number.
   *
   * @return seq
   */
  public long seq() {
    return seq;
  }

  /**
   * The 64-byte {@code r ‖ s} signature.
   *
   * @return a copy
   */
  public byte[] signature() {
    return signature.clone();
  }

  /**
   * The {@code secp256k1} entry.
   *
   * @return the node's public key
   */
  public Secp256k1PublicKey publicKey() {
    return publicKey;
  }

  /**
   * Every key/value entry, keys sorted.
   *
   * @return a copy
   */
  public Map<String, byte[]> pairs() {
    TreeMap<String, byte[]> copy = new TreeMap<>();
    pairs.forEach((k, v) -> copy.put(k, v.clone()));
    return Collections.unmodifiableMap(copy);
  }

  /**
   * Parses and verifies a record's text form.
   *
   * @param text {@code enr:…}
   * @return the verified record
   * @throws EnrException when the text, its RLP, the record or its signature is invalid
   */
  public static Enr parse(String text) throws EnrException {
    if (text == null || !text.startsWith(PREFIX)) {
      throw new EnrException.MalformedText("an ENR must start with 'enr:'");
    }
    if (text.length() > MAX_TEXT_LENGTH) {
      throw new EnrException.MalformedText("ENR text of " + text.length()
          + " characters exceeds the limit of " + MAX_TEXT_LENGTH);
    }
    String body = text.substring(PREFIX.length());
    while (body.endsWith("=")) {
      body = body.substring(0, body.length() - 1);
    }
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new EnrException.MalformedText("ENR is not valid base64url: " + e.getMessage());
    }
    List<byte[]> items = Rlp.decodeBytesList(raw);
    if (items.size() < MIN_ITEMS) {
      throw new EnrException.MalformedRecord(
          "ENR has " + items.size() + " RLP items; at least signature, seq, id and key are needed");
    }
    if (items.size() % 2 != 0) {
      throw new EnrException.MalformedRecord(
          "ENR has an odd number of RLP items (a key without value)");
    }
    byte[] seqBytes = items.get(1);
    if (seqBytes.length > MAX_SEQ_BYTES) {
      throw new EnrException.MalformedRecord("ENR sequence number is longer than 8 bytes");
    }
    long seq = 0;
    for (byte b : seqBytes) {
      seq = (seq << 8) | (b & 0xFF);
    }
    TreeMap<String, byte[]> pairs = new TreeMap<>();
    for (int i = 2; i < items.size(); i += 2) {
      String key = new String(items.get(i), StandardCharsets.UTF_8);
      if (pairs.put(key, items.get(i + 1)) != null) {
        throw new EnrException.MalformedRecord("ENR has the key '" + key + "' twice");
      }
    }
    byte[] id = pairs.get(KEY_ID);
    if (id != null && !ID_V4.equals(new String(id, StandardCharsets.UTF_8))) {
      throw new EnrException.UnsupportedIdentityScheme("ENR identity scheme '"
          + new String(id, StandardCharsets.UTF_8) + "' is not supported; only 'v4' is");
    }
    byte[] keyBytes = pairs.get(KEY_SECP256K1);
    if (keyBytes == null) {
      throw new EnrException.MalformedRecord("ENR has no 'secp256k1' public key");
    }
    Secp256k1PublicKey key;
    try {
      // the encodings Go Charon's eth2util/enr Parse accepts (decred secp256k1 ParsePubKey)
      key = Secp256k1PublicKey.fromSec1(keyBytes);
    } catch (KeyException e) {
      throw new EnrException.InvalidPublicKey("ENR 'secp256k1' entry is not a public key Charon "
          + "accepts: " + e.getMessage());
    }
    byte[] digest = Keccak256.hash(Rlp.encodeBytesList(items.subList(1, items.size())));
    if (!key.verifyDigest(digest, items.get(0))) {
      throw new EnrException.InvalidSignature("ENR signature does not verify against its secp256k1 "
          + "key (peer " + PeerId.fromPublicKey(key)
          + "); the record was altered or signed by another key");
    }
    return new Enr(text, seq, items.get(0), key, pairs);
  }

  /**
   * Creates and signs a v4 record, as Charon does (sequence number 0 unless given).
   *
   * @param key the identity key
   * @param seq the sequence number
   * @param ipv4 an IPv4 address, or null
   * @param tcp a TCP port, or 0 for none
   * @param udp a UDP port, or 0 for none
   * @return the signed record
   */
  public static Enr create(Secp256k1PrivateKey key, long seq, InetAddress ipv4, int tcp, int udp) {
    TreeMap<String, byte[]> pairs = new TreeMap<>();
    pairs.put(KEY_ID, ID_V4.getBytes(StandardCharsets.US_ASCII));
    pairs.put(KEY_SECP256K1, key.publicKey().compressed());
    if (ipv4 != null) {
      if (ipv4.getAddress().length != IPV4_LENGTH) {
        throw new IllegalArgumentException("ip must be an IPv4 address: " + ipv4);
      }
      pairs.put(KEY_IP, ipv4.getAddress());
    }
    if (tcp != 0) {
      pairs.put(KEY_TCP, port(tcp));
    }
    if (udp != 0) {
      pairs.put(KEY_UDP, port(udp));
    }
    List<byte[]> content = new ArrayList<>();
    content.add(minimalBigEndian(seq));
    pairs.forEach((k, v) -> {
      content.add(k.getBytes(StandardCharsets.UTF_8));
      content.add(v);
    });
    byte[] signature = key.signDigest(Keccak256.hash(Rlp.encodeBytesList(content)));
    List<byte[]> all = new ArrayList<>();
    all.add(signature);
    all.addAll(content);
    String text = PREFIX + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(Rlp.encodeBytesList(all));
    return new Enr(text, seq, signature, key.publicKey(), pairs);
  }

  /**
   * The libp2p peer id of this record's key.
   *
   * @return the peer id
   */
  public PeerId peerId() {
    return PeerId.fromPublicKey(publicKey);
  }

  /**
   * The {@code ip} entry.
   *
   * @return the IPv4 address, if present and 4 bytes long
   */
  public Optional<InetAddress> ip() {
    return address(KEY_IP, IPV4_LENGTH);
  }

  /**
   * The {@code ip6} entry.
   *
   * @return the IPv6 address, if present and 16 bytes long
   */
  public Optional<InetAddress> ip6() {
    return address(KEY_IP6, IPV6_LENGTH);
  }

  /**
   * The {@code tcp} entry.
   *
   * @return the port, if present and at most 2 bytes
   */
  public OptionalInt tcp() {
    return portOf(KEY_TCP);
  }

  /**
   * The {@code udp} entry.
   *
   * @return the port, if present and at most 2 bytes
   */
  public OptionalInt udp() {
    return portOf(KEY_UDP);
  }

  /**
   * The record's TCP addresses as multiaddrs: {@code /ip4/<ip>/tcp/<tcp>} and
   * {@code /ip6/<ip6>/tcp/<tcp6>} where both halves are present.
   *
   * @return zero, one or two multiaddrs
   */
  public List<String> tcpMultiaddrs() {
    return multiaddrs("tcp", KEY_TCP, KEY_TCP6);
  }

  /**
   * The record's UDP addresses as multiaddrs ({@code /ip4/<ip>/udp/<udp>}, and the IPv6 form).
   *
   * @return zero, one or two multiaddrs
   */
  public List<String> udpMultiaddrs() {
    return multiaddrs("udp", KEY_UDP, KEY_UDP6);
  }

  private List<String> multiaddrs(String proto, String key4, String key6) {
    List<String> out = new ArrayList<>();
    ip().ifPresent(ip -> portOf(key4).ifPresent(
        p -> out.add("/ip4/" + ip.getHostAddress() + "/" + proto + "/" + p)));
    ip6().ifPresent(ip -> portOf(key6).ifPresent(
        p -> out.add("/ip6/" + ip.getHostAddress() + "/" + proto + "/" + p)));
    return List.copyOf(out);
  }

  private Optional<InetAddress> address(String key, int length) {
    byte[] raw = pairs.get(key);
    if (raw == null || raw.length != length) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByAddress(raw));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private OptionalInt portOf(String key) {
    byte[] raw = pairs.get(key);
    if (raw == null || raw.length > MAX_PORT_BYTES) {
      return OptionalInt.empty();
    }
    int port = 0;
    for (byte b : raw) {
      port = (port << 8) | (b & 0xFF);
    }
    return port == 0 ? OptionalInt.empty() : OptionalInt.of(port);
  }

  private static byte[] port(int port) {
    if (port <= 0 || port > 0xFFFF) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    return minimalBigEndian(port);
  }

  private static byte[] minimalBigEndian(long value) {
    int n = (64 - Long.numberOfLeadingZeros(value) + 7) / 8;
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[n - 1 - i] = (byte) (value >>> (8 * i));
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Enr other && text.equals(other.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
