package io.parsigex.cluster;

import io.parsigex.libp2p.crypto.KeyException;
import io.parsigex.libp2p.crypto.KeyFile;
import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.crypto.Secp256k1PublicKey;
import io.parsigex.libp2p.peer.PeerId;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The node's secp256k1 identity key, read from Charon's {@code charon-enr-private-key} format
 * ({@link KeyFile}: 64 hex characters, optionally {@code 0x}-prefixed, optionally followed by a
 * newline), with the cluster's typed error. Its {@link #toString()} shows only the peer id.
 *
 * @param privateKey the key
 */
public record NodeKey(Secp256k1PrivateKey privateKey) {

  /**
   * Requires a key.
   *
   * @param privateKey the key
   */
  public NodeKey {
    Objects.requireNonNull(privateKey, "privateKey");
  }

  /**
   * Reads a key file.
   *
   * @param file the path of {@code charon-enr-private-key}
   * @return the key
   * @throws ClusterException.InvalidKeyFile when it cannot be read or is not a valid key
   */
  public static NodeKey load(Path file) throws ClusterException.InvalidKeyFile {
    try {
      return new NodeKey(KeyFile.load(file));
    } catch (KeyException e) {
      throw new ClusterException.InvalidKeyFile(e.getMessage(), e);
    }
  }

  /**
   * Parses the key file's text.
   *
   * @param text the content
   * @param source where it came from, for messages (never the key itself)
   * @return the key
   * @throws ClusterException.InvalidKeyFile when the text is not a valid key
   */
  public static NodeKey parse(String text, String source) throws ClusterException.InvalidKeyFile {
    try {
      return new NodeKey(KeyFile.parse(text, source));
    } catch (KeyException e) {
      throw new ClusterException.InvalidKeyFile(e.getMessage(), e);
    }
  }

  /**
   * The key's text in Charon's format (64 lowercase hex characters, no newline).
   *
   * @return the file content
   */
  public String toFileText() {
    return KeyFile.format(privateKey);
  }

  /**
   * The public key.
   *
   * @return the public key
   */
  public Secp256k1PublicKey publicKey() {
    return privateKey.publicKey();
  }

  /**
   * The node's libp2p peer id.
   *
   * @return the peer id
   */
  public PeerId peerId() {
    return PeerId.fromPublicKey(publicKey());
  }

  @Override
  public String toString() {
    return "NodeKey[" + peerId() + "]";
  }
}
