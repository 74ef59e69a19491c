package io.parsigex.libp2p.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parsigex.testsupport.TestSeed;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.util.Arrays;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestSeed.class)
class Secp256k1KeysTest {

  private static final BigInteger N = new BigInteger(
      "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

  @Test
  void signaturesAreLowSAndVerify() throws Exception {
    long seed = TestSeed.seed("Secp256k1KeysTest.signaturesAreLowSAndVerify");
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
      // the compact form over the SHA-256 digest is the same r and s
      BigInteger r = ASN1Integer.getInstance(seq.getObjectAt(0)).getValue();
      assertThat(k.signDigest(MessageDigest.getInstance("SHA-256").digest(msg)))
          .as("seed %d", seed).isEqualTo(Arrays.concatenate(
              BigIntegers.asUnsignedByteArray(32, r), BigIntegers.asUnsignedByteArray(32, s)));
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
    long seed = TestSeed.seed("Secp256k1KeysTest.garbageSignaturesAreInvalidNotExceptions");
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
  void anUncompressedOrHybridKeyInTheProtobufIsTheSameKeyWithTheSamePeerId() throws Exception {
    Secp256k1PublicKey pub = Secp256k1PrivateKey.generate(new SecureRandom()).publicKey();
    byte[] uncompressed = pub.uncompressed();
    byte[] hybrid = uncompressed.clone();
    hybrid[0] = (byte) ((uncompressed[64] & 1) == 0 ? 0x06 : 0x07);
    for (byte[] form : new byte[][] {uncompressed, hybrid}) {
      byte[] pb = io.parsigex.proto.libp2p.CryptoProto.PublicKey.newBuilder()
          .setType(io.parsigex.proto.libp2p.CryptoProto.KeyType.Secp256k1)
          .setData(com.google.protobuf.ByteString.copyFrom(form)).build().toByteArray();
      PublicKey decoded = PublicKey.unmarshal(pb);
      assertThat(decoded).isEqualTo(pub);
      assertThat(io.parsigex.libp2p.peer.PeerId.fromPublicKey(decoded))
          .isEqualTo(io.parsigex.libp2p.peer.PeerId.fromPublicKey(pub));
      assertThat(decoded.marshal()).as("re-marshals compressed").isEqualTo(pub.marshal());
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
    long seed = TestSeed.seed("Secp256k1KeysTest.randomProtobufBytesNeverThrowUnchecked");
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
  void malformedDigestSignaturesAreInvalidNotExceptions() throws Exception {
    Secp256k1PrivateKey k = Secp256k1PrivateKey.generate(new SecureRandom());
    byte[] digest = new byte[32];
    byte[] good = k.signDigest(digest);
    Secp256k1PublicKey pub = k.publicKey();
    assertThat(pub.verifyDigest(digest, good)).isTrue();
    assertThat(good).hasSize(Secp256k1.COMPACT_SIGNATURE_LENGTH);
    assertThatThrownBy(() -> k.signDigest(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32-byte digests");
    assertThat(pub.verifyDigest(new byte[31], good)).isFalse();
    assertThat(pub.verifyDigest(digest, Arrays.copyOf(good, 63))).isFalse();
    assertThat(pub.verifyDigest(digest, Arrays.copyOf(good, 65))).isFalse();
    assertThat(pub.verifyDigest(digest, new byte[64])).isFalse();
    byte[] sIsN = good.clone();
    System.arraycopy(BigIntegers.asUnsignedByteArray(32, N), 0, sIsN, 32, 32);
    assertThat(pub.verifyDigest(digest, sIsN)).isFalse();
    long seed = TestSeed.seed("Secp256k1KeysTest.malformedDigestSignaturesAreInvalidNotExceptions");
    Random rnd = new Random(seed);
    for (int i = 0; i < 500; i++) {
      byte[] sig = new byte[64];
      rnd.nextBytes(sig);
      assertThat(pub.verifyDigest(digest, sig)).as("seed %d", seed).isFalse();
    }
  }

  @Test
  void sec1EncodingsOfTheGeneratorDecodeToTheSameKey() throws Exception {
    // private key 1 is the generator G, whose coordinates SEC 2 publishes
    String gx = "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";
    String gy = "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8";
    Secp256k1PublicKey g = Secp256k1PrivateKey.fromBytes(
        HexFormat.of().parseHex("00".repeat(31) + "01")).publicKey();
    assertThat(HexFormat.of().formatHex(g.compressed())).isEqualTo("02" + gx);
    assertThat(HexFormat.of().formatHex(g.uncompressed())).isEqualTo("04" + gx + gy);
    assertThat(Secp256k1PublicKey.fromSec1(g.compressed())).isEqualTo(g);
    assertThat(Secp256k1PublicKey.fromSec1(g.uncompressed())).isEqualTo(g);
    // the X9.62 hybrid form carries the parity of y in its prefix (y is even here)
    assertThat(Secp256k1PublicKey.fromSec1(HexFormat.of().parseHex("06" + gx + gy))).isEqualTo(g);
    assertThatThrownBy(() -> Secp256k1PublicKey.fromSec1(HexFormat.of().parseHex("07" + gx + gy)))
        .isInstanceOf(KeyException.Malformed.class);
    // y + 1 is not on the curve
    String offCurve = "04" + gx + gy.substring(0, 63) + "9";
    assertThatThrownBy(() -> Secp256k1PublicKey.fromSec1(HexFormat.of().parseHex(offCurve)))
        .isInstanceOf(KeyException.Malformed.class);
    assertThatThrownBy(() -> Secp256k1PublicKey.fromSec1(HexFormat.of().parseHex("04" + gx)))
        .isInstanceOf(KeyException.Malformed.class);
    assertThatThrownBy(() -> Secp256k1PublicKey.fromSec1(new byte[64]))
        .isInstanceOf(KeyException.Malformed.class).hasMessageContaining("64 bytes");
  }

  @Test
  void randomSec1BytesNeverThrowUnchecked() {
    long seed = TestSeed.seed("Secp256k1KeysTest.randomSec1BytesNeverThrowUnchecked");
    Random rnd = new Random(seed);
    int[] lengths = {0, 1, 32, 33, 64, 65, 66};
    for (int i = 0; i < 3000; i++) {
      byte[] b = new byte[lengths[rnd.nextInt(lengths.length)]];
      rnd.nextBytes(b);
      if (b.length > 0 && i % 2 == 0) {
        b[0] = (byte) (2 + rnd.nextInt(6)); // 02..07: the prefixes SEC1 and X9.62 define
      }
      try {
        Secp256k1PublicKey.fromSec1(b);
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

  @Test
  void keyFileTextWithNonAsciiDigitsIsATypedError() {
    // Character.digit accepts these as hex digits; the file format does not
    for (String digit : new String[] {"\u0663", "\uff11", "\u0967"}) {
      assertThatThrownBy(() -> KeyFile.parse(digit.repeat(64), "k"))
          .isInstanceOf(KeyException.KeyFile.class).hasMessageContaining("hex characters only");
    }
  }
}
