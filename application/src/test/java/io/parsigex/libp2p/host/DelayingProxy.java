package io.parsigex.libp2p.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A loopback TCP proxy for one connection at a time that holds every chunk going from the client
 * to the target for a fixed delay (in order), and forwards the other direction at once. It makes
 * the listener of a Noise handshake read the initiator's last message a known time after the
 * initiator finished, which is the window in which the two sides disagree about the connection.
 */
final class DelayingProxy implements AutoCloseable {

  private static final int CHUNK = 64 * 1024;

  private final ServerSocket server;
  private final InetSocketAddress target;
  private final Duration delay;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Thread acceptor;
  private volatile boolean closed;

  DelayingProxy(InetSocketAddress target, Duration delay) throws IOException {
    this.target = target;
    this.delay = delay;
    this.server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::acceptLoop, "delaying-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(target.getAddress(), target.getPort());
        sockets.add(client);
        sockets.add(upstream);
        LinkedBlockingQueue<Held> queue = new LinkedBlockingQueue<>();
        start("delaying-proxy-read", () -> readInto(client, queue));
        start("delaying-proxy-write", () -> writeDelayed(queue, upstream));
        start("delaying-proxy-back", () -> copy(upstream, client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void start(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
  }

  private record Held(long dueNanos, byte[] bytes) {}

  private void readInto(Socket from, LinkedBlockingQueue<Held> queue) {
    byte[] buf = new byte[CHUNK];
    try (InputStream in = from.getInputStream()) {
      for (int n; (n = in.read(buf)) > 0; ) {
        queue.add(new Held(System.nanoTime() + delay.toNanos(), Arrays.copyOf(buf, n)));
      }
    } catch (IOException e) {
      // closed
    }
    queue.add(new Held(System.nanoTime() + delay.toNanos(), new byte[0]));
  }

  private void writeDelayed(LinkedBlockingQueue<Held> queue, Socket to) {
    try (OutputStream out = to.getOutputStream()) {
      while (!closed) {
        Held h = queue.poll(1, TimeUnit.SECONDS);
        if (h == null) {
          continue;
        }
        long wait = h.dueNanos() - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        if (h.bytes().length == 0) {
          return;
        }
        out.write(h.bytes());
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // closed
    }
  }

  private static void copy(Socket from, Socket to) {
    byte[] buf = new byte[CHUNK];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      for (int n; (n = in.read(buf)) > 0; ) {
        out.write(buf, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // closed
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
