package io.parsigex.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The command-line usage {@code --help} prints. */
final class Usage {

  /** The arguments that ask for it. */
  static final List<String> FLAGS = List.of("--help", "-h");
  private static final String RESOURCE = "/parsigex-usage.txt";

  private Usage() {}

  /**
   * Whether the arguments ask for the usage.
   *
   * @param args the command line
   * @return true when one of them is {@code --help} or {@code -h}
   */
  static boolean requested(String[] args) {
    for (String a : args) {
      if (FLAGS.contains(a)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Prints the usage.
   *
   * @param out where to
   */
  static void print(PrintStream out) {
    try (InputStream in = Usage.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the application");
      }
      out.print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
