package io.parsigex.plugins.example;

import io.parsigex.api.Eth2Signing;
import io.parsigex.api.SignedData;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * The example payload: a short text message and the BLS signature over it. Immutable.
 *
 * @param message the text, at most {@value #MAX_MESSAGE_LENGTH} characters
 * @param signature the 96-byte signature
 */
public record SignedMessage(String message, byte[] signature) implements SignedData {

  /** Longest message accepted. */
  public static final int MAX_MESSAGE_LENGTH = 1024;

  /** Length of a BLS signature. */
  public static final int SIGNATURE_LENGTH = 96;

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException for an over-long message or a signature of the wrong length
   */
  public SignedMessage {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(signature, "signature");
    if (message.length() > MAX_MESSAGE_LENGTH) {
      throw new IllegalArgumentException("a message has at most " + MAX_MESSAGE_LENGTH
          + " characters, got " + message.length());
    }
    if (signature.length != SIGNATURE_LENGTH) {
      throw new IllegalArgumentException("a signature has 96 bytes, got " + signature.length);
    }
    signature = signature.clone();
  }

  @Override
  public String typeName() {
    return "SignedMessage";
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /**
   * Not an Ethereum consensus object, so a BLS verifier plugin refuses it; an application using
   * this payload ships its own verifier.
   */
  @Override
  public Optional<Eth2Signing> eth2Signing(long slotsPerEpoch) {
    return Optional.empty();
  }

  @Override
  public String toCharonJson() {
    return "{\"message\":" + MiniJson.quote(message) + ",\"signature\":\"0x"
        + HexFormat.of().formatHex(signature) + "\"}";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedMessage m && message.equals(m.message)
        && java.util.Arrays.equals(signature, m.signature);
  }

  @Override
  public int hashCode() {
    return 31 * message.hashCode() + java.util.Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "SignedMessage[" + message + "]";
  }
}
