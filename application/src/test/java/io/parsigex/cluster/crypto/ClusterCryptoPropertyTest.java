package io.parsigex.cluster.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.parsigex.cluster.enr.EnrException;
import io.parsigex.cluster.enr.Rlp;
import io.parsigex.libp2p.crypto.KeyException;
import io.parsigex.libp2p.crypto.Secp256k1;
import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.testsupport.TestSeed;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestSeed.class)
class ClusterCryptoPropertyTest {

  private static final HexFormat HEX = HexFormat.of();

  @Test
  void keccakMatchesKnownVectors() {
    assertThat(HEX.formatHex(Keccak256.hash(new byte[0])))
        .isEqualTo("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    assertThat(HEX.formatHex(Keccak256.hash("abc".getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
  }

  @Test
  void knownKeyGivesItsEthereumAddress() throws KeyException {
    // private key 1: the generator point; its address is well known.
    Secp256k1PrivateKey one = Secp256k1PrivateKey.fromBytes(HEX.parseHex("00".repeat(31) + "01"));
    assertThat(HEX.formatHex(EthereumAddress.of(one.publicKey())))
        .isEqualTo("7e5f4552091a69125d5dfcb7b8c2659029395bdf");
  }

  @Test
  void signaturesRecoverTheirSignerAndAreLowS() {
    long seed = TestSeed.seed("ClusterCryptoPropertyTest.signaturesRecoverTheirSignerAndAreLowS");
    Random rnd = new Random(seed);
    BigInteger halfN = Secp256k1.N.shiftRight(1);
    try {
      for (int i = 0; i < 100; i++) {
        byte[] k = new byte[32];
        rnd.nextBytes(k);
        Secp256k1PrivateKey key;
        try {
          key = Secp256k1PrivateKey.fromBytes(k);
        } catch (KeyException outOfRange) {
          continue;
        }
        byte[] digest = new byte[32];
        rnd.nextBytes(digest);
        byte[] sig = RecoverableSignatures.sign(key, digest);
        assertThat(new BigInteger(1, java.util.Arrays.copyOfRange(sig, 32, 64))).isLessThanOrEqualTo(halfN);
        assertThat(Secp256k1Recovery.recover(digest, sig)).contains(key.publicKey());
        byte[] ethStyle = sig.clone();
        ethStyle[64] += 27;
        assertThat(Secp256k1Recovery.recover(digest, ethStyle)).contains(key.publicKey());
        assertThat(key.publicKey().verifyDigest(digest, key.signDigest(digest))).isTrue();
        digest[rnd.nextInt(32)] ^= 1;
        assertThat(key.publicKey().verifyDigest(digest, key.signDigest(new byte[32])))
            .isFalse();
        assertThat(Secp256k1Recovery.recover(digest, sig)).isNotEqualTo(java.util.Optional.of(key.publicKey()));
        byte[] badV = sig.clone();
        badV[64] = 5;
        assertThat(Secp256k1Recovery.recover(digest, badV)).isEmpty();
      }
    } catch (AssertionError | RuntimeException e) {
      fail("seed " + seed + ": " + e, e);
    }
  }

  @Test
  void rlpListsRoundTrip() throws EnrException {
    long seed = TestSeed.seed("ClusterCryptoPropertyTest.rlpListsRoundTrip");
    Random rnd = new Random(seed);
    for (int i = 0; i < 500; i++) {
      List<byte[]> items = new ArrayList<>();
      int n = rnd.nextInt(12);
      int total = 0;
      for (int j = 0; j < n; j++) {
        byte[] item = new byte[rnd.nextInt(4) == 0 ? rnd.nextInt(70) : rnd.nextInt(3)];
        rnd.nextBytes(item);
        total += item.length + 3;
        items.add(item);
      }
      if (total > Rlp.MAX_INPUT_BYTES - 8) {
        continue;
      }
      byte[] encoded = Rlp.encodeBytesList(items);
      List<byte[]> decoded = Rlp.decodeBytesList(encoded);
      assertThat(decoded).as("seed %d", seed).hasSameSizeAs(items);
      for (int j = 0; j < items.size(); j++) {
        assertThat(decoded.get(j)).as("seed %d", seed).isEqualTo(items.get(j));
      }
    }
  }
}
