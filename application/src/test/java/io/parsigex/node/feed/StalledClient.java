package io.parsigex.node.feed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * A feed client that completes the WebSocket handshake on a raw socket and then never reads
 * again, so TCP back-pressure builds up at the server (a small receive buffer makes it quick).
 */
final class StalledClient implements AutoCloseable {
  private static final int RECEIVE_BUFFER = 4096;
  private static final int TIMEOUT_MS = 10_000;
  private static final int MAX_HEADER_BYTES = 8192;

  private final Socket socket = new Socket();

  StalledClient(int port) throws IOException {
    socket.setReceiveBufferSize(RECEIVE_BUFFER);
    socket.setSoTimeout(TIMEOUT_MS);
    socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
    byte[] nonce = new byte[16];
    new Random(1).nextBytes(nonce);
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
