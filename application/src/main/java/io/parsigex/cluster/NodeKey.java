package io.parsigex.cluster;

import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.cluster.crypto.Secp256k1;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * The node's secp256k1 identity key, read from Charon's {@code charon-enr-private-key} format: 64
 * hex characters, optionally {@code 0x}-prefixed, optionally followed by a newline. Its
 * {@link #toString()} shows only the peer id.
 *
 * @param privateKey the key
 */
public record NodeKey(Secp256k1.PrivateKey privateKey) {

  /** The largest key file read; a valid one has at most 67 bytes. */
  public static final int MAX_FILE_BYTES = 128;

  private static final int HEX_LENGTH = 2 * Secp256k1.SCALAR_LENGTH;

  /**
   * Requires a key.
   *
   * @param privateKey the key
   */
  public NodeKey {
    java.util.Objects.requireNonNull(privateKey, "privateKey");
  }

  /**
   * Reads a key file.
   *
   * @param file the path of {@code charon-enr-private-key}
   * @return the key
   * @throws ClusterException.InvalidKeyFile when it cannot be read or is not a valid key
   */
  public static NodeKey load(Path file) throws ClusterException.InvalidKeyFile {
    byte[] raw;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new ClusterException.InvalidKeyFile("key file " + file + " is larger than "
            + MAX_FILE_BYTES + " bytes; expected 64 hex characters", null);
      }
      raw = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ClusterException.InvalidKeyFile("cannot read key file " + file + ": " + e, e);
    }
    return parse(new String(raw, StandardCharsets.US_ASCII), file.toString());
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
    String t = text;
    if (t.endsWith("\n")) {
      t = t.substring(0, t.length() - 1);
      if (t.endsWith("\r")) {
        t = t.substring(0, t.length() - 1);
      }
    }
    if (t.startsWith("0x") || t.startsWith("0X")) {
      t = t.substring(2);
    }
    if (t.length() != HEX_LENGTH) {
      throw new ClusterException.InvalidKeyFile("key file " + source + " must hold 64 hex "
          + "characters (optionally 0x-prefixed, optionally one trailing newline), found "
          + t.length() + " characters", null);
    }
    byte[] bytes;
    try {
      bytes = HexFormat.of().parseHex(t);
    } catch (IllegalArgumentException e) {
      throw new ClusterException.InvalidKeyFile("key file " + source
          + " must hold hex characters only", null);
    }
    return new NodeKey(Secp256k1.PrivateKey.fromBytes(bytes).orElseThrow(
        () -> new ClusterException.InvalidKeyFile("key file " + source
            + " holds zero or a value not below the secp256k1 order; not a valid key", null)));
  }

  /**
   * The key's text in Charon's format (64 lowercase hex characters, no newline).
   *
   * @return the file content
   */
  public String toFileText() {
    return HexFormat.of().formatHex(privateKey.toBytes());
  }

  /**
   * The public key.
   *
   * @return the compressed public key
   */
  public Secp256k1.PublicKey publicKey() {
    return privateKey.publicKey();
  }

  /**
   * The node's libp2p peer id.
   *
   * @return the peer id
   */
  public PeerId peerId() {
    return publicKey().peerId();
  }

  @Override
  public String toString() {
    return "NodeKey[" + peerId() + "]";
  }
}
