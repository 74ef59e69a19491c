package io.parsigex.libp2p.noise;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The choice as a JVM makes it from its system properties, in child JVMs: a Conscrypt whose native
 * library cannot be unpacked falls back to the JDK (or NSS) and Noise still works; the property
 * forces the pure-JDK path; the choice is logged exactly once however many ciphers are made.
 */
class ChaChaPolyProviderProcessTest {

  private static final long TIMEOUT_SECONDS = 120;
  private static final String LOG_LINE = "Noise ChaCha20-Poly1305: ";

  @Test
  void aNativeLibraryThatCannotLoadFallsBackAndNoiseStillWorks(@TempDir Path dir)
      throws Exception {
    // Conscrypt unpacks its native library into this "folder", which is a file: loading fails
    Path notAFolder = Files.writeString(dir.resolve("not-a-folder"), "x");
    Result r = run("-D" + ChaChaPolyProvider.PROPERTY + "=" + ChaChaPolyProvider.CONSCRYPT,
        "-Dorg.conscrypt.native.workdir=" + notAFolder);
    assertThat(r.out()).contains("ok").contains("Conscrypt unusable");
    assertThat(r.out()).doesNotContain("choice: Conscrypt");
    assertThat(r.logLines()).hasSize(1);
  }

  @Test
  void thePropertyForcesThePureJdkPath() throws Exception {
    Result r = run("-D" + ChaChaPolyProvider.PROPERTY + "=" + ChaChaPolyProvider.JDK);
    assertThat(r.out()).contains("ok")
        .contains("choice: SunJCE for every message (" + ChaChaPolyProvider.PROPERTY + "=jdk)");
    assertThat(r.logLines()).hasSize(1);
  }

  @Test
  void byDefaultThisReleaseGetsItsFastestProviderLoggedOnce() throws Exception {
    Result r = run();
    assertThat(r.out()).contains("ok");
    if (Runtime.version().feature() < ChaChaPolyProvider.INTRINSICS_RELEASE) {
      assertThat(r.out()).contains("choice: Conscrypt");
    } else {
      assertThat(r.out()).contains("choice: SunJCE for every message");
    }
    assertThat(r.logLines()).hasSize(1);
  }

  private record Result(String out, List<String> logLines) {}

  private static Result run(String... props) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of(props));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(ChaChaPolyProbe.class.getName());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[] all = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
    String out = new String(all, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    List<String> log = out.lines().filter(l -> l.contains(LOG_LINE)).toList();
    return new Result(out, log);
  }
}
