package io.parsigex.node.feed;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A minimal feed client on a raw socket (RFC 6455 handshake, unmasked server frames), cheap
 * enough to run a hundred of them beside the server in one test JVM. {@link #stalled} completes the
 * handshake and then never reads, so TCP back-pressure builds up at the server.
 */
final class RawFeedClient implements AutoCloseable {
  private static final int TIMEOUT_MS = 10_000;
  private static final int MAX_HEADER_BYTES = 8192;
  private static final int STALLED_RECEIVE_BUFFER = 4096;
  private static final int READ_BUFFER = 64 * 1024;
  private static final int MAX_FRAME = 1 << 20;
  private static final int OP_TEXT = 1;
  private static final int OP_CLOSE = 8;

  private final Socket socket = new Socket();
  private volatile int closeCode = -1;

  private RawFeedClient(int port, int receiveBuffer) throws IOException {
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer);
    }
    socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
    socket.setSoTimeout(TIMEOUT_MS);
    byte[] nonce = new byte[16];
    new Random(port).nextBytes(nonce);
    String request = "GET " + FeedEndpoint.PATH + " HTTP/1.1\r\n"
        + "Host: 127.0.0.1:" + port + "\r\n"
        + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
        + "Sec-WebSocket-Version: 13\r\n\r\n";
    socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    String head = readHead(socket.getInputStream());
    if (!head.startsWith("HTTP/1.1 101")) {
      throw new IOException("handshake refused: " + head.lines().findFirst().orElse(""));
    }
  }

  /** A client that never reads after the handshake. */
  static RawFeedClient stalled(int port) throws IOException {
    return new RawFeedClient(port, STALLED_RECEIVE_BUFFER);
  }

  /**
   * A client whose thread hands every text frame (as ISO-8859-1 text: enough to find ASCII
   * fields) to {@code sink} until the connection closes.
   */
  static RawFeedClient reading(int port, Consumer<String> sink) throws IOException {
    RawFeedClient c = new RawFeedClient(port, 0);
    Thread t = new Thread(() -> c.readLoop(sink), "raw-feed-reader");
    t.setDaemon(true);
    t.start();
    return c;
  }

  /** The close code the server sent, or -1. */
  int closeCode() {
    return closeCode;
  }

  private void readLoop(Consumer<String> sink) {
    try {
      socket.setSoTimeout(0);
      DataInputStream in = new DataInputStream(
          new BufferedInputStream(socket.getInputStream(), READ_BUFFER));
      while (true) {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long len = b1 & 0x7f;
        if (len == 126) {
          len = in.readUnsignedShort();
        } else if (len == 127) {
          len = in.readLong();
        }
        if ((b1 & 0x80) != 0 || len < 0 || len > MAX_FRAME) {
          throw new IOException("unexpected frame header");
        }
        byte[] payload = new byte[(int) len];
        in.readFully(payload);
        int op = b0 & 0x0f;
        if (op == OP_TEXT) {
          sink.accept(new String(payload, StandardCharsets.ISO_8859_1));
        } else if (op == OP_CLOSE) {
          closeCode = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
          return;
        }
      }
    } catch (EOFException e) {
      // closed
    } catch (IOException e) {
      // socket closed by the test or the server
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (head.size() < MAX_HEADER_BYTES) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      byte[] h = head.toByteArray();
      int n = h.length;
      if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
        break;
      }
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
