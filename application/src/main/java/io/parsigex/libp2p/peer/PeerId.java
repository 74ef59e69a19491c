package io.parsigex.libp2p.peer;

import io.parsigex.libp2p.crypto.KeyException;
import io.parsigex.libp2p.crypto.PublicKey;
import io.parsigex.libp2p.encoding.Base32;
import io.parsigex.libp2p.encoding.Base58;
import io.parsigex.libp2p.encoding.EncodingException;
import io.parsigex.libp2p.encoding.Varint;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/**
 * A libp2p peer id: the multihash of the peer's protobuf-encoded public key, inlined as an identity
 * multihash when the encoding has at most {@link #MAX_INLINE_KEY_LENGTH} bytes, sha2-256 otherwise.
 * {@link #toString()} gives the base58btc text ({@code 16Uiu2H…} for secp256k1 keys).
 *
 * @param multihash the multihash bytes
 */
public record PeerId(byte[] multihash) {

  /** Encoded keys up to this length are inlined (identity multihash). */
  public static final int MAX_INLINE_KEY_LENGTH = 42;
  /** Multihash code of the identity hash. */
  public static final int IDENTITY = 0x00;
  /** Multihash code of sha2-256. */
  public static final int SHA2_256 = 0x12;
  /** CID codec {@code libp2p-key}. */
  public static final int LIBP2P_KEY_CODEC = 0x72;
  private static final int SHA2_256_LENGTH = 32;
  private static final int CID_VERSION = 1;

  /**
   * Validates and copies the multihash.
   *
   * @param multihash an identity (≤ 42 bytes of digest) or sha2-256 multihash
   */
  public PeerId {
    multihash = multihash.clone();
    String problem = checkMultihash(multihash);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /**
   * The peer id of a public key.
   *
   * @param key the key
   * @return its id
   */
  public static PeerId fromPublicKey(PublicKey key) {
    byte[] encoded = key.marshal();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] digest;
    if (encoded.length <= MAX_INLINE_KEY_LENGTH) {
      out.write(IDENTITY);
      digest = encoded;
    } else {
      out.write(SHA2_256);
      digest = sha256(encoded);
    }
    out.writeBytes(Varint.encode(digest.length));
    out.writeBytes(digest);
    return new PeerId(out.toByteArray());
  }

  /**
   * Decodes a multihash (as carried in a {@code /p2p} multiaddr component).
   *
   * @param multihash the bytes
   * @return the id
   * @throws PeerIdException when they are not a supported multihash
   */
  public static PeerId fromBytes(byte[] multihash) throws PeerIdException {
    String problem = checkMultihash(multihash);
    if (problem != null) {
      throw new PeerIdException(problem, null);
    }
    return new PeerId(multihash);
  }

  /**
   * Parses the text form: base58btc ({@code 16Uiu2…}, {@code 12D3Koo…}, {@code Qm…}) or a CIDv1 with
   * codec libp2p-key in multibase base32 ({@code b…}) or base58btc ({@code z…}).
   *
   * @param text the text
   * @return the id
   * @throws PeerIdException when it is not a peer id
   */
  public static PeerId parse(String text) throws PeerIdException {
    if (text == null || text.isEmpty()) {
      throw new PeerIdException("peer id is empty", null);
    }
    try {
      if (text.startsWith("1") || text.startsWith("Qm")) {
        return fromBytes(Base58.decode(text));
      }
      byte[] cid;
      if (text.charAt(0) == 'b' || text.charAt(0) == 'B') {
        cid = Base32.decode(text.substring(1));
      } else if (text.charAt(0) == 'z') {
        cid = Base58.decode(text.substring(1));
      } else {
        throw new PeerIdException("'" + abbreviate(text) + "' is not a peer id: expected base58btc "
            + "(16Uiu2…) or a CIDv1 (b…/z…)", null);
      }
      Varint.Decoded version = Varint.readComplete(cid, 0);
      Varint.Decoded codec = Varint.readComplete(cid, version.length());
      if (version.value() != CID_VERSION || codec.value() != LIBP2P_KEY_CODEC) {
        throw new PeerIdException("CID '" + abbreviate(text)
            + "' is not a CIDv1 with codec libp2p-key (0x72)", null);
      }
      return fromBytes(Arrays.copyOfRange(cid, version.length() + codec.length(), cid.length));
    } catch (EncodingException e) {
      throw new PeerIdException("'" + abbreviate(text) + "' is not a peer id: " + e.getMessage(),
          e);
    }
  }

  private static String checkMultihash(byte[] mh) {
    try {
      Varint.Decoded code = Varint.readComplete(mh, 0);
      Varint.Decoded len = Varint.readComplete(mh, code.length());
      int digestLength = mh.length - code.length() - len.length();
      if (len.value() != digestLength) {
        return "multihash length " + len.value() + " does not match its " + digestLength
            + " digest bytes";
      }
      if (code.value() == IDENTITY) {
        return digestLength <= MAX_INLINE_KEY_LENGTH ? null
            : "identity multihash longer than " + MAX_INLINE_KEY_LENGTH + " bytes";
      }
      if (code.value() == SHA2_256) {
        return digestLength == SHA2_256_LENGTH ? null : "sha2-256 multihash must be 32 bytes";
      }
      return "multihash code 0x" + Long.toHexString(code.value())
          + " is not a peer id hash (identity or sha2-256)";
    } catch (EncodingException e) {
      return "malformed multihash: " + e.getMessage();
    }
  }

  /**
   * The public key inlined in an identity-multihash id.
   *
   * @return the key, or empty for sha2-256 ids or undecodable keys
   */
  public Optional<PublicKey> extractPublicKey() {
    if (multihash[0] != IDENTITY) {
      return Optional.empty();
    }
    try {
      Varint.Decoded len = Varint.readComplete(multihash, 1);
      return Optional.of(PublicKey.unmarshal(
          Arrays.copyOfRange(multihash, 1 + len.length(), multihash.length)));
    } catch (EncodingException | KeyException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether this id belongs to {@code key}.
   *
   * @param key a public key
   * @return true when {@code fromPublicKey(key)} equals this
   */
  public boolean matches(PublicKey key) {
    return equals(fromPublicKey(key));
  }

  /**
   * The multihash bytes.
   *
   * @return a copy
   */
  @Override
  public byte[] multihash() {
    return multihash.clone();
  }

  /**
   * The CIDv1 text in base32 ({@code bafz…}).
   *
   * @return the CID text
   */
  public String toCidString() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(Varint.encode(CID_VERSION));
    out.writeBytes(Varint.encode(LIBP2P_KEY_CODEC));
    out.writeBytes(multihash);
    return "b" + Base32.encode(out.toByteArray());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PeerId p && Arrays.equals(multihash, p.multihash);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(multihash);
  }

  /** The base58btc text. */
  @Override
  public String toString() {
    return Base58.encode(multihash);
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }
}
