package io.parsigex.libp2p.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parsigex.testsupport.TestSeed;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The secp256k1 key encodings {@link Secp256k1PublicKey#fromSec1} accepts must be exactly those Go
 * Charon's ENR parser accepts (decred {@code ParsePubKey}): compressed 02/03, uncompressed 04,
 * hybrid 06/07 with matching parity; coordinates below p; the point on the curve. The reference
 * here is an independent model of those rules in plain {@link BigInteger} arithmetic (no
 * BouncyCastle), checked against the implementation on structured random inputs.
 */
@ExtendWith(TestSeed.class)
class Sec1EncodingTest {

  /** The field prime, from its definition in SEC 2: 2^256 - 2^32 - 977. */
  private static final BigInteger P = BigInteger.TWO.pow(256).subtract(BigInteger.TWO.pow(32))
      .subtract(BigInteger.valueOf(977));
  private static final BigInteger SEVEN = BigInteger.valueOf(7);
  private static final int COORD = 32;
  private static final int ROUNDS = 2000;

  @Test
  void everyAcceptedEncodingOfARandomKeyDecodesToThatKey() throws Exception {
    long seed = TestSeed.seed("Sec1EncodingTest.everyAcceptedEncodingOfARandomKeyDecodesToThatKey");
    Random rnd = new Random(seed);
    for (int i = 0; i < 50; i++) {
      Secp256k1PublicKey key = randomKey(rnd);
      byte[] u = key.uncompressed();
      boolean odd = (u[64] & 1) == 1;
      byte[] hybrid = u.clone();
      hybrid[0] = (byte) (odd ? 0x07 : 0x06);
      for (byte[] form : new byte[][] {key.compressed(), u, hybrid}) {
        assertThat(Secp256k1PublicKey.fromSec1(form)).as("seed %d", seed).isEqualTo(key);
      }
      assertThat(Sec1Encoding.of(key.compressed())).as("seed %d", seed)
          .hasValue(odd ? Sec1Encoding.COMPRESSED_ODD : Sec1Encoding.COMPRESSED_EVEN);
      assertThat(Sec1Encoding.of(u)).hasValue(Sec1Encoding.UNCOMPRESSED);
      assertThat(Sec1Encoding.of(hybrid)).as("seed %d", seed)
          .hasValue(odd ? Sec1Encoding.HYBRID_ODD : Sec1Encoding.HYBRID_EVEN);
      // the other hybrid prefix states the wrong parity
      byte[] wrongParity = hybrid.clone();
      wrongParity[0] = (byte) (odd ? 0x06 : 0x07);
      assertThatThrownBy(() -> Secp256k1PublicKey.fromSec1(wrongParity)).as("seed %d", seed)
          .isInstanceOf(KeyException.Malformed.class)
          .hasMessageContaining(odd ? "hybrid (0x06)" : "hybrid (0x07)")
          .hasMessageContaining("prefix says " + (odd ? "even" : "odd"));
    }
  }

  @Test
  void refusedEncodingsNameTheirFault() throws Exception {
    Secp256k1PublicKey key = randomKey(new Random(1));
    byte[] u = key.uncompressed();
    // 0x05 is named in decred's doc comment but refused by its code, as here
    for (int prefix : new int[] {0x00, 0x01, 0x05, 0x08, 0x02, 0x03, 0xff}) {
      byte[] b = u.clone();
      b[0] = (byte) prefix;
      assertThatThrownBy(() -> Secp256k1PublicKey.fromSec1(b))
          .isInstanceOf(KeyException.Malformed.class)
          .hasMessageContaining(String.format("got 0x%02x", prefix))
          .hasMessageContaining("0x04 (uncompressed) or 0x06/0x07 (hybrid)");
    }
    for (int prefix : new int[] {0x00, 0x04, 0x06, 0x07}) {
      byte[] b = key.compressed();
      b[0] = (byte) prefix;
      assertThatThrownBy(() -> Secp256k1PublicKey.fromSec1(b))
          .isInstanceOf(KeyException.Malformed.class)
          .hasMessageContaining("0x02 or 0x03 (compressed)");
    }
    for (int len : new int[] {0, 1, 32, 34, 64, 66, 97}) {
      byte[] b = Arrays.copyOf(u, len);
      assertThatThrownBy(() -> Secp256k1PublicKey.fromSec1(b))
          .isInstanceOf(KeyException.Malformed.class).hasMessageContaining(len + " bytes");
    }
    assertThatThrownBy(() -> Secp256k1PublicKey.fromSec1(null))
        .isInstanceOf(KeyException.Malformed.class);
    // x = p (and the same y): x is checked first, as Go does
    byte[] xIsP = u.clone();
    System.arraycopy(fixed(P), 0, xIsP, 1, COORD);
    assertThatThrownBy(() -> Secp256k1PublicKey.fromSec1(xIsP))
        .isInstanceOf(KeyException.Malformed.class)
        .hasMessageContaining("uncompressed (0x04)").hasMessageContaining("x is not below");
    byte[] compressedXIsP = Arrays.copyOf(xIsP, 33);
    compressedXIsP[0] = 0x02;
    assertThatThrownBy(() -> Secp256k1PublicKey.fromSec1(compressedXIsP))
        .isInstanceOf(KeyException.Malformed.class)
        .hasMessageContaining("compressed (0x02)").hasMessageContaining("x is not below");
    byte[] yIsP = u.clone();
    System.arraycopy(fixed(P), 0, yIsP, 1 + COORD, COORD);
    yIsP[0] = 0x07; // p is odd: the parity would match, so the range check must refuse it
    assertThatThrownBy(() -> Secp256k1PublicKey.fromSec1(yIsP))
        .isInstanceOf(KeyException.Malformed.class)
        .hasMessageContaining("hybrid (0x07)").hasMessageContaining("y is not below");
  }

  @Test
  void pointsOffTheCurveAreRefusedInEveryEncoding() throws Exception {
    Secp256k1PublicKey key = randomKey(new Random(2));
    byte[] u = key.uncompressed();
    BigInteger x = new BigInteger(1, Arrays.copyOfRange(u, 1, 33));
    BigInteger y = new BigInteger(1, Arrays.copyOfRange(u, 33, 65));
    // y + 2 keeps the parity, so only the curve equation can refuse it
    byte[] off = u.clone();
    System.arraycopy(fixed(y.add(BigInteger.TWO).mod(P)), 0, off, 1 + COORD, COORD);
    for (int prefix : new int[] {0x04, y.testBit(0) ? 0x07 : 0x06}) {
      off[0] = (byte) prefix;
      byte[] b = off.clone();
      assertThatThrownBy(() -> Secp256k1PublicKey.fromSec1(b))
          .isInstanceOf(KeyException.Malformed.class)
          .hasMessageContaining(String.format("(0x%02x)", prefix))
          .hasMessageContaining("not on the curve");
    }
    // an x whose x^3 + 7 has no square root mod p
    BigInteger bad = x;
    while (modelSqrt(bad).isPresent()) {
      bad = bad.add(BigInteger.ONE);
    }
    byte[] c = new byte[33];
    c[0] = 0x03;
    System.arraycopy(fixed(bad), 0, c, 1, COORD);
    assertThatThrownBy(() -> Secp256k1PublicKey.fromSec1(c))
        .isInstanceOf(KeyException.Malformed.class)
        .hasMessageContaining("compressed (0x03)").hasMessageContaining("not the x coordinate");
  }

  @Test
  void acceptsExactlyWhatTheModelOfGoAccepts() throws Exception {
    long seed = TestSeed.seed("Sec1EncodingTest.acceptsExactlyWhatTheModelOfGoAccepts");
    Random rnd = new Random(seed);
    int accepted = 0;
    for (int i = 0; i < ROUNDS; i++) {
      byte[] in = structuredInput(rnd);
      Optional<BigInteger[]> want = model(in);
      Secp256k1PublicKey got = null;
      try {
        got = Secp256k1PublicKey.fromSec1(in);
      } catch (KeyException e) {
        // refused: compared below
      } catch (RuntimeException e) {
        throw new AssertionError("seed " + seed + " input " + HexFormat.of().formatHex(in), e);
      }
      String where = "seed " + seed + " input " + HexFormat.of().formatHex(in);
      assertThat(got != null).as(where).isEqualTo(want.isPresent());
      if (got != null) {
        accepted++;
        BigInteger[] xy = want.orElseThrow();
        byte[] expect = new byte[33];
        expect[0] = (byte) (xy[1].testBit(0) ? 0x03 : 0x02);
        System.arraycopy(fixed(xy[0]), 0, expect, 1, COORD);
        assertThat(got.compressed()).as(where).isEqualTo(expect);
      }
    }
    // the generator must reach both outcomes often enough to mean something
    assertThat(accepted).as("seed %d", seed).isBetween(ROUNDS / 10, ROUNDS - ROUNDS / 10);
  }

  /** Go's rules (decred ParsePubKey) in plain arithmetic: the point (x, y), or empty. */
  private static Optional<BigInteger[]> model(byte[] in) {
    if (in.length != 33 && in.length != 65) {
      return Optional.empty();
    }
    int prefix = in[0] & 0xff;
    BigInteger x = new BigInteger(1, Arrays.copyOfRange(in, 1, 33));
    if (x.compareTo(P) >= 0) {
      return Optional.empty();
    }
    if (in.length == 33) {
      if (prefix != 2 && prefix != 3) {
        return Optional.empty();
      }
      Optional<BigInteger> root = modelSqrt(x);
      if (root.isEmpty()) {
        return Optional.empty();
      }
      BigInteger y = root.get().testBit(0) == (prefix == 3) ? root.get() : P.subtract(root.get());
      return Optional.of(new BigInteger[] {x, y});
    }
    if (prefix != 4 && prefix != 6 && prefix != 7) {
      return Optional.empty();
    }
    BigInteger y = new BigInteger(1, Arrays.copyOfRange(in, 33, 65));
    if (y.compareTo(P) >= 0 || (prefix != 4 && y.testBit(0) != (prefix == 7))) {
      return Optional.empty();
    }
    boolean onCurve = y.multiply(y).mod(P).equals(x.pow(3).add(SEVEN).mod(P));
    return onCurve ? Optional.of(new BigInteger[] {x, y}) : Optional.empty();
  }

  /** A square root of x^3 + 7 mod p (p = 3 mod 4), or empty when there is none. */
  private static Optional<BigInteger> modelSqrt(BigInteger x) {
    BigInteger rhs = x.pow(3).add(SEVEN).mod(P);
    BigInteger r = rhs.modPow(P.add(BigInteger.ONE).shiftRight(2), P);
    return r.multiply(r).mod(P).equals(rhs) ? Optional.of(r) : Optional.empty();
  }

  /** Inputs near the accepted set: real points, altered prefixes, coordinates, lengths. */
  private static byte[] structuredInput(Random rnd) {
    byte[] u = randomKey(rnd).uncompressed();
    int kind = rnd.nextInt(8);
    byte[] b;
    switch (kind) {
      case 0 -> b = Arrays.copyOf(u, 33); // a real x, any prefix below
      case 1 -> {
        b = new byte[33]; // a random x: about half have a point
        rnd.nextBytes(b);
      }
      case 2 -> {
        b = u.clone(); // a random y: off the curve
        byte[] y = new byte[COORD];
        rnd.nextBytes(y);
        System.arraycopy(y, 0, b, 1 + COORD, COORD);
      }
      case 3 -> {
        b = u.clone(); // x near or above p
        BigInteger near = P.add(BigInteger.valueOf(rnd.nextInt(64) - 32));
        byte[] x = fixed(near);
        System.arraycopy(x, 0, b, 1, COORD);
      }
      case 4 -> b = Arrays.copyOf(u, rnd.nextBoolean() ? 64 : 66);
      default -> b = u.clone(); // a real point under any prefix
    }
    if (b.length > 0) {
      b[0] = (byte) (rnd.nextInt(10) == 0 ? rnd.nextInt(256) : rnd.nextInt(9));
    }
    return b;
  }

  private static Secp256k1PublicKey randomKey(Random rnd) {
    while (true) {
      byte[] k = new byte[32];
      rnd.nextBytes(k);
      BigInteger s = new BigInteger(1, k);
      if (s.signum() > 0 && s.compareTo(Secp256k1.N) < 0) {
        try {
          return Secp256k1PrivateKey.fromBytes(k).publicKey();
        } catch (KeyException e) {
          throw new AssertionError("a scalar in [1, n) is a private key", e);
        }
      }
    }
  }

  private static byte[] fixed(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[COORD];
    int n = Math.min(raw.length, COORD);
    System.arraycopy(raw, raw.length - n, out, COORD - n, n);
    return out;
  }
}
