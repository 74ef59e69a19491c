package io.parsigex.libp2p.noise;

import java.nio.ByteBuffer;
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
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Chooses the security providers that compute Noise's ChaCha20-Poly1305, once per JVM: one for
 * short messages and one for messages of at least {@link #BULK_MIN_BYTES} (often the same).
 *
 * <p>Before Java 20, the JDK's own {@code SunJCE} ChaCha20-Poly1305 is plain Java and moves about a
 * third of a gigabyte per second per core. Conscrypt (BoringSSL, whose native library ships inside
 * its jar) is vectorised native code and the fastest there at every size measured on this project's
 * machine (JDK 17): a 421-byte seal, {@code Cipher.init} included, about 1.0 µs against
 * {@code SunJCE}'s 1.7 µs and NSS's 4.8 µs; 64 KiB about 2.1 GB/s against NSS's 1.4 and
 * {@code SunJCE}'s 0.37. From Java 20, {@code SunJCE} has CPU intrinsics: about 3.5 GB/s at 64 KiB
 * on JDK 25, and level with Conscrypt on short messages, so it needs no native code. So, by
 * default ({@value #AUTO}): Java 20 and later use {@code SunJCE}; older releases use Conscrypt for
 * every message when its native library loads and it passes a differential self-test against
 * {@code SunJCE}; failing that, {@code SunPKCS11} with the system's NSS for messages of at least
 * {@link #BULK_MIN_BYTES} (NSS pays a few microseconds per message to cross into native code)
 * when NSS is found and passes the same self-test; failing that, {@code SunJCE}. All of them
 * produce the same bytes; only speed differs. Conscrypt is used as a provider object only, never
 * installed into the JVM's provider list, so TLS and other JCA users are unaffected.
 *
 * <p>The system property {@value #PROPERTY} overrides the choice: {@value #JDK} always uses
 * {@code SunJCE} (the pure-JDK path, with no native code); {@value #CONSCRYPT} prefers Conscrypt
 * on every release; {@value #NSS} prefers NSS for large messages on every release.
 * {@value #NSS_DIR_PROPERTY} names the folder holding {@code libsoftokn3} when it is not in a
 * usual place.
 */
public final class ChaChaPolyProvider {

  /**
   * System property that overrides the choice: {@value #AUTO}, {@value #JDK}, {@value #CONSCRYPT}
   * or {@value #NSS}.
   */
  public static final String PROPERTY = "io.parsigex.libp2p.chachapoly";
  /** System property naming the NSS library folder. */
  public static final String NSS_DIR_PROPERTY = "io.parsigex.libp2p.nss-dir";
  /** The default: the fastest provider for this Java release. */
  public static final String AUTO = "auto";
  /** Always the JDK's built-in {@code SunJCE}. */
  public static final String JDK = "jdk";
  /** {@code SunPKCS11} with NSS for large messages whenever it works. */
  public static final String NSS = "nss";
  /** Conscrypt (BoringSSL) for every message whenever its native library loads. */
  public static final String CONSCRYPT = "conscrypt";
  /** The accepted values of {@value #PROPERTY}. */
  static final List<String> MODES = List.of(AUTO, JDK, CONSCRYPT, NSS);
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
   * With NSS, messages of at least this many plaintext bytes go to NSS; shorter ones to
   * {@code SunJCE}. NSS costs about 3.7 µs of set-up per message through PKCS#11 and then 0.6 ns
   * a byte; JDK 17's {@code SunJCE} about 0.6 µs and 3.5 ns a byte (measured on this project's
   * machine): they cross near 1 KiB. Conscrypt and {@code SunJCE} handle every size alone.
   */
  static final int BULK_MIN_BYTES = 1024;
  private static final String SUN_JCE = "SunJCE";
  private static final String SUN_PKCS11 = "SunPKCS11";
  private static final String CONSCRYPT_NAME = "Conscrypt";
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
   * The choice for this JVM (decided on first use, logged once).
   *
   * @return the providers for short and for large messages
   */
  static Selection selection() {
    return Chosen.SELECTION;
  }

  /**
   * The provider chosen for large messages in this JVM.
   *
   * @return the provider
   */
  static Provider provider() {
    return Chosen.SELECTION.bulk();
  }

  /**
   * The JDK's built-in provider.
   *
   * @return {@code SunJCE}
   */
  static Provider jdk() {
    return Chosen.JDK;
  }

  /**
   * Whether a provider computes in native code that reads and writes direct buffers in place
   * without copying them (Conscrypt), so that Noise messages are best sealed in direct memory.
   *
   * @param p a provider
   * @return true for Conscrypt
   */
  static boolean prefersDirectBuffers(Provider p) {
    return p.getName().startsWith(CONSCRYPT_NAME);
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
    if (!p.getName().startsWith(SUN_PKCS11)) {
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
   * @return for example {@code Conscrypt for every message (Conscrypt 2.5.2 ...)}
   */
  public static String describe() {
    return Chosen.SELECTION.describe();
  }

  /**
   * Decides, from a mode, a Java release and the folders to look for NSS in, with the real
   * Conscrypt.
   *
   * @param mode see {@link #select(String, int, List, Supplier)}
   * @param javaFeature the Java feature release
   * @param nssDirs folders to look for NSS's softoken in, in order
   * @return the providers and the reason
   */
  static Selection select(String mode, int javaFeature, List<Path> nssDirs) {
    return select(mode, javaFeature, nssDirs, ConscryptLoader::load);
  }

  /**
   * Decides, from a mode, a Java release, the folders to look for NSS in and a way to load
   * Conscrypt.
   *
   * @param mode {@value #AUTO}, {@value #JDK}, {@value #CONSCRYPT} or {@value #NSS}; anything
   *     else is logged as a mistake and counts as {@value #AUTO}
   * @param javaFeature the Java feature release
   * @param nssDirs folders to look for NSS's softoken in, in order
   * @param conscrypt makes a Conscrypt provider, or throws when its native library cannot load
   * @return the providers and the reason
   */
  static Selection select(String mode, int javaFeature, List<Path> nssDirs,
      Supplier<Provider> conscrypt) {
    Provider jdk = Security.getProvider(SUN_JCE);
    String m = mode == null ? AUTO : mode.trim().toLowerCase(Locale.ROOT);
    if (!MODES.contains(m)) {
      String why = "unknown " + PROPERTY + "=" + mode + " (expected " + AUTO + ", " + JDK + ", "
          + CONSCRYPT + " or " + NSS + "), so " + AUTO;
      LOG.warning(why);
      Selection s = select(AUTO, javaFeature, nssDirs, conscrypt);
      return new Selection(s.small(), s.bulk(), why + ": " + s.reason());
    }
    if (m.equals(JDK)) {
      return Selection.only(jdk, PROPERTY + "=" + JDK);
    }
    if (m.equals(AUTO) && javaFeature >= INTRINSICS_RELEASE) {
      return Selection.only(jdk, "Java " + javaFeature + " has ChaCha20-Poly1305 intrinsics");
    }
    String conscryptFailure = "";
    if (!m.equals(NSS)) {
      try {
        Provider c = conscrypt.get();
        selfTest(c, jdk);
        return Selection.only(c, "BoringSSL through " + c.getName() + ", self-tested against "
            + SUN_JCE);
      } catch (GeneralSecurityException | RuntimeException | LinkageError e) {
        LOG.log(Level.WARNING, "Conscrypt cannot compute " + ALGORITHM + " here; trying NSS, "
            + "then " + SUN_JCE, e);
        conscryptFailure = "Conscrypt unusable: " + e + "; ";
      }
    }
    Optional<Path> dir = nssDirs.stream().filter(ChaChaPolyProvider::hasSoftoken).findFirst();
    if (dir.isEmpty()) {
      return Selection.only(jdk, conscryptFailure + "NSS not found in " + nssDirs);
    }
    try {
      Provider nss = configureNss(dir.get());
      selfTest(nss, jdk);
      return new Selection(jdk, nss, conscryptFailure + "NSS in " + dir.get()
          + ", self-tested against " + SUN_JCE);
    } catch (GeneralSecurityException | RuntimeException | LinkageError e) {
      LOG.log(Level.WARNING, "NSS in " + dir.get() + " cannot compute " + ALGORITHM
          + "; using " + SUN_JCE, e);
      return Selection.only(jdk, conscryptFailure + "NSS in " + dir.get() + " unusable: " + e);
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
   * and refuses a forged tag, over a few sizes with associated data; a provider that
   * {@linkplain #prefersDirectBuffers prefers direct buffers} must also seal the same bytes in
   * place in direct memory, as {@link NoiseCipher} has it do.
   *
   * @param candidate the provider to check
   * @param reference the JDK's own
   * @throws GeneralSecurityException when they differ or a check fails
   */
  static void selfTest(Provider candidate, Provider reference) throws GeneralSecurityException {
    SplittableRandom rnd = new SplittableRandom(SELF_TEST_SEED);
    Cipher c = Cipher.getInstance(ALGORITHM, candidate);
    Cipher r = Cipher.getInstance(ALGORITHM, reference);
    // a second instance: a cipher refuses to encrypt twice under one key and nonce
    Cipher direct = prefersDirectBuffers(candidate) ? Cipher.getInstance(ALGORITHM, candidate)
        : null;
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
      if (direct != null
          && !Arrays.equals(sealInPlaceDirect(direct, k, nonce, ad, plain), sealed)) {
        throw new GeneralSecurityException("sealed " + plain.length + " bytes in place in direct "
            + "memory differently");
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

  /** Seals as {@link NoiseCipher} does on the bulk path: in place, in a direct buffer. */
  private static byte[] sealInPlaceDirect(Cipher c, SecretKeySpec k, byte[] nonce, byte[] ad,
      byte[] plain) throws GeneralSecurityException {
    ByteBuffer buf = ByteBuffer.allocateDirect(plain.length + NoiseCipher.TAG_LENGTH);
    buf.put(plain).flip();
    ByteBuffer out = buf.duplicate();
    out.limit(out.capacity());
    c.init(Cipher.ENCRYPT_MODE, k, new IvParameterSpec(nonce));
    c.updateAAD(ad);
    int n = c.doFinal(buf, out);
    byte[] sealed = new byte[n];
    out.flip();
    out.get(sealed);
    return sealed;
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
   * The providers chosen and why.
   *
   * @param small computes messages shorter than {@link #BULK_MIN_BYTES}
   * @param bulk computes the others
   * @param reason one line for logs
   */
  record Selection(Provider small, Provider bulk, String reason) {
    static Selection only(Provider p, String reason) {
      return new Selection(p, p, reason);
    }

    /**
     * The provider of large messages (the one that decides bulk speed).
     *
     * @return the bulk provider
     */
    Provider provider() {
      return bulk;
    }

    String describe() {
      String what = small == bulk ? small.getName() + " for every message"
          : small.getName() + " below " + BULK_MIN_BYTES + " bytes, " + bulk.getName()
              + " from " + BULK_MIN_BYTES;
      return what + " (" + reason + ")";
    }
  }

  /**
   * Makes the Conscrypt provider; the only class that names Conscrypt's, so that a class path
   * without the Conscrypt jar fails here, as a {@link LinkageError} that {@link #select} catches.
   */
  private static final class ConscryptLoader {
    private ConscryptLoader() {}

    static Provider load() {
      // throws UnsatisfiedLinkError (or the error that stopped it) when the native library of
      // this platform is missing or cannot load
      org.conscrypt.Conscrypt.checkAvailability();
      return org.conscrypt.Conscrypt.newProvider();
    }
  }

  /** Decides once, on first use (holder idiom: the JVM makes it thread-safe). */
  private static final class Chosen {
    static final Provider JDK = Security.getProvider(SUN_JCE);
    static final Selection SELECTION = choose();

    private static Selection choose() {
      String dir = System.getProperty(NSS_DIR_PROPERTY);
      List<Path> dirs = dir == null || dir.isBlank() ? NSS_DIRS : List.of(Path.of(dir));
      Selection s = select(System.getProperty(PROPERTY, AUTO), Runtime.version().feature(), dirs);
      LOG.info("Noise ChaCha20-Poly1305: " + s.describe());
      return s;
    }
  }
}
