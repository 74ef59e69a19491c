package io.parsigex.core.peerinfo;

import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.buffer.Unpooled;
import io.parsigex.common.log.RateLimitedLog;
import io.parsigex.libp2p.encoding.Varint;
import io.parsigex.libp2p.host.Host;
import io.parsigex.libp2p.host.HostStream;
import io.parsigex.libp2p.multistream.MultistreamException;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.libp2p.protocols.DelimitedMessageReader;
import io.parsigex.libp2p.yamux.YamuxStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * {@code /charon/peerinfo/2.0.0} on a libp2p {@link Host}, as Charon's {@code app/peerinfo} runs
 * it. Each exchange is one stream: the requester writes one length-prefixed PeerInfo, half-closes,
 * and reads one length-prefixed PeerInfo back; the responder reads the request (at most
 * {@link #MAX_MESSAGE_SIZE} bytes within {@link #RECEIVE_TIMEOUT}), ignores its content, answers
 * with our own PeerInfo and closes. Every {@link #PERIOD} (the first after one period, as Charon's
 * ticker) we ask every other member and keep its latest answer, logging a lock-hash or builder-API
 * mismatch as Charon does. Inbound streams from peers that are not members are refused. Every
 * exchange that gives nothing usable is counted by {@link PeerInfoProblem}; what a peer can trigger
 * repeatedly is logged through a {@link RateLimitedLog}. Handlers run on the connection's event
 * loop and never block; the periodic requests start from one scheduler thread and complete
 * asynchronously.
 */
public final class PeerInfoProtocol implements AutoCloseable {

  /** The protocol id. */
  public static final String PROTOCOL_ID = "/charon/peerinfo/2.0.0";
  /** Charon's {@code maxPeerInfoMsgSize} (1 MiB), for requests and answers. */
  public static final int MAX_MESSAGE_SIZE = 1 << 20;
  /** Charon's {@code defaultRcvTimeout}: the responder's read-and-answer deadline. */
  public static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(5);
  /** Charon's {@code defaultSendTimeout}: the requester's deadline for the whole exchange. */
  public static final Duration SEND_TIMEOUT = Duration.ofSeconds(7);
  /** Charon's {@code period}: how often every member is asked. */
  public static final Duration PERIOD = Duration.ofMinutes(1);
  /**
   * Inbound peerinfo requests one member may have in flight; beyond it streams are refused
   * ({@link PeerInfoProblem#TOO_MANY_STREAMS}). Charon sends one a minute.
   */
  public static final int MAX_INBOUND_STREAMS_PER_PEER = 2;
  /** How long after {@link #SEND_TIMEOUT} a request that never got a stream is failed. */
  private static final long BACKSTOP_MILLIS = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(PeerInfoProtocol.class);

  private final Host host;
  private final Set<PeerId> others;
  private final LocalPeerInfo local;
  private final Clock clock;
  private final Map<PeerId, PeerInfoReport> reports = new ConcurrentHashMap<>();
  private final Map<PeerInfoProblem, AtomicLong> problems = new EnumMap<>(PeerInfoProblem.class);
  private final AtomicLong answered = new AtomicLong();
  private final Map<PeerId, AtomicInteger> inbound =
      new ConcurrentHashMap<>();
  private final RateLimitedLog warnings = new RateLimitedLog(LOG, Level.WARN,
      RateLimitedLog.DEFAULT_WINDOW);
  private final AtomicReference<ScheduledExecutorService> ticker = new AtomicReference<>();

  /**
   * Registers the responder on a host.
   *
   * @param host the libp2p host
   * @param members every cluster member (this node may be among them; it is never asked)
   * @param local what we announce
   * @param clock time source for {@code sent_at} and offsets
   */
  public PeerInfoProtocol(Host host, List<PeerId> members, LocalPeerInfo local, Clock clock) {
    this.host = Objects.requireNonNull(host, "host");
    this.others = members.stream().filter(p -> !p.equals(host.peerId()))
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
    this.local = Objects.requireNonNull(local, "local");
    this.clock = Objects.requireNonNull(clock, "clock");
    for (PeerInfoProblem p : PeerInfoProblem.values()) {
      problems.put(p, new AtomicLong());
    }
    host.setStreamHandler(PROTOCOL_ID, this::onStream);
  }

  /**
   * Starts asking every other member every {@link #PERIOD}.
   *
   * @return this
   */
  public PeerInfoProtocol startPeriodicRequests() {
    ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "peerinfo-ticker");
      t.setDaemon(true);
      return t;
    });
    if (!ticker.compareAndSet(null, s)) {
      s.shutdownNow();
      return this;
    }
    s.scheduleAtFixedRate(this::requestAll, PERIOD.toMillis(), PERIOD.toMillis(),
        TimeUnit.MILLISECONDS);
    return this;
  }

  /** Asks every other member once; outcomes are kept and counted, never thrown. */
  public void requestAll() {
    for (PeerId p : others) {
      request(p).exceptionally(e -> null);
    }
  }

  /**
   * What we announce.
   *
   * @return our info
   */
  public LocalPeerInfo local() {
    return local;
  }

  /**
   * The latest answer of each member that answered.
   *
   * @return reports by peer
   */
  public Map<PeerId, PeerInfoReport> reports() {
    return Map.copyOf(reports);
  }

  /**
   * The latest answer of a member.
   *
   * @param peer the member
   * @return its report, if it answered
   */
  public Optional<PeerInfoReport> report(PeerId peer) {
    return Optional.ofNullable(reports.get(peer));
  }

  /**
   * Requests we answered.
   *
   * @return the count
   */
  public long answered() {
    return answered.get();
  }

  /**
   * Exchanges that gave nothing usable, in both directions.
   *
   * @return counts by problem (every problem present)
   */
  public Map<PeerInfoProblem, Long> problems() {
    Map<PeerInfoProblem, Long> out = new EnumMap<>(PeerInfoProblem.class);
    problems.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  // ---- responder -------------------------------------------------------------------------------

  private void onStream(HostStream stream) {
    PeerId peer = stream.remotePeer();
    if (!others.contains(peer)) {
      stream.reset();
      problem(peer, PeerInfoProblem.NOT_A_MEMBER, "peerinfo stream refused: not a cluster member");
      return;
    }
    AtomicInteger mine = inbound.computeIfAbsent(peer,
        p -> new AtomicInteger());
    if (mine.incrementAndGet() > MAX_INBOUND_STREAMS_PER_PEER) {
      mine.decrementAndGet();
      stream.reset();
      problem(peer, PeerInfoProblem.TOO_MANY_STREAMS, "peerinfo stream refused: "
          + MAX_INBOUND_STREAMS_PER_PEER + " requests in flight already");
      return;
    }
    DelimitedMessageReader reader = new DelimitedMessageReader(MAX_MESSAGE_SIZE,
        new DelimitedMessageReader.Callback() {
          @Override
          public void onMessage(YamuxStream s, byte[] message) {
            mine.decrementAndGet();
            try {
              PeerInfoMessage.decode(message); // Charon ignores the request's content
            } catch (InvalidProtocolBufferException e) {
              s.reset();
              problem(peer, PeerInfoProblem.MALFORMED, "peerinfo request is not a PeerInfo: "
                  + e.getMessage());
              return;
            }
            byte[] answer;
            try {
              answer = delimited(local.message(clock.instant()).encode());
            } catch (RuntimeException e) {
              s.reset();
              problem(peer, PeerInfoProblem.INTERNAL, "cannot encode our peerinfo: " + e);
              return;
            }
            stream.write(Unpooled.wrappedBuffer(answer));
            stream.closeWrite();
            answered.incrementAndGet();
          }

          @Override
          public void onFailure(YamuxStream s, DelimitedMessageReader.Failure failure) {
            mine.decrementAndGet();
            problem(peer, problemOf(failure), "peerinfo request not read: " + failure);
          }
        });
    stream.handler(reader);
    reader.armTimeout(stream.yamux(), RECEIVE_TIMEOUT);
  }

  // ---- requester -------------------------------------------------------------------------------

  /**
   * Asks one member for its info and keeps the answer.
   *
   * @param peer the member
   * @return its report; fails with a {@link PeerInfoException} (already counted)
   */
  public CompletableFuture<PeerInfoReport> request(PeerId peer) {
    CompletableFuture<PeerInfoReport> result = new CompletableFuture<>();
    AtomicReference<HostStream> opened = new AtomicReference<>();
    host.newStream(peer, PROTOCOL_ID).whenComplete((stream, err) -> {
      if (err != null) {
        fail(result, peer, openProblem(err), "peerinfo stream not opened: " + rootMessage(err),
            err);
        return;
      }
      opened.set(stream);
      long[] writtenAt = new long[1];
      DelimitedMessageReader reader = new DelimitedMessageReader(MAX_MESSAGE_SIZE,
          new DelimitedMessageReader.Callback() {
            @Override
            public void onMessage(YamuxStream s, byte[] message) {
              Duration rtt = Duration.ofNanos(System.nanoTime() - writtenAt[0]);
              answerReceived(result, peer, message, rtt);
            }

            @Override
            public void onFailure(YamuxStream s, DelimitedMessageReader.Failure failure) {
              fail(result, peer, problemOf(failure), "peerinfo answer not read: " + failure,
                  null);
            }
          });
      stream.handler(reader);
      reader.armTimeout(stream.yamux(), SEND_TIMEOUT);
      byte[] request;
      try {
        request = delimited(local.message(clock.instant()).encode());
      } catch (RuntimeException e) {
        stream.reset();
        fail(result, peer, PeerInfoProblem.INTERNAL, "cannot encode our peerinfo: " + e, e);
        return;
      }
      writtenAt[0] = System.nanoTime();
      stream.write(Unpooled.wrappedBuffer(request));
      stream.closeWrite();
    });
    // a backstop for a stream that never opens; the reader's own timeout covers the exchange
    CompletableFuture.delayedExecutor(SEND_TIMEOUT.toMillis() + BACKSTOP_MILLIS,
        TimeUnit.MILLISECONDS).execute(() -> {
          if (!result.isDone()) {
            HostStream s = opened.get();
            if (s != null) {
              s.reset();
            }
            fail(result, peer, PeerInfoProblem.TIMEOUT, "no peerinfo answer within "
                + SEND_TIMEOUT.toMillis() + " ms", null);
          }
        });
    return result;
  }

  private void answerReceived(CompletableFuture<PeerInfoReport> result, PeerId peer,
      byte[] message, Duration rtt) {
    Instant now = clock.instant();
    PeerInfoMessage info;
    try {
      info = PeerInfoMessage.decode(message);
    } catch (InvalidProtocolBufferException e) {
      fail(result, peer, PeerInfoProblem.MALFORMED, "peerinfo answer is not a PeerInfo: "
          + e.getMessage(), e);
      return;
    }
    if (info.sentAt().isEmpty() || info.startedAt().isEmpty()) {
      fail(result, peer, PeerInfoProblem.MISSING_TIMESTAMPS,
          "invalid peerinfo answer (missing timestamps)", null);
      return;
    }
    if (!LocalPeerInfo.isAcceptedGitHash(info.gitHash())) {
      fail(result, peer, PeerInfoProblem.INVALID_GIT_HASH, "invalid peer git hash "
          + info.gitHash(), null);
      return;
    }
    PeerInfoReport report = new PeerInfoReport(peer, info, rtt,
        PeerInfoReport.clockOffset(info.sentAt().get(), now, rtt), now,
        info.lockHashHex().equals(local.lockHashHex()),
        info.builderApiEnabled() == local.builderApiEnabled());
    PeerInfoReport previous = reports.put(peer, report);
    if (previous == null || !previous.info().version().equals(info.version())
        || !previous.info().effectiveDvClient().equals(info.effectiveDvClient())) {
      LOG.info("Peer {} runs {} {} (git {}, nickname '{}')", peer, info.effectiveDvClient(),
          info.version(), info.gitHash(), info.nickname());
    }
    if (!report.lockHashMatches()) {
      warnings.log(peer + " lock_hash", () -> "Mismatching peer lock hash: peer " + peer
          + " has 0x" + info.lockHashHex() + ", ours is 0x" + local.lockHashHex());
    }
    if (!report.builderApiMatches()) {
      warnings.log(peer + " builder_api", () -> "Mismatching peer builder API status: peer "
          + peer + " has " + info.builderApiEnabled() + ", ours is "
          + local.builderApiEnabled());
    }
    result.complete(report);
  }

  // ---- shared ----------------------------------------------------------------------------------

  private void fail(CompletableFuture<PeerInfoReport> result, PeerId peer,
      PeerInfoProblem problem, String message, Throwable cause) {
    synchronized (result) {
      if (result.isDone()) {
        return;
      }
      // counted before the caller can see the failure
      problem(peer, problem, message);
      result.completeExceptionally(new PeerInfoException(problem, message, cause));
    }
  }

  private void problem(PeerId peer, PeerInfoProblem problem, String message) {
    problems.get(problem).incrementAndGet();
    warnings.log(peer + " " + problem.label(), () -> "peerinfo with " + peer + ": " + message
        + " (" + problem.label() + ", " + problem.fault().label() + " fault)");
  }

  static PeerInfoProblem problemOf(DelimitedMessageReader.Failure failure) {
    return switch (failure) {
      case MALFORMED_PREFIX -> PeerInfoProblem.MALFORMED;
      case TOO_LONG -> PeerInfoProblem.TOO_LONG;
      case TRUNCATED -> PeerInfoProblem.TRUNCATED;
      case RESET -> PeerInfoProblem.RESET;
      case TIMEOUT -> PeerInfoProblem.TIMEOUT;
    };
  }

  private static PeerInfoProblem openProblem(Throwable err) {
    for (Throwable c = err; c != null; c = c.getCause()) {
      if (c instanceof MultistreamException.NoAgreement) {
        return PeerInfoProblem.UNSUPPORTED;
      }
      if (c instanceof MultistreamException.Timeout) {
        return PeerInfoProblem.TIMEOUT;
      }
    }
    return PeerInfoProblem.UNREACHABLE;
  }

  private static String rootMessage(Throwable err) {
    Throwable t = err instanceof CompletionException && err.getCause() != null
        ? err.getCause() : err;
    return String.valueOf(t.getMessage());
  }

  static byte[] delimited(byte[] body) {
    byte[] prefix = Varint.encode(body.length);
    byte[] out = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, out, 0, prefix.length);
    System.arraycopy(body, 0, out, prefix.length, body.length);
    return out;
  }

  @Override
  public void close() {
    ScheduledExecutorService s = ticker.getAndSet(null);
    if (s != null) {
      s.shutdownNow();
    }
    warnings.close();
  }
}
