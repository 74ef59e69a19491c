package io.parsigex.libp2p.host;

import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.testsupport.NodeJs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/** A js-libp2p peer (libp2p-peer.mjs) driven line by line; events are kept until awaited. */
final class JsPeer implements AutoCloseable {

  private final NodeJs.JsProcess process;
  private final List<String> unclaimed = new ArrayList<>();
  final PeerId peerId;
  final Multiaddr address;

  JsPeer(Secp256k1PrivateKey key, String allowed) throws Exception {
    process = NodeJs.get().start("libp2p-peer.mjs", HexFormat.of().formatHex(key.bytes()),
        allowed);
    String[] l = await("listening ", Duration.ofSeconds(30)).split(" ");
    address = Multiaddr.parse(l[1]);
    peerId = PeerId.parse(l[2]);
  }

  /** The first not-yet-claimed line starting with {@code prefix}, waiting up to {@code timeout}. */
  String await(String prefix, Duration timeout) {
    for (Iterator<String> it = unclaimed.iterator(); it.hasNext(); ) {
      String line = it.next();
      if (line.startsWith(prefix)) {
        it.remove();
        return line;
      }
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("js peer printed no '" + prefix + "' line; unclaimed: "
            + unclaimed);
      }
      String line = process.awaitLine("", Duration.ofNanos(left));
      if (line.startsWith(prefix)) {
        return line;
      }
      unclaimed.add(line);
    }
  }

  /** Sends a command and returns its answer (a line starting with {@code cmd-}). */
  String command(String command, Duration timeout) {
    process.send(command);
    String cmd = command.split(" ")[0];
    String answer = await(answerPrefix(cmd), timeout);
    return answer;
  }

  private String answerPrefix(String cmd) {
    return switch (cmd) {
      case "dial" -> "dial";
      case "echo" -> "echo-";
      case "big" -> "big-";
      case "ping" -> "ping-";
      default -> cmd;
    };
  }

  @Override
  public void close() {
    try {
      process.send("exit");
    } catch (RuntimeException ignored) {
      // already gone
    }
    process.close();
  }
}
