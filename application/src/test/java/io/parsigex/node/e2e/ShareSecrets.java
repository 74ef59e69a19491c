package io.parsigex.node.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import supranational.blst.P2;
import supranational.blst.SecretKey;

/**
 * One operator's secret BLS shares, read from the cluster generator's test-only shares file (one
 * line per validator: {@code 0x<validator public key> 0x<secret share>}), and eth2 BLS signing with
 * them (jblst, proof-of-possession ciphersuite).
 *
 * @param byValidator secret share (32 bytes, big-endian) by validator public key (wire form)
 */
record ShareSecrets(Map<String, byte[]> byValidator) {

  /** Ethereum's BLS signature ciphersuite. */
  static final String DST = io.parsigex.cluster.crypto.Bls.DST;
  private static final int SECRET_LENGTH = 32;

  ShareSecrets {
    byValidator = Map.copyOf(byValidator);
  }

  /**
   * Reads a shares file.
   *
   * @param file the file
   * @return the shares in file order
   */
  static ShareSecrets load(Path file) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.strip().split(" ");
      if (parts.length != 2 || !parts[1].startsWith("0x")) {
        throw new IOException("not '0x<pubkey> 0x<secret>': " + line);
      }
      byte[] secret = HexFormat.of().parseHex(parts[1].substring(2));
      if (secret.length != SECRET_LENGTH) {
        throw new IOException("a secret share has 32 bytes: " + line);
      }
      out.put(parts[0], secret);
    }
    return new ShareSecrets(new LinkedHashMap<>(out));
  }

  /**
   * Signs a signing root with a secret share.
   *
   * @param secret 32 bytes, big-endian
   * @param signingRoot the message
   * @return the compressed 96-byte signature
   */
  static byte[] sign(byte[] secret, byte[] signingRoot) {
    SecretKey sk = new SecretKey();
    sk.from_bendian(secret);
    return new P2().hash_to(signingRoot, DST).sign_with(sk).compress();
  }
}
