package io.parsigex.libp2p.multistream;

import io.parsigex.libp2p.encoding.EncodingException;
import io.parsigex.libp2p.encoding.Varint;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A sans-IO multistream-select 1.0 negotiation, for one side of one connection or stream: feed it
 * received bytes, send what it returns, and stop when it reports the agreed protocol. Bytes that
 * arrived behind the final message (a pipelined first application message) come back as leftover.
 * Not thread-safe: drive it from one thread (the channel's event loop).
 *
 * <p>The dialer sends the header and its first proposal together (as go-libp2p does) and moves to
 * the next proposal on {@code na}. The listener sends its header at once, answers {@code na} to
 * unsupported proposals and {@code ls} with its protocol list.
 */
public final class Negotiator {

  /** The multistream-select 1.0 header line. */
  public static final String HEADER = "/multistream/1.0.0";
  /** The refusal line. */
  public static final String NA = "na";
  /** The list request line. */
  public static final String LS = "ls";
  /** Longest message accepted (length prefix value, including the newline). */
  public static final int MAX_MESSAGE_LENGTH = 1024;
  /** Most proposals a listener answers before it gives up on the peer. */
  public static final int MAX_PROPOSALS = 64;

  /** One step's effect. */
  public record Step(byte[] output, Optional<String> protocol, byte[] leftover) {
    /**
     * Copies the arrays.
     *
     * @param output bytes to send now (may be empty)
     * @param protocol the agreed protocol, once negotiation is done
     * @param leftover bytes received after the final message (only when done)
     */
    public Step {
      output = output.clone();
      leftover = leftover.clone();
    }

    /**
     * Bytes to send.
     *
     * @return a copy
     */
    @Override
    public byte[] output() {
      return output.clone();
    }

    /**
     * Application bytes that came behind the negotiation.
     *
     * @return a copy
     */
    @Override
    public byte[] leftover() {
      return leftover.clone();
    }

    /**
     * Whether the negotiation finished.
     *
     * @return true once a protocol is agreed
     */
    public boolean done() {
      return protocol.isPresent();
    }
  }

  private enum State { NEW, AWAIT_HEADER, AWAIT_MESSAGE, DONE, FAILED }

  private final boolean dialer;
  private final List<String> proposals;
  private final Set<String> supported;
  private State state = State.NEW;
  private int proposalIndex;
  private int proposalsSeen;
  private byte[] buffer = new byte[0];

  private Negotiator(boolean dialer, List<String> proposals, Set<String> supported) {
    this.dialer = dialer;
    this.proposals = proposals;
    this.supported = supported;
  }

  /**
   * A dialer that proposes {@code protocols} in order.
   *
   * @param protocols one or more protocol ids
   * @return the negotiator
   */
  public static Negotiator dialer(List<String> protocols) {
    List<String> p = List.copyOf(protocols);
    if (p.isEmpty()) {
      throw new IllegalArgumentException("a dialer needs at least one protocol to propose");
    }
    p.forEach(Negotiator::checkProtocolId);
    return new Negotiator(true, p, Set.of());
  }

  /**
   * A listener that accepts the protocols in {@code supported}.
   *
   * @param supported the protocol ids it speaks
   * @return the negotiator
   */
  public static Negotiator listener(Set<String> supported) {
    Set<String> s = Set.copyOf(supported);
    s.forEach(Negotiator::checkProtocolId);
    return new Negotiator(false, List.of(), s);
  }

  private static void checkProtocolId(String id) {
    if (id.isEmpty() || id.indexOf('\n') >= 0 || encode(id).length > MAX_MESSAGE_LENGTH + 2
        || id.equals(NA) || id.equals(LS) || id.equals(HEADER)) {
      throw new IllegalArgumentException("invalid protocol id '" + id + "'");
    }
  }

  /**
   * Starts the negotiation.
   *
   * @return the bytes to send first (header, plus the first proposal for a dialer)
   */
  public byte[] start() {
    if (state != State.NEW) {
      throw new IllegalStateException("negotiation already started");
    }
    state = State.AWAIT_HEADER;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(encode(HEADER));
    if (dialer) {
      out.writeBytes(encode(proposals.get(0)));
    }
    return out.toByteArray();
  }

  /**
   * Whether a protocol was agreed.
   *
   * @return true when done
   */
  public boolean isDone() {
    return state == State.DONE;
  }

  /**
   * Feeds received bytes.
   *
   * @param data the bytes
   * @return what to send, and the result once done
   * @throws MultistreamException.ProtocolViolation for malformed or unexpected messages
   * @throws MultistreamException.NoAgreement when no protocol can be agreed
   */
  public Step receive(byte[] data) throws MultistreamException {
    if (state == State.NEW) {
      throw new IllegalStateException("call start() first");
    }
    if (state == State.DONE || state == State.FAILED) {
      throw new IllegalStateException("negotiation already " + state.name().toLowerCase());
    }
    byte[] joined = Arrays.copyOf(buffer, buffer.length + data.length);
    System.arraycopy(data, 0, joined, buffer.length, data.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int pos = 0;
    try {
      while (true) {
        Varint.Decoded len = Varint.read(joined, pos, joined.length);
        if (len == null) {
          break;
        }
        if (len.value() > MAX_MESSAGE_LENGTH || len.value() < 1) {
          throw violation("message length " + len.value() + " is outside 1.."
              + MAX_MESSAGE_LENGTH);
        }
        if (state == State.AWAIT_HEADER && len.value() != HEADER.length() + 1) {
          throw violation("expected the " + HEADER + " header, got a " + len.value()
              + "-byte message");
        }
        int end = pos + len.length() + (int) len.value();
        if (end > joined.length) {
          break;
        }
        if (joined[end - 1] != '\n') {
          throw violation("message does not end with a newline");
        }
        String msg = new String(joined, pos + len.length(), (int) len.value() - 1,
            StandardCharsets.UTF_8);
        pos = end;
        Optional<String> agreed = handle(msg, out);
        if (agreed.isPresent()) {
          state = State.DONE;
          buffer = new byte[0];
          return new Step(out.toByteArray(), agreed, Arrays.copyOfRange(joined, pos,
              joined.length));
        }
      }
    } catch (EncodingException e) {
      throw violation("bad length prefix: " + e.getMessage());
    } catch (MultistreamException e) {
      state = State.FAILED;
      throw e;
    }
    buffer = Arrays.copyOfRange(joined, pos, joined.length);
    if (buffer.length > MAX_MESSAGE_LENGTH + Varint.MAX_BYTES) {
      throw violation("incomplete message exceeds " + MAX_MESSAGE_LENGTH + " bytes");
    }
    return new Step(out.toByteArray(), Optional.empty(), new byte[0]);
  }

  private Optional<String> handle(String msg, ByteArrayOutputStream out)
      throws MultistreamException {
    if (state == State.AWAIT_HEADER) {
      if (!HEADER.equals(msg)) {
        throw violation("expected header " + HEADER + ", got '" + abbreviate(msg) + "'");
      }
      state = State.AWAIT_MESSAGE;
      return Optional.empty();
    }
    if (dialer) {
      String proposed = proposals.get(proposalIndex);
      if (proposed.equals(msg)) {
        return Optional.of(proposed);
      }
      if (!NA.equals(msg)) {
        throw violation("expected '" + proposed + "' or na, got '" + abbreviate(msg) + "'");
      }
      proposalIndex++;
      if (proposalIndex == proposals.size()) {
        throw new MultistreamException.NoAgreement("peer supports none of " + proposals);
      }
      out.writeBytes(encode(proposals.get(proposalIndex)));
      return Optional.empty();
    }
    if (++proposalsSeen > MAX_PROPOSALS) {
      throw new MultistreamException.NoAgreement("peer proposed more than " + MAX_PROPOSALS
          + " protocols without agreement; we support " + supported);
    }
    if (LS.equals(msg)) {
      out.writeBytes(listResponse());
      return Optional.empty();
    }
    if (supported.contains(msg)) {
      out.writeBytes(encode(msg));
      return Optional.of(msg);
    }
    out.writeBytes(encode(NA));
    return Optional.empty();
  }

  private byte[] listResponse() {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    supported.stream().sorted().forEach(p -> body.writeBytes(encode(p)));
    body.write('\n');
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(Varint.encode(body.size()));
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  /**
   * Encodes one message: uvarint length, the text, a newline.
   *
   * @param line the text without newline
   * @return the bytes
   */
  public static byte[] encode(String line) {
    byte[] text = line.getBytes(StandardCharsets.UTF_8);
    byte[] len = Varint.encode(text.length + 1L);
    byte[] out = new byte[len.length + text.length + 1];
    System.arraycopy(len, 0, out, 0, len.length);
    System.arraycopy(text, 0, out, len.length, text.length);
    out[out.length - 1] = '\n';
    return out;
  }

  private MultistreamException.ProtocolViolation violation(String why) {
    state = State.FAILED;
    return new MultistreamException.ProtocolViolation("multistream-select: " + why);
  }

  private static String abbreviate(String s) {
    return s.length() <= 64 ? s : s.substring(0, 61) + "...";
  }

  /**
   * The protocols this dialer proposes, in order.
   *
   * @return the proposals
   */
  public List<String> proposals() {
    return new ArrayList<>(proposals);
  }
}
