package io.parsigex.cluster;

import io.parsigex.cluster.crypto.Base58;
import io.parsigex.cluster.crypto.Secp256k1;
import java.util.Arrays;
import java.util.Optional;

/**
 * A libp2p peer id of a secp256k1 identity, in its base58btc text form ({@code 16Uiu2…}): the
 * identity multihash {@code 00 25} of the protobuf-encoded public key {@code 08 02 12 21 ‖ key33}.
 *
 * <p>This is the cluster package's own small value; the libp2p package has its own PeerId, and the
 * two agree on {@link #base58()}.
 *
 * @param base58 the text form
 */
public record ClusterPeerId(String base58) {

  private static final byte[] MULTIHASH_AND_KEY_PREFIX = {
    0x00, 0x25, // identity multihash, 37 bytes
    0x08, 0x02, // PublicKey.Type = Secp256k1
    0x12, 0x21 // PublicKey.Data, 33 bytes
  };
  private static final int ENCODED_LENGTH =
      MULTIHASH_AND_KEY_PREFIX.length + Secp256k1.COMPRESSED_LENGTH;

  /**
   * Validates the text: it must decode to a secp256k1 identity multihash of a curve point.
   *
   * @param base58 the text form
   */
  public ClusterPeerId {
    if (publicKeyOf(base58).isEmpty()) {
      throw new IllegalArgumentException(
          "not a secp256k1 libp2p peer id (expected base58 of 00 25 08 02 12 21 ‖ key): " + base58);
    }
  }

  /**
   * Parses a peer id's text.
   *
   * @param text base58btc text
   * @return the id, or empty when the text is not a secp256k1 peer id
   */
  public static Optional<ClusterPeerId> parse(String text) {
    return publicKeyOf(text).map(k -> new ClusterPeerId(text));
  }

  /**
   * The peer id of a secp256k1 key.
   *
   * @param key the identity key
   * @return its peer id
   */
  public static ClusterPeerId of(Secp256k1.PublicKey key) {
    byte[] out = Arrays.copyOf(MULTIHASH_AND_KEY_PREFIX, ENCODED_LENGTH);
    System.arraycopy(key.compressed(), 0, out, MULTIHASH_AND_KEY_PREFIX.length,
        Secp256k1.COMPRESSED_LENGTH);
    return new ClusterPeerId(Base58.encode(out));
  }

  /**
   * The identity key this id inlines.
   *
   * @return the public key
   */
  public Secp256k1.PublicKey publicKey() {
    return publicKeyOf(base58).orElseThrow();
  }

  /**
   * The multihash bytes ({@code 00 25 08 02 12 21 ‖ key33}).
   *
   * @return 39 bytes
   */
  public byte[] multihash() {
    return Base58.decode(base58).orElseThrow();
  }

  private static Optional<Secp256k1.PublicKey> publicKeyOf(String text) {
    if (text == null) {
      return Optional.empty();
    }
    return Base58.decode(text)
        .filter(b -> b.length == ENCODED_LENGTH)
        .filter(b -> Arrays.equals(b, 0, MULTIHASH_AND_KEY_PREFIX.length,
            MULTIHASH_AND_KEY_PREFIX, 0, MULTIHASH_AND_KEY_PREFIX.length))
        .flatMap(b -> Secp256k1.parsePublicKey(
            Arrays.copyOfRange(b, MULTIHASH_AND_KEY_PREFIX.length, ENCODED_LENGTH)))
        .filter(k -> k.compressed()[0] == 0x02 || k.compressed()[0] == 0x03);
  }

  @Override
  public String toString() {
    return base58;
  }
}
