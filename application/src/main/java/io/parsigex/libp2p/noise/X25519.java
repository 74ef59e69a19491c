package io.parsigex.libp2p.noise;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.KeyAgreement;

/** JDK X25519 with raw 32-byte little-endian public keys, as Noise puts them on the wire. */
final class X25519 {

  static final int KEY_LENGTH = 32;

  /** A key pair with its raw public key. */
  record KeyPairRaw(PrivateKey privateKey, byte[] publicKey) {
    KeyPairRaw {
      publicKey = publicKey.clone();
    }

    @Override
    public byte[] publicKey() {
      return publicKey.clone();
    }
  }

  private X25519() {}

  static KeyPairRaw generate(SecureRandom random) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("X25519");
      g.initialize(NamedParameterSpec.X25519, random);
      KeyPair kp = g.generateKeyPair();
      BigInteger u = ((XECPublicKey) kp.getPublic()).getU();
      return new KeyPairRaw(kp.getPrivate(), toLittleEndian(u));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks X25519", e);
    }
  }

  /**
   * The shared secret of our private key and a raw remote public key.
   *
   * @throws NoiseException.HandshakeFailed for a low-order remote point (all-zero result)
   */
  static byte[] dh(PrivateKey ours, byte[] theirs) throws NoiseException {
    try {
      byte[] masked = theirs.clone();
      masked[KEY_LENGTH - 1] &= 0x7F;
      BigInteger u = new BigInteger(1, reverse(masked));
      KeyFactory kf = KeyFactory.getInstance("X25519");
      java.security.PublicKey pub = kf.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519,
          u));
      KeyAgreement ka = KeyAgreement.getInstance("X25519");
      ka.init(ours);
      ka.doPhase(pub, true);
      byte[] secret = ka.generateSecret();
      int acc = 0;
      for (byte b : secret) {
        acc |= b;
      }
      if (acc == 0) {
        throw new NoiseException.HandshakeFailed("peer's X25519 key has small order", null);
      }
      return secret;
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new NoiseException.HandshakeFailed("X25519 with the peer's key failed: "
          + e.getMessage(), e);
    }
  }

  private static byte[] toLittleEndian(BigInteger u) {
    byte[] be = u.toByteArray();
    byte[] out = new byte[KEY_LENGTH];
    for (int i = 0; i < KEY_LENGTH && i < be.length; i++) {
      out[i] = be[be.length - 1 - i];
    }
    return out;
  }

  private static byte[] reverse(byte[] b) {
    byte[] r = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      r[i] = b[b.length - 1 - i];
    }
    return r;
  }
}
