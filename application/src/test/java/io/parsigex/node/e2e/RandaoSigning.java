package io.parsigex.node.e2e;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The signing root of a RANDAO reveal on mainnet in phase0 epochs, computed here from the consensus
 * specs with nothing but SHA-256 (independent of the node's own signing-root code):
 * {@code sha256(hash_tree_root(epoch) || DOMAIN_RANDAO || fork_data_root[0:28])}.
 */
final class RandaoSigning {

  /** The mainnet genesis validators root (consensus-specs, mainnet config). */
  static final String MAINNET_GENESIS_VALIDATORS_ROOT =
      "4b363db94e286120d76eb905340fdd4e54bfe9f06bf33ff6cf5ad27f511bfe95";
  /** The last phase0 epoch of mainnet: altair activated at epoch 74240. */
  static final long LAST_PHASE0_EPOCH = 74_239;
  private static final byte[] DOMAIN_RANDAO = {0x02, 0x00, 0x00, 0x00};
  private static final byte[] PHASE0_FORK_VERSION = {0x00, 0x00, 0x00, 0x00};
  private static final int CHUNK = 32;
  private static final int DOMAIN_TYPE_LENGTH = 4;

  private RandaoSigning() {}

  /**
   * The signing root of {@code epoch} for a RANDAO reveal.
   *
   * @param epoch a phase0 epoch of mainnet
   * @return 32 bytes
   */
  static byte[] signingRoot(long epoch) {
    if (epoch < 0 || epoch > LAST_PHASE0_EPOCH) {
      throw new IllegalArgumentException("only phase0 epochs are supported here, got " + epoch);
    }
    byte[] messageRoot = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN)
        .putLong(epoch).array();
    byte[] forkChunk = new byte[CHUNK];
    System.arraycopy(PHASE0_FORK_VERSION, 0, forkChunk, 0, PHASE0_FORK_VERSION.length);
    byte[] forkDataRoot = sha256(forkChunk,
        HexFormat.of().parseHex(MAINNET_GENESIS_VALIDATORS_ROOT));
    byte[] domain = new byte[CHUNK];
    System.arraycopy(DOMAIN_RANDAO, 0, domain, 0, DOMAIN_TYPE_LENGTH);
    System.arraycopy(forkDataRoot, 0, domain, DOMAIN_TYPE_LENGTH, CHUNK - DOMAIN_TYPE_LENGTH);
    return sha256(messageRoot, domain);
  }

  private static byte[] sha256(byte[] a, byte[] b) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(a);
      d.update(b);
      return d.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
