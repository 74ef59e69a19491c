package io.parsigex.libp2p.noise;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.parsigex.libp2p.crypto.KeyException;
import io.parsigex.libp2p.crypto.PublicKey;
import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.proto.libp2p.NoiseProto;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A sans-IO libp2p Noise XX handshake for one side. The initiator calls {@link #writeMessage()},
 * {@link #readMessage}, {@link #writeMessage()}; the responder {@link #readMessage},
 * {@link #writeMessage()}, {@link #readMessage}. Then {@link #session()} and the transport ciphers
 * are available. Messages here are Noise messages without the 2-byte length prefix.
 */
public final class NoiseHandshake {

  /** The multistream protocol id of this security transport. */
  public static final String PROTOCOL_ID = "/noise";
  /** The prefix of the signed static-key proof. */
  public static final String SIGNATURE_PREFIX = "noise-libp2p-static-key:";
  /** Largest Noise message (without its length prefix). */
  public static final int MAX_MESSAGE_LENGTH = 65535;
  /** Most muxers accepted from a peer's extensions. */
  public static final int MAX_REMOTE_MUXERS = 16;

  private final boolean initiator;
  private final Secp256k1PrivateKey identity;
  private final X25519.KeyPairRaw staticKey;
  private final List<String> muxers;
  private final Optional<PeerId> expectedRemote;
  private final SecureRandom random;
  private final SymmetricState ss = new SymmetricState();
  private X25519.KeyPairRaw ephemeral;
  private byte[] remoteEphemeral;
  private byte[] remoteStatic;
  private int step;
  private NoiseSession session;
  private NoiseCipher sendCipher;
  private NoiseCipher receiveCipher;

  private NoiseHandshake(boolean initiator, Secp256k1PrivateKey identity, List<String> muxers,
      Optional<PeerId> expectedRemote, SecureRandom random) {
    this.initiator = initiator;
    this.identity = Objects.requireNonNull(identity, "identity");
    this.muxers = List.copyOf(muxers);
    this.expectedRemote = Objects.requireNonNull(expectedRemote, "expectedRemote");
    this.random = Objects.requireNonNull(random, "random");
    this.staticKey = X25519.generate(random);
  }

  /**
   * The dialling side.
   *
   * @param identity our identity key
   * @param muxers the muxers we offer in the extensions, in preference order
   * @param expectedRemote the peer id we dialled; the handshake fails if the responder is another
   * @param random randomness for the ephemeral and static keys
   * @return the handshake
   */
  public static NoiseHandshake initiator(Secp256k1PrivateKey identity, List<String> muxers,
      Optional<PeerId> expectedRemote, SecureRandom random) {
    return new NoiseHandshake(true, identity, muxers, expectedRemote, random);
  }

  /**
   * The accepting side.
   *
   * @param identity our identity key
   * @param muxers the muxers we offer in the extensions
   * @param random randomness for the keys
   * @return the handshake
   */
  public static NoiseHandshake responder(Secp256k1PrivateKey identity, List<String> muxers,
      SecureRandom random) {
    return new NoiseHandshake(false, identity, muxers, Optional.empty(), random);
  }

  /**
   * Whether it is our turn to write.
   *
   * @return true when {@link #writeMessage()} is next
   */
  public boolean isMyTurn() {
    return !isComplete() && (initiator ? step % 2 == 0 : step % 2 == 1);
  }

  /**
   * Whether the handshake finished.
   *
   * @return true after the third message
   */
  public boolean isComplete() {
    return step == 3;
  }

  /**
   * Writes our next handshake message.
   *
   * @return the Noise message (without length prefix)
   * @throws NoiseException when the keys cannot be combined
   */
  public byte[] writeMessage() throws NoiseException {
    if (!isMyTurn()) {
      throw new IllegalStateException("not our turn to write (step " + step + ")");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    switch (step) {
      case 0 -> { // -> e
        ephemeral = X25519.generate(random);
        out.writeBytes(ephemeral.publicKey());
        ss.mixHash(ephemeral.publicKey());
        out.writeBytes(ss.encryptAndHash(new byte[0]));
      }
      case 1 -> { // <- e, ee, s, es
        ephemeral = X25519.generate(random);
        out.writeBytes(ephemeral.publicKey());
        ss.mixHash(ephemeral.publicKey());
        ss.mixKey(X25519.dh(ephemeral.privateKey(), remoteEphemeral));
        out.writeBytes(ss.encryptAndHash(staticKey.publicKey()));
        ss.mixKey(X25519.dh(staticKey.privateKey(), remoteEphemeral));
        out.writeBytes(ss.encryptAndHash(payload()));
      }
      case 2 -> { // -> s, se
        out.writeBytes(ss.encryptAndHash(staticKey.publicKey()));
        ss.mixKey(X25519.dh(staticKey.privateKey(), remoteEphemeral));
        out.writeBytes(ss.encryptAndHash(payload()));
      }
      default -> throw new IllegalStateException("handshake finished");
    }
    step++;
    if (isComplete()) {
      finish();
    }
    return out.toByteArray();
  }

  /**
   * Reads the peer's next handshake message.
   *
   * @param message the Noise message (without length prefix)
   * @throws NoiseException.HandshakeFailed for malformed messages or an invalid identity proof
   * @throws NoiseException.PeerMismatch when the responder is not the dialled peer
   * @throws NoiseException.DecryptFailed when a message fails authentication
   */
  public void readMessage(byte[] message) throws NoiseException {
    if (isMyTurn() || isComplete()) {
      throw new IllegalStateException("not our turn to read (step " + step + ")");
    }
    if (message.length > MAX_MESSAGE_LENGTH) {
      throw new NoiseException.HandshakeFailed("handshake message longer than "
          + MAX_MESSAGE_LENGTH, null);
    }
    int keyLen = X25519.KEY_LENGTH;
    int sealedKeyLen = keyLen + NoiseCipher.TAG_LENGTH;
    switch (step) {
      case 0 -> { // responder reads -> e
        if (message.length < keyLen) {
          throw new NoiseException.HandshakeFailed("first handshake message is "
              + message.length + " bytes, shorter than an X25519 key", null);
        }
        remoteEphemeral = java.util.Arrays.copyOf(message, keyLen);
        ss.mixHash(remoteEphemeral);
        ss.decryptAndHash(message, keyLen, message.length - keyLen);
      }
      case 1 -> { // initiator reads <- e, ee, s, es
        if (message.length < keyLen + sealedKeyLen + NoiseCipher.TAG_LENGTH) {
          throw new NoiseException.HandshakeFailed("second handshake message is too short ("
              + message.length + " bytes)", null);
        }
        remoteEphemeral = java.util.Arrays.copyOf(message, keyLen);
        ss.mixHash(remoteEphemeral);
        ss.mixKey(X25519.dh(ephemeral.privateKey(), remoteEphemeral));
        remoteStatic = ss.decryptAndHash(message, keyLen, sealedKeyLen);
        ss.mixKey(X25519.dh(ephemeral.privateKey(), remoteStatic));
        byte[] payload = ss.decryptAndHash(message, keyLen + sealedKeyLen,
            message.length - keyLen - sealedKeyLen);
        acceptPayload(payload);
      }
      case 2 -> { // responder reads -> s, se
        if (message.length < sealedKeyLen + NoiseCipher.TAG_LENGTH) {
          throw new NoiseException.HandshakeFailed("third handshake message is too short ("
              + message.length + " bytes)", null);
        }
        remoteStatic = ss.decryptAndHash(message, 0, sealedKeyLen);
        ss.mixKey(X25519.dh(ephemeral.privateKey(), remoteStatic));
        byte[] payload = ss.decryptAndHash(message, sealedKeyLen, message.length - sealedKeyLen);
        acceptPayload(payload);
      }
      default -> throw new IllegalStateException("handshake finished");
    }
    step++;
    if (isComplete()) {
      finish();
    }
  }

  private byte[] payload() {
    byte[] toSign = concat(SIGNATURE_PREFIX.getBytes(StandardCharsets.US_ASCII),
        staticKey.publicKey());
    return NoiseProto.NoiseHandshakePayload.newBuilder()
        .setIdentityKey(ByteString.copyFrom(identity.publicKey().marshal()))
        .setIdentitySig(ByteString.copyFrom(identity.sign(toSign)))
        .setExtensions(NoiseProto.NoiseExtensions.newBuilder().addAllStreamMuxers(muxers))
        .build()
        .toByteArray();
  }

  private void acceptPayload(byte[] bytes) throws NoiseException {
    NoiseProto.NoiseHandshakePayload p;
    try {
      p = NoiseProto.NoiseHandshakePayload.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new NoiseException.HandshakeFailed("peer's handshake payload is not a "
          + "NoiseHandshakePayload protobuf", e);
    }
    PublicKey key;
    try {
      key = PublicKey.unmarshal(p.getIdentityKey().toByteArray());
    } catch (KeyException e) {
      throw new NoiseException.HandshakeFailed("peer's identity key: " + e.getMessage(), e);
    }
    byte[] signed = concat(SIGNATURE_PREFIX.getBytes(StandardCharsets.US_ASCII), remoteStatic);
    if (!key.verify(signed, p.getIdentitySig().toByteArray())) {
      throw new NoiseException.HandshakeFailed("peer's signature over its Noise static key is "
          + "invalid", null);
    }
    PeerId remote = PeerId.fromPublicKey(key);
    if (expectedRemote.isPresent() && !expectedRemote.get().equals(remote)) {
      throw new NoiseException.PeerMismatch("dialled " + expectedRemote.get()
          + " but the responder proved to be " + remote);
    }
    List<String> theirs = p.getExtensions().getStreamMuxersList();
    if (theirs.size() > MAX_REMOTE_MUXERS) {
      theirs = theirs.subList(0, MAX_REMOTE_MUXERS);
    }
    session = new NoiseSession(remote, key, theirs, agree(theirs), initiator);
  }

  private Optional<String> agree(List<String> theirs) {
    List<String> first = initiator ? muxers : theirs;
    List<String> second = initiator ? theirs : muxers;
    return first.stream().filter(second::contains).findFirst();
  }

  private void finish() {
    NoiseCipher[] c = ss.split();
    sendCipher = initiator ? c[0] : c[1];
    receiveCipher = initiator ? c[1] : c[0];
  }

  /**
   * Who the peer is, once its payload was read.
   *
   * @return the session facts
   */
  public NoiseSession session() {
    if (!isComplete() || session == null) {
      throw new IllegalStateException("handshake not complete");
    }
    return session;
  }

  NoiseCipher sendCipher() {
    return sendCipher;
  }

  NoiseCipher receiveCipher() {
    return receiveCipher;
  }

  /**
   * The final handshake hash (for tests and channel binding).
   *
   * @return 32 bytes
   */
  public byte[] handshakeHash() {
    return ss.handshakeHash();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
