package io.parsigex.libp2p.noise;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Chooses the JDK security provider that computes Noise's ChaCha20-Poly1305, once per JVM.
 *
 * <p>Before Java 20, the JDK's own {@code SunJCE} ChaCha20-Poly1305 is plain Java and moves about a
 * quarter of a gigabyte per second per core. The JDK also ships {@code SunPKCS11}, which can use the
 * NSS library that most Linux distributions install: its ChaCha20-Poly1305 is vectorised native
 * code, several times faster. From Java 20, {@code SunJCE} has CPU intrinsics and is the fastest.
 * So, by default ({@value #AUTO}): Java 20 and later use {@code SunJCE}; older releases use
 * {@code SunPKCS11} with NSS when NSS is found and passes a differential self-test against
 * {@code SunJCE}, and {@code SunJCE} otherwise. Both produce the same bytes; only speed differs.
 * NSS pays a few microseconds per message to cross into native code, so {@link NoiseCipher} keeps
 * messages shorter than {@link #BULK_MIN_BYTES} on {@code SunJCE} either way.
 *
 * <p>The system property {@value #PROPERTY} overrides the choice: {@value #JDK} always uses
 * {@code SunJCE}, {@value #NSS} prefers NSS on every release. {@value #NSS_DIR_PROPERTY} names the
 * folder holding {@code libsoftokn3} when it is not in a usual place.
 */
public final class ChaChaPolyProvider {

  /** System property that overrides the choice: {@value #AUTO}, {@value #JDK} or {@value #NSS}. */
  public static final String PROPERTY = "io.parsigex.libp2p.chachapoly";
  /** System property naming the NSS library folder. */
  public static final String NSS_DIR_PROPERTY = "io.parsigex.libp2p.nss-dir";
  /** The default: the fastest provider for this Java release. */
  public static final String AUTO = "auto";
  /** Always the JDK's built-in {@code SunJCE}. */
  public static final String JDK = "jdk";
  /** {@code SunPKCS11} with NSS whenever it works. */
  public static final String NSS = "nss";
  /** The first Java release whose {@code SunJCE} ChaCha20 and Poly1305 have intrinsics. */
  static final int INTRINSICS_RELEASE = 20;
  /** Folders where distributions install NSS's softoken. */
  static final List<Path> NSS_DIRS = List.of(Path.of("/usr/lib/x86_64-linux-gnu"),
      Path.of("/usr/lib/aarch64-linux-gnu"), Path.of("/usr/lib64"), Path.of("/usr/lib"),
      Path.of("/usr/lib/x86_64-linux-gnu/nss"), Path.of("/usr/lib64/nss"),
      Path.of("/usr/local/lib"), Path.of("/opt/homebrew/lib"));
  private static final List<String> SOFTOKEN_FILES = List.of("libsoftokn3.so",
      "libsoftokn3.dylib");
  /** The JCA name of the AEAD. */
  static final String ALGORITHM = "ChaCha20-Poly1305";
  /**
   * Messages of at least this many plaintext bytes go to the bulk provider; shorter ones to
   * {@code SunJCE}. NSS costs about 3.7 µs of set-up per message through PKCS#11 and then 0.6 ns
   * a byte; JDK 17's {@code SunJCE} about 0.6 µs and 3.5 ns a byte (measured on this project's
   * machine): they cross near 1 KiB.
   */
  static final int BULK_MIN_BYTES = 1024;
  private static final String SUN_JCE = "SunJCE";
  /** Plaintext sizes of the self-test: empty, sub-block, odd, and a full Noise message. */
  private static final int[] SELF_TEST_SIZES = {0, 1, 63, 64, 1000, NoiseHandler.MAX_PLAINTEXT};
  private static final long SELF_TEST_SEED = 0x5eedL;
  private static final Logger LOG = Logger.getLogger(ChaChaPolyProvider.class.getName());
  /**
   * The NSS-backed provider of each library folder, made once: NSS itself is process-wide state
   * that can be initialised only once, so this cache mirrors it rather than adding state.
   */
  private static final Map<Path, Provider> NSS_PROVIDERS = new ConcurrentHashMap<>();

  private ChaChaPolyProvider() {}

  /**
   * The provider chosen for this JVM (decided on first use).
   *
   * @return the provider
   */
  static Provider provider() {
    return Chosen.SELECTION.provider();
  }

  /**
   * The JDK's built-in provider, which handles short messages.
   *
   * @return {@code SunJCE}
   */
  static Provider jdk() {
    return Chosen.JDK;
  }

  /**
   * A ChaCha20 key in a provider's own form: a native key object for {@code SunPKCS11}, made once
   * per key rather than on every message.
   *
   * @param p the provider that will use it
   * @param raw 32 key bytes
   * @return the key
   */
  static SecretKey key(Provider p, byte[] raw) {
    SecretKeySpec spec = new SecretKeySpec(raw, "ChaCha20");
    if (p.getName().equals(SUN_JCE)) {
      return spec;
    }
    try {
      return SecretKeyFactory.getInstance("ChaCha20", p).translateKey(spec);
    } catch (GeneralSecurityException | ProviderException e) {
      return spec;
    }
  }

  /**
   * What was chosen and why, for logs and benchmarks.
   *
   * @return for example {@code SunPKCS11-ParsigexNSS (NSS in /usr/lib/x86_64-linux-gnu; ...)}
   */
  public static String describe() {
    Selection s = Chosen.SELECTION;
    return s.provider().getName() + " (" + s.reason() + ")";
  }

  /**
   * Decides, from a mode, a Java release and the folders to look for NSS in.
   *
   * @param mode {@value #AUTO}, {@value #JDK} or {@value #NSS}; anything else is logged as a
   *     mistake and counts as {@value #AUTO}
   * @param javaFeature the Java feature release
   * @param nssDirs folders to look for NSS's softoken in, in order
   * @return the provider and the reason
   */
  static Selection select(String mode, int javaFeature, List<Path> nssDirs) {
    Provider jdk = Security.getProvider(SUN_JCE);
    String m = mode == null ? AUTO : mode.trim().toLowerCase(Locale.ROOT);
    if (!List.of(AUTO, JDK, NSS).contains(m)) {
      String why = "unknown " + PROPERTY + "=" + mode + " (expected " + AUTO + ", " + JDK + " or "
          + NSS + "), so " + AUTO;
      LOG.warning(why);
      Selection s = select(AUTO, javaFeature, nssDirs);
      return new Selection(s.provider(), why + ": " + s.reason());
    }
    if (m.equals(JDK)) {
      return new Selection(jdk, PROPERTY + "=" + JDK);
    }
    if (!m.equals(NSS) && javaFeature >= INTRINSICS_RELEASE) {
      return new Selection(jdk, "Java " + javaFeature + " has ChaCha20-Poly1305 intrinsics");
    }
    Optional<Path> dir = nssDirs.stream().filter(ChaChaPolyProvider::hasSoftoken).findFirst();
    if (dir.isEmpty()) {
      return new Selection(jdk, "NSS not found in " + nssDirs);
    }
    try {
      Provider nss = configureNss(dir.get());
      selfTest(nss, jdk);
      return new Selection(nss, "NSS in " + dir.get() + ", self-tested against " + SUN_JCE);
    } catch (GeneralSecurityException | RuntimeException | LinkageError e) {
      LOG.log(Level.WARNING, "NSS in " + dir.get() + " cannot compute " + ALGORITHM
          + "; using " + SUN_JCE, e);
      return new Selection(jdk, "NSS in " + dir.get() + " unusable: " + e);
    }
  }

  private static boolean hasSoftoken(Path dir) {
    return SOFTOKEN_FILES.stream().anyMatch(f -> Files.isRegularFile(dir.resolve(f)));
  }

  private static Provider configureNss(Path dir) throws GeneralSecurityException {
    // NSS initialises once per process: a second SunPKCS11 NSS configuration fails ("Secmod
    // module already configured"), so each folder's provider is made once and shared.
    try {
      return NSS_PROVIDERS.computeIfAbsent(dir.toAbsolutePath().normalize(), d -> {
        try {
          return newNssProvider(d);
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException(e.getMessage(), e);
        }
      });
    } catch (IllegalStateException e) {
      throw new GeneralSecurityException(e.getMessage(), e.getCause());
    }
  }

  private static Provider newNssProvider(Path dir) throws GeneralSecurityException {
    Provider base = Security.getProvider("SunPKCS11");
    if (base == null) {
      throw new GeneralSecurityException("this JDK has no SunPKCS11 provider");
    }
    // "--" passes the configuration inline instead of as a file name.
    return base.configure("--name = ParsigexNSS\n"
        + "nssLibraryDirectory = " + dir + "\n"
        + "nssDbMode = noDb\n"
        + "attributes = compatibility\n");
  }

  /**
   * Checks that {@code candidate} seals exactly as {@code reference} does, opens what it sealed,
   * and refuses a forged tag, over a few sizes with associated data.
   *
   * @param candidate the provider to check
   * @param reference the JDK's own
   * @throws GeneralSecurityException when they differ or a check fails
   */
  static void selfTest(Provider candidate, Provider reference) throws GeneralSecurityException {
    SplittableRandom rnd = new SplittableRandom(SELF_TEST_SEED);
    Cipher c = Cipher.getInstance(ALGORITHM, candidate);
    Cipher r = Cipher.getInstance(ALGORITHM, reference);
    for (int i = 0; i < SELF_TEST_SIZES.length; i++) {
      byte[] key = bytes(rnd, NoiseCipher.KEY_LENGTH);
      byte[] nonce = bytes(rnd, 12);
      byte[] ad = bytes(rnd, i * 7);
      byte[] plain = bytes(rnd, SELF_TEST_SIZES[i]);
      SecretKeySpec k = new SecretKeySpec(key, "ChaCha20");
      byte[] sealed = seal(c, k, nonce, ad, plain);
      if (!Arrays.equals(sealed, seal(r, k, nonce, ad, plain))) {
        throw new GeneralSecurityException("sealed " + plain.length + " bytes differently from "
            + reference.getName());
      }
      if (!Arrays.equals(open(c, k, nonce, ad, sealed), plain)) {
        throw new GeneralSecurityException("did not open what it sealed");
      }
      sealed[sealed.length - 1] ^= 1;
      try {
        open(c, k, nonce, ad, sealed);
        throw new GeneralSecurityException("accepted a forged tag");
      } catch (javax.crypto.AEADBadTagException expected) {
        // as it should
      }
    }
  }

  private static byte[] seal(Cipher c, SecretKeySpec k, byte[] nonce, byte[] ad, byte[] plain)
      throws GeneralSecurityException {
    c.init(Cipher.ENCRYPT_MODE, k, new IvParameterSpec(nonce));
    c.updateAAD(ad);
    return c.doFinal(plain);
  }

  private static byte[] open(Cipher c, SecretKeySpec k, byte[] nonce, byte[] ad, byte[] sealed)
      throws GeneralSecurityException {
    c.init(Cipher.DECRYPT_MODE, k, new IvParameterSpec(nonce));
    c.updateAAD(ad);
    return c.doFinal(sealed);
  }

  private static byte[] bytes(SplittableRandom rnd, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) rnd.nextInt();
    }
    return b;
  }

  /**
   * A provider and why it was chosen.
   *
   * @param provider computes ChaCha20-Poly1305
   * @param reason one line for logs
   */
  record Selection(Provider provider, String reason) {}

  /** Decides once, on first use (holder idiom: the JVM makes it thread-safe). */
  private static final class Chosen {
    static final Provider JDK = Security.getProvider(SUN_JCE);
    static final Selection SELECTION = choose();

    private static Selection choose() {
      String dir = System.getProperty(NSS_DIR_PROPERTY);
      List<Path> dirs = dir == null || dir.isBlank() ? NSS_DIRS : List.of(Path.of(dir));
      Selection s = select(System.getProperty(PROPERTY, AUTO), Runtime.version().feature(), dirs);
      LOG.info("Noise ChaCha20-Poly1305: " + s.provider().getName() + " (" + s.reason() + ")");
      return s;
    }
  }
}
