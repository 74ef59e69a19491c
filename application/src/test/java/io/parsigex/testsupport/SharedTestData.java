package io.parsigex.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Reference data from {@code ../shared/testdata} beside the repository (Charon's goldens, Pluto's
 * vectors, Charon cluster locks). It is read in place, never copied into the project; when it is
 * absent the calling test is skipped with a visible message.
 */
public final class SharedTestData {

  private SharedTestData() {}

  /**
   * The testdata folder; skips the calling test when it is absent.
   *
   * @return {@code <repo>/../shared/testdata}
   */
  public static Path root() {
    Path here = Path.of("").toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("mvnw")) && Files.isDirectory(p.resolve("application"))) {
        Path data = p.resolveSibling("shared").resolve("testdata");
        if (Files.isDirectory(data)) {
          return data;
        }
        break;
      }
    }
    String msg = "SKIPPED: ../shared/testdata is not beside the repository (looked from " + here + ")";
    System.err.println(msg);
    Assumptions.abort(msg);
    throw new AssertionError("unreachable");
  }

  /**
   * A file under the testdata folder; skips the calling test when it is absent.
   *
   * @param relative for example {@code charon/TestMemEx.golden}
   * @return its path
   */
  public static Path file(String relative) {
    Path p = root().resolve(relative);
    if (!Files.exists(p)) {
      String msg = "SKIPPED: " + p + " is absent";
      System.err.println(msg);
      Assumptions.abort(msg);
    }
    return p;
  }

  /**
   * Reads a file under the testdata folder.
   *
   * @param relative path under testdata
   * @return its bytes
   */
  public static byte[] read(String relative) {
    try {
      return Files.readAllBytes(file(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
