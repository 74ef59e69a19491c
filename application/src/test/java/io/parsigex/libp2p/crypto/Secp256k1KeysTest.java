package io.parsigex.libp2p.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Secp256k1KeysTest {

  private static final BigInteger N = new BigInteger(
      "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

  @Test
  void signaturesAreLowSAndVerify() throws Exception {
    long seed = new Random().nextLong();
    SecureRandom rnd = SecureRandom.getInstance("SHA1PRNG");
    rnd.setSeed(seed);
    for (int i = 0; i < 100; i++) {
      Secp256k1PrivateKey k = Secp256k1PrivateKey.generate(rnd);
      byte[] msg = new byte[rnd.nextInt(100)];
      rnd.nextBytes(msg);
      byte[] sig = k.sign(msg);
      ASN1Sequence seq = ASN1Sequence.getInstance(sig);
      BigInteger s = ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
      assertThat(s.compareTo(N.shiftRight(1))).as("seed %d", seed).isLessThanOrEqualTo(0);
      assertThat(k.publicKey().verify(msg, sig)).as("seed %d", seed).isTrue();
      byte[] other = msg.clone();
      other = java.util.Arrays.copyOf(other, other.length + 1);
      assertThat(k.publicKey().verify(other, sig)).as("seed %d", seed).isFalse();
      // the high-S twin is still a mathematically valid signature (we accept it on verify)
      byte[] high = new DERSequence(new ASN1Integer[] {
          ASN1Integer.getInstance(seq.getObjectAt(0)), new ASN1Integer(N.subtract(s))})
          .getEncoded();
      assertThat(k.publicKey().verify(msg, high)).as("seed %d", seed).isTrue();
    }
  }

  @Test
  void garbageSignaturesAreInvalidNotExceptions() throws Exception {
    Secp256k1PublicKey pub = Secp256k1PrivateKey.generate(new SecureRandom()).publicKey();
    long seed = new Random().nextLong();
    Random rnd = new Random(seed);
    for (int i = 0; i < 2000; i++) {
      byte[] sig = new byte[rnd.nextInt(80)];
      rnd.nextBytes(sig);
      if (i % 2 == 0 && sig.length > 2) {
        sig[0] = 0x30;
        sig[1] = (byte) (sig.length - 2);
      }
      assertThat(pub.verify(new byte[] {1}, sig)).as("seed %d", seed).isFalse();
    }
  }

  @Test
  void publicKeyProtobufRoundTripAndErrors() throws Exception {
    Secp256k1PublicKey pub = Secp256k1PrivateKey.generate(new SecureRandom()).publicKey();
    byte[] enc = pub.marshal();
    assertThat(enc).hasSize(37);
    assertThat(HexFormat.of().formatHex(enc)).startsWith("08021221");
    assertThat(PublicKey.unmarshal(enc)).isEqualTo(pub);
    assertThatThrownBy(() -> PublicKey.unmarshal(new byte[] {8, 0, 0x12, 1, 1}))
        .isInstanceOf(KeyException.Unsupported.class);
    byte[] offCurve = enc.clone();
    offCurve[5] ^= 0x55;
    offCurve[20] ^= 0x55;
    // either not on the curve or another valid point; never an unchecked exception
    try {
      PublicKey.unmarshal(offCurve);
    } catch (KeyException.Malformed expected) {
      // fine
    }
    assertThatThrownBy(() -> PublicKey.unmarshal(new byte[] {(byte) 0xff, 1}))
        .isInstanceOf(KeyException.Malformed.class);
    assertThatThrownBy(() -> Secp256k1PublicKey.fromCompressed(new byte[33]))
        .isInstanceOf(KeyException.Malformed.class);
  }

  @Test
  void randomProtobufBytesNeverThrowUnchecked() {
    long seed = new Random().nextLong();
    Random rnd = new Random(seed);
    for (int i = 0; i < 5000; i++) {
      byte[] b = new byte[rnd.nextInt(60)];
      rnd.nextBytes(b);
      if (b.length > 4 && i % 2 == 0) {
        b[0] = 8;
        b[1] = (byte) rnd.nextInt(4);
        b[2] = 0x12;
        b[3] = (byte) (b.length - 4);
      }
      try {
        PublicKey.unmarshal(b);
      } catch (KeyException expected) {
        // typed
      } catch (RuntimeException e) {
        throw new AssertionError("seed " + seed, e);
      }
    }
  }

  @Test
  void privateKeyRange() {
    assertThatThrownBy(() -> Secp256k1PrivateKey.fromBytes(new byte[32]))
        .isInstanceOf(KeyException.Malformed.class);
    byte[] n = org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, N);
    assertThatThrownBy(() -> Secp256k1PrivateKey.fromBytes(n))
        .isInstanceOf(KeyException.Malformed.class);
    assertThatThrownBy(() -> Secp256k1PrivateKey.fromBytes(new byte[31]))
        .isInstanceOf(KeyException.Malformed.class);
  }

  @Test
  void charonKeyFileFormats(@TempDir Path dir) throws Exception {
    String hex = "0101010101010101010101010101010101010101010101010101010101010101";
    for (String content : new String[] {hex, hex + "\n", "0x" + hex, "0x" + hex + "\n",
        hex.toUpperCase()}) {
      Path f = dir.resolve("charon-enr-private-key");
      Files.writeString(f, content, StandardCharsets.US_ASCII);
      Secp256k1PrivateKey k = KeyFile.load(f);
      assertThat(KeyFile.format(k)).isEqualTo(hex);
    }
    for (String bad : new String[] {"", hex.substring(2), hex + "00", "zz" + hex.substring(2),
        " " + hex, hex + "\n\n", "0x" + "0".repeat(64)}) {
      Path f = dir.resolve("bad");
      Files.writeString(f, bad, StandardCharsets.US_ASCII);
      assertThatThrownBy(() -> KeyFile.load(f)).as(bad).isInstanceOf(KeyException.KeyFile.class);
    }
    assertThatThrownBy(() -> KeyFile.load(dir.resolve("missing")))
        .isInstanceOf(KeyException.KeyFile.class).hasMessageContaining("cannot read");
  }
}
