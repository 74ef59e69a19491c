package io.parsigex.cluster;

import io.parsigex.api.PubKey;
import io.parsigex.cluster.ClusterDefinition.Creator;
import io.parsigex.cluster.ClusterDefinition.ValidatorAddresses;
import io.parsigex.cluster.DistributedValidator.BuilderRegistration;
import io.parsigex.cluster.DistributedValidator.DepositData;
import io.parsigex.cluster.crypto.Bls;
import io.parsigex.cluster.crypto.EthereumAddress;
import io.parsigex.cluster.crypto.RecoverableSignatures;
import io.parsigex.cluster.enr.Enr;
import io.parsigex.eth2.ssz.Bytes;
import io.parsigex.libp2p.crypto.KeyException;
import io.parsigex.libp2p.crypto.Secp256k1;
import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.bouncycastle.util.BigIntegers;
import supranational.blst.P2;

/**
 * Generates a complete, valid cluster (lock version {@link LockVersion#CURRENT}) for tests and
 * local runs, as {@code charon create cluster} would: one secp256k1 identity per operator (its
 * ENR, EIP-712 signatures and node signature), threshold BLS shares per validator (a random
 * polynomial of degree threshold − 1), pre-signed builder registrations and deposit data, and the
 * aggregate lock signature. The result passes {@link ClusterLockLoader} with full verification.
 *
 * <p>Randomness comes from the caller: pass a seeded generator for reproducible clusters and a
 * {@link java.security.SecureRandom} for anything that holds value.
 */
public final class ClusterLockGenerator {

  /** The lock file name Charon uses. */
  public static final String LOCK_FILE = "cluster-lock.json";
  /** The key file name Charon uses inside each node's folder. */
  public static final String KEY_FILE = "charon-enr-private-key";
  /**
   * The test-only file with the node's secret BLS shares, one line per validator:
   * {@code 0x<validator key> 0x<secret share>}.
   */
  public static final String SHARES_FILE = "validator-share-secrets.txt";
  /** Most operators in one lock (Charon's SSZ limit). */
  public static final int MAX_OPERATORS = 256;
  /** Most validators generated at once (generation signs n × v messages). */
  public static final int MAX_VALIDATORS = 1024;

  private static final byte[] DOMAIN_DEPOSIT = {0x03, 0x00, 0x00, 0x00};

  private static final long DEPOSIT_GWEI = 32_000_000_000L;
  private static final long GAS_LIMIT = 30_000_000L;
  private static final byte ETH1_WITHDRAWAL_PREFIX = 0x01;
  private static final int ADDRESS_LENGTH = 20;
  private static final int WITHDRAWAL_CREDS_LENGTH = 32;
  private static final String LOOPBACK = "127.0.0.1";

  private final RandomGenerator random;

  /**
   * A generator drawing from {@code random}.
   *
   * @param random the source of keys and UUIDs
   */
  public ClusterLockGenerator(RandomGenerator random) {
    this.random = java.util.Objects.requireNonNull(random, "random");
  }

  /**
   * What to generate.
   *
   * @param operators number of operators (1..256)
   * @param validators number of distributed validators (1..1024)
   * @param threshold signatures needed (1..operators); Charon's default is ceil(2n/3)
   * @param forkVersion genesis fork version, 4 bytes (for example {@code 0x10000910}, hoodi)
   * @param tcpPorts one loopback TCP port per operator written into its ENR, or empty for none
   * @param timestamp the definition timestamp (RFC 3339 text)
   */
  public record Spec(int operators, int validators, int threshold, Bytes forkVersion,
      List<Integer> tcpPorts, String timestamp) {

    /**
     * Validates the ranges.
     *
     * @param operators n
     * @param validators v
     * @param threshold t
     * @param forkVersion f
     * @param tcpPorts p
     * @param timestamp ts
     */
    public Spec {
      if (operators < 1 || operators > MAX_OPERATORS) {
        throw new IllegalArgumentException("operators must be in 1.." + MAX_OPERATORS);
      }
      if (validators < 1 || validators > MAX_VALIDATORS) {
        throw new IllegalArgumentException("validators must be in 1.." + MAX_VALIDATORS);
      }
      if (threshold < 1 || threshold > operators) {
        throw new IllegalArgumentException("threshold must be in 1.." + operators);
      }
      if (forkVersion.length() != 4) {
        throw new IllegalArgumentException("fork version must be 4 bytes");
      }
      tcpPorts = List.copyOf(tcpPorts);
      if (!tcpPorts.isEmpty() && tcpPorts.size() != operators) {
        throw new IllegalArgumentException("give one TCP port per operator, or none");
      }
    }

    /**
     * A spec with Charon's default threshold, no ports, and a fixed timestamp.
     *
     * @param operators n
     * @param validators v
     * @param forkVersion f
     * @return the spec
     */
    public static Spec of(int operators, int validators, Bytes forkVersion) {
      return new Spec(operators, validators, (2 * operators + 2) / 3, forkVersion, List.of(),
          "2026-11-23T00:00:00Z");
    }
  }

  /**
   * A generated cluster.
   *
   * @param lock the lock
   * @param lockJson the lock file's bytes
   * @param nodeKeys each operator's identity key, in operator order
   * @param shareSecrets [operator][validator] secret BLS share scalars (share index = operator + 1)
   */
  public record GeneratedCluster(ClusterLock lock, byte[] lockJson, List<NodeKey> nodeKeys,
      List<List<BigInteger>> shareSecrets) {

    /**
     * Copies the mutable parts.
     *
     * @param lock l
     * @param lockJson j
     * @param nodeKeys k
     * @param shareSecrets s
     */
    public GeneratedCluster {
      lockJson = lockJson.clone();
      nodeKeys = List.copyOf(nodeKeys);
      shareSecrets = shareSecrets.stream().map(List::copyOf).toList();
    }

    @Override
    public byte[] lockJson() {
      return lockJson.clone();
    }

    /**
     * Writes {@code cluster-lock.json} into {@code dir} and, per operator i, a folder
     * {@code node<i>} holding {@code charon-enr-private-key} and the test-only shares file.
     *
     * @param dir the target folder (created if absent)
     * @throws IOException when writing fails
     */
    public void writeTo(Path dir) throws IOException {
      Files.createDirectories(dir);
      Files.write(dir.resolve(LOCK_FILE), lockJson);
      HexFormat hex = HexFormat.of();
      for (int i = 0; i < nodeKeys.size(); i++) {
        Path node = Files.createDirectories(dir.resolve("node" + i));
        Files.writeString(node.resolve(KEY_FILE), nodeKeys.get(i).toFileText());
        StringBuilder sb = new StringBuilder();
        for (int v = 0; v < lock.validators().size(); v++) {
          byte[] secret = toBytes32(shareSecrets.get(i).get(v));
          sb.append(lock.validators().get(v).publicKey().wireKey()).append(" 0x")
              .append(hex.formatHex(secret)).append('\n');
        }
        Files.writeString(node.resolve(SHARES_FILE), sb.toString(), StandardCharsets.US_ASCII);
      }
    }
  }

  /**
   * Writes a generated cluster for local runs:
   * {@code <dir> <operators> <validators> [fork version hex, default hoodi] [first TCP port]}.
   * Keys come from {@link java.security.SecureRandom}; the shares file is for tests only.
   *
   * @param args the arguments above
   * @throws IOException when writing fails
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 3 || args.length > 5) {
      System.err.println("usage: ClusterLockGenerator <dir> <operators> <validators> "
          + "[fork version, e.g. 0x10000910] [first tcp port]");
      System.exit(2);
      return;
    }
    int operators = Integer.parseInt(args[1]);
    String fork = args.length > 3 ? args[3] : "0x10000910";
    List<Integer> ports = new ArrayList<>();
    if (args.length > 4) {
      int first = Integer.parseInt(args[4]);
      for (int i = 0; i < operators; i++) {
        ports.add(first + i);
      }
    }
    Spec spec = new Spec(operators, Integer.parseInt(args[2]), (2 * operators + 2) / 3,
        Bytes.of(HexFormat.of().parseHex(fork.startsWith("0x") ? fork.substring(2) : fork)), ports,
        java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC)
            .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX")));
    GeneratedCluster cluster =
        new ClusterLockGenerator(new java.security.SecureRandom()).generate(spec);
    cluster.writeTo(Path.of(args[0]));
    System.out.println("wrote " + Path.of(args[0]).resolve(LOCK_FILE) + " for "
        + cluster.lock().peerIds());
  }

  /**
   * Generates a cluster.
   *
   * @param spec what to generate
   * @return the cluster
   */
  public GeneratedCluster generate(Spec spec) {
    int n = spec.operators();
    List<NodeKey> keys = new ArrayList<>();
    List<String> enrs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      NodeKey key = new NodeKey(randomK1());
      keys.add(key);
      int port = spec.tcpPorts().isEmpty() ? 0 : spec.tcpPorts().get(i);
      enrs.add(Enr.create(key.privateKey(), 0, port == 0 ? null : loopback(), port, 0).text());
    }
    List<ValidatorAddresses> addresses = new ArrayList<>();
    for (int v = 0; v < spec.validators(); v++) {
      addresses.add(new ValidatorAddresses(randomAddress(), randomAddress()));
    }
    List<ClusterDefinition.Operator> unsigned = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      unsigned.add(new ClusterDefinition.Operator(i, address(keys.get(i)), enrs.get(i),
          Bytes.EMPTY, Bytes.EMPTY));
    }
    ClusterDefinition def = new ClusterDefinition(LockVersion.CURRENT, "generated cluster",
        new UUID(random.nextLong(), random.nextLong()).toString().toUpperCase(Locale.ROOT),
        spec.timestamp(), spec.validators(), spec.threshold(), "default", spec.forkVersion(),
        unsigned, new Creator(address(keys.get(0)), Bytes.EMPTY), addresses,
        List.of(DEPOSIT_GWEI), "", GAS_LIMIT, false, Bytes.EMPTY, Bytes.EMPTY);
    def = signDefinition(def, keys);

    List<DistributedValidator> validators = new ArrayList<>();
    List<List<BigInteger>> shareSecrets = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      shareSecrets.add(new ArrayList<>());
    }
    for (int v = 0; v < spec.validators(); v++) {
      validators.add(validator(def, v, spec.threshold(), shareSecrets));
    }
    List<ClusterOperator> members = new ArrayList<>();
    for (ClusterDefinition.Operator o : def.operators()) {
      members.add(new ClusterOperator(o.index(), o.address(), parse(o.enr()), o.configSignature(),
          o.enrSignature()));
    }
    ClusterLock draft = new ClusterLock(def, members, validators, Bytes.EMPTY, Bytes.EMPTY,
        List.of());
    byte[] lockHash = hash(() -> LockHasher.lockHash(draft));
    List<byte[]> sigs = new ArrayList<>();
    for (List<BigInteger> perOperator : shareSecrets) {
      for (BigInteger secret : perOperator) {
        sigs.add(Bls.sign(secret, lockHash));
      }
    }
    List<Bytes> nodeSigs = keys.stream()
        .map(k -> Bytes.of(RecoverableSignatures.sign(k.privateKey(), lockHash))).toList();
    ClusterLock lock = new ClusterLock(def, members, validators, Bytes.of(lockHash),
        Bytes.of(aggregate(sigs)), nodeSigs);
    return new GeneratedCluster(lock, LockJsonWriter.write(lock), keys, shareSecrets);
  }

  private ClusterDefinition signDefinition(ClusterDefinition d, List<NodeKey> keys) {
    byte[] configHash = hash(() -> LockHasher.configHash(d));
    long chainId = Eip712.chainId(d.forkVersion().to0xHex()).orElseThrow(
        () -> new IllegalArgumentException("fork version " + d.forkVersion()
            + " is not a network Charon knows; EIP-712 signatures need its chain id"));
    String configHex = Bytes.of(configHash).to0xHex();
    List<ClusterDefinition.Operator> signed = new ArrayList<>();
    for (ClusterDefinition.Operator o : d.operators()) {
      Secp256k1PrivateKey k = keys.get(o.index()).privateKey();
      signed.add(new ClusterDefinition.Operator(o.index(), o.address(), o.enr(),
          Bytes.of(RecoverableSignatures.sign(k,
              Eip712.digest(Eip712.OPERATOR_CONFIG_HASH, configHex, chainId))),
          Bytes.of(RecoverableSignatures.sign(k, Eip712.digest(Eip712.ENR, o.enr(), chainId)))));
    }
    Creator creator = new Creator(d.creator().address(), Bytes.of(RecoverableSignatures.sign(
        keys.get(0).privateKey(), Eip712.digest(Eip712.CREATOR_CONFIG_HASH, configHex, chainId))));
    ClusterDefinition withSigs = new ClusterDefinition(d.version(), d.name(), d.uuid(),
        d.timestamp(), d.numValidators(), d.threshold(), d.dkgAlgorithm(), d.forkVersion(), signed,
        creator, d.validatorAddresses(), d.depositAmounts(), d.consensusProtocol(),
        d.targetGasLimit(), d.compounding(), Bytes.of(configHash), Bytes.EMPTY);
    byte[] defHash = hash(() -> LockHasher.definitionHash(withSigs));
    return new ClusterDefinition(d.version(), d.name(), d.uuid(), d.timestamp(), d.numValidators(),
        d.threshold(), d.dkgAlgorithm(), d.forkVersion(), signed, creator, d.validatorAddresses(),
        d.depositAmounts(), d.consensusProtocol(), d.targetGasLimit(), d.compounding(),
        Bytes.of(configHash), Bytes.of(defHash));
  }

  private DistributedValidator validator(ClusterDefinition def, int v, int threshold,
      List<List<BigInteger>> shareSecrets) {
    BigInteger[] coefficients = new BigInteger[threshold];
    for (int c = 0; c < threshold; c++) {
      coefficients[c] = randomBlsScalar();
    }
    byte[] groupKey = Bls.publicKeyOf(coefficients[0]);
    List<PubKey> shares = new ArrayList<>();
    for (int i = 1; i <= def.operators().size(); i++) {
      BigInteger x = BigInteger.valueOf(i);
      BigInteger y = BigInteger.ZERO;
      for (int c = threshold - 1; c >= 0; c--) {
        y = y.multiply(x).add(coefficients[c]).mod(Bls.FIELD_ORDER);
      }
      shareSecrets.get(i - 1).add(y);
      shares.add(PubKey.fromBytes(Bls.publicKeyOf(y)));
    }
    byte[] fork = def.forkVersion().toArray();
    byte[] feeRecipient = HexFormat.of().parseHex(
        def.validatorAddresses().get(v).feeRecipientAddress().substring(2));
    long timestamp = 1_742_213_400L; // any fixed time; Charon uses the network's genesis time
    byte[] regSig = Bls.sign(coefficients[0], SigningRoots.registration(feeRecipient, GAS_LIMIT,
        timestamp, groupKey, fork));
    BuilderRegistration reg = new BuilderRegistration(Bytes.of(feeRecipient), GAS_LIMIT, timestamp,
        Bytes.of(groupKey), Bytes.of(regSig));
    byte[] creds = new byte[WITHDRAWAL_CREDS_LENGTH];
    creds[0] = ETH1_WITHDRAWAL_PREFIX;
    byte[] withdrawal = HexFormat.of().parseHex(
        def.validatorAddresses().get(v).withdrawalAddress().substring(2));
    System.arraycopy(withdrawal, 0, creds, WITHDRAWAL_CREDS_LENGTH - ADDRESS_LENGTH,
        ADDRESS_LENGTH);
    byte[] depositSig = Bls.sign(coefficients[0],
        depositMessage(groupKey, creds, DEPOSIT_GWEI, fork));
    DepositData deposit = new DepositData(Bytes.of(groupKey), Bytes.of(creds), DEPOSIT_GWEI,
        Bytes.of(depositSig));
    return new DistributedValidator(PubKey.fromBytes(groupKey), shares, List.of(deposit), reg);
  }

  private Secp256k1PrivateKey randomK1() {
    while (true) {
      byte[] b = new byte[Secp256k1.PRIVATE_KEY_LENGTH];
      random.nextBytes(b);
      try {
        return Secp256k1PrivateKey.fromBytes(b);
      } catch (KeyException outOfRange) {
        // zero or not below n (probability about 2^-128): draw again
      }
    }
  }

  private BigInteger randomBlsScalar() {
    while (true) {
      byte[] b = new byte[Bls.SCALAR_LENGTH];
      random.nextBytes(b);
      BigInteger x = new BigInteger(1, b);
      if (x.signum() > 0 && x.compareTo(Bls.FIELD_ORDER) < 0) {
        return x;
      }
    }
  }

  private String randomAddress() {
    byte[] b = new byte[ADDRESS_LENGTH];
    random.nextBytes(b);
    return "0x" + HexFormat.of().formatHex(b);
  }

  private static String address(NodeKey key) {
    return "0x" + HexFormat.of().formatHex(EthereumAddress.of(key.publicKey()));
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByName(LOOPBACK);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException("the loopback literal always resolves", e);
    }
  }

  private static Enr parse(String text) {
    try {
      return Enr.parse(text);
    } catch (io.parsigex.cluster.enr.EnrException e) {
      throw new IllegalStateException("a freshly created ENR must parse: " + e.getMessage(), e);
    }
  }

  private static byte[] toBytes32(BigInteger x) {
    return BigIntegers.asUnsignedByteArray(Bls.SCALAR_LENGTH, x);
  }

  @FunctionalInterface
  private interface HashStep {
    byte[] run() throws ClusterException;
  }

  private static byte[] hash(HashStep step) {
    try {
      return step.run();
    } catch (ClusterException e) {
      throw new IllegalStateException("a generated lock must hash: " + e.getMessage(), e);
    }
  }

  /** Of a {@code DepositMessage(pubkey, withdrawal_credentials, amount)}. */
  private static byte[] depositMessage(byte[] pubkey, byte[] withdrawalCredentials, long amount,
      byte[] forkVersion) {
    MerkleHasher h = new MerkleHasher();
    int msg = h.index();
    h.putBytes(pubkey);
    h.putBytes(withdrawalCredentials);
    h.putUint64(amount);
    h.merkleize(msg);
    return SigningRoots.signingRoot(h.root(), SigningRoots.domain(DOMAIN_DEPOSIT, forkVersion));
  }

  /** The aggregate of valid compressed G2 signatures. */
  private static byte[] aggregate(List<byte[]> signatures) {
    P2 agg = null;
    for (byte[] sig : signatures) {
      P2 p = new P2(sig);
      agg = agg == null ? p : agg.add(p);
    }
    if (agg == null) {
      throw new IllegalArgumentException("nothing to aggregate");
    }
    return agg.compress();
  }
}
