package io.parsigex.libp2p.crypto;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.parsigex.proto.libp2p.CryptoProto;

/** A libp2p public key of a remote or local peer. */
public sealed interface PublicKey permits Secp256k1PublicKey, Ed25519PublicKey {

  /** Largest encoded key accepted by {@link #unmarshal}; secp256k1 is 37 bytes, Ed25519 36. */
  int MAX_ENCODED_LENGTH = 1024;

  /**
   * The key type.
   *
   * @return its type
   */
  KeyType type();

  /**
   * The key's own bytes (33-byte compressed point, or 32-byte Ed25519 key).
   *
   * @return a copy
   */
  byte[] raw();

  /**
   * Verifies a signature made by the matching private key.
   *
   * @param message the signed bytes
   * @param signature the signature (DER ECDSA for secp256k1, 64 bytes for Ed25519)
   * @return whether it is valid; malformed signatures are simply invalid
   */
  boolean verify(byte[] message, byte[] signature);

  /**
   * The libp2p protobuf encoding {@code PublicKey{type, data}}.
   *
   * @return the encoded key
   */
  default byte[] marshal() {
    return CryptoProto.PublicKey.newBuilder()
        .setType(CryptoProto.KeyType.forNumber(type().code()))
        .setData(ByteString.copyFrom(raw()))
        .build()
        .toByteArray();
  }

  /**
   * Decodes a libp2p protobuf public key.
   *
   * @param encoded the protobuf bytes
   * @return the key
   * @throws KeyException.Malformed for bad bytes
   * @throws KeyException.Unsupported for RSA and ECDSA keys
   */
  static PublicKey unmarshal(byte[] encoded) throws KeyException {
    if (encoded == null || encoded.length > MAX_ENCODED_LENGTH) {
      throw new KeyException.Malformed("encoded public key is missing or longer than "
          + MAX_ENCODED_LENGTH + " bytes");
    }
    CryptoProto.PublicKey pb;
    try {
      pb = CryptoProto.PublicKey.parseFrom(encoded);
    } catch (InvalidProtocolBufferException e) {
      throw new KeyException.Malformed("public key is not a libp2p PublicKey protobuf", e);
    }
    byte[] data = pb.getData().toByteArray();
    return switch (pb.getType()) {
      // As go-libp2p (UnmarshalSecp256k1PublicKey parses any SEC1 form decred accepts): peers
      // send compressed keys, but uncompressed and hybrid ones are valid too. The key re-marshals
      // compressed, so the peer id is the one Go derives.
      case Secp256k1 -> Secp256k1PublicKey.fromSec1(data);
      case Ed25519 -> Ed25519PublicKey.fromBytes(data);
      default -> throw new KeyException.Unsupported(
          "public key type " + pb.getType() + " is not supported (secp256k1 and Ed25519 are)");
    };
  }
}
