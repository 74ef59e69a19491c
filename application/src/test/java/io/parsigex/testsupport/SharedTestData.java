package io.parsigex.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reference data from {@code ../shared/testdata} beside the repository (Charon's goldens, Pluto's
 * vectors, Charon cluster locks). It is read in place, never copied into the project; when it is
 * absent the calling test is skipped with a visible message, or fails under {@code CI=true}
 * ({@link Prerequisite}).
 */
public final class SharedTestData {

  private SharedTestData() {}

  /**
   * The testdata folder; a missing one is a missing {@link Prerequisite}.
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
    Prerequisite.missing("the reference data ../shared/testdata is not beside the repository "
        + "(looked from " + here + ")");
    throw new IllegalStateException("Prerequisite.missing returned");
  }

  /**
   * A file under the testdata folder; a missing one is a missing {@link Prerequisite}.
   *
   * @param relative for example {@code charon/TestMemEx.golden}
   * @return its path
   */
  public static Path file(String relative) {
    Path p = root().resolve(relative);
    Prerequisite.require(Files.exists(p), () -> "the reference file " + p + " is absent");
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
