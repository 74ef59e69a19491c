package io.parsigex.core.relay;

import io.parsigex.cluster.enr.Enr;
import io.parsigex.cluster.enr.EnrException;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.multiaddr.MultiaddrException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Resolves relay URLs as Charon does: GET the URL (headers {@code Charon-Cluster} and
 * {@code Cluster-Uuid} when known, {@link #REQUEST_TIMEOUT}, at most {@link #MAX_ANSWER_BYTES});
 * the answer is an ENR ({@code enr:…}, giving {@code /ip4/<ip>/tcp/<tcp>/p2p/<id>}) or a JSON list
 * of multiaddrs of one relay. Each URL is asked again every {@link #REFRESH_INTERVAL}, and after a
 * failure with backoff ({@link #RETRY_INITIAL} doubling up to {@link #RETRY_MAX}); whenever the
 * set of relays changes, the listener gets the fixed addresses plus every resolved one. A URL that
 * fails is logged, shown in {@link #errors()} and counted in {@link #failures()}, never fatal.
 */
public final class RelayResolver implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(RelayResolver.class.getName());
  /** Longest wait for one answer. */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  /** Largest answer accepted. */
  public static final int MAX_ANSWER_BYTES = 64 * 1024;
  /** How often a resolved URL is asked again. */
  public static final Duration REFRESH_INTERVAL = Duration.ofMinutes(2);
  /** First wait after a failed query. */
  public static final Duration RETRY_INITIAL = Duration.ofSeconds(1);
  /** Longest wait after failed queries. */
  public static final Duration RETRY_MAX = Duration.ofMinutes(1);
  /** Most addresses taken from one answer. */
  public static final int MAX_ADDRESSES = 16;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final RelaySources sources;
  private final Map<String, String> headers;
  private final Duration refresh;
  private final Consumer<List<Multiaddr>> listener;
  private final ScheduledExecutorService timer;
  private final HttpClient http;
  private final Map<URI, List<Multiaddr>> resolved = new LinkedHashMap<>();
  private final Map<URI, String> errors = new ConcurrentHashMap<>();
  private final AtomicLong failures = new AtomicLong();
  private List<Multiaddr> last = List.of();

  private RelayResolver(RelaySources sources, Map<String, String> headers, Duration refresh,
      Consumer<List<Multiaddr>> listener) {
    this.sources = sources;
    this.headers = Map.copyOf(headers);
    this.refresh = refresh;
    this.listener = listener;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "relay-resolver");
      t.setDaemon(true);
      return t;
    });
    this.http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  /**
   * Starts resolving. The fixed addresses are announced at once (when there are any); each URL's
   * relay is added when it resolves.
   *
   * @param sources the configured relays
   * @param headers request headers, e.g. {@code Charon-Cluster: <lock hash hex>}
   * @param refresh how often to ask again ({@link #REFRESH_INTERVAL} in production)
   * @param listener gets the full relay list whenever it changes (on the resolver's thread)
   * @return the resolver
   */
  public static RelayResolver start(RelaySources sources, Map<String, String> headers,
      Duration refresh, Consumer<List<Multiaddr>> listener) {
    RelayResolver r = new RelayResolver(Objects.requireNonNull(sources, "sources"), headers,
        refresh, Objects.requireNonNull(listener, "listener"));
    r.timer.execute(r::announce);
    for (URI u : sources.urls()) {
      r.timer.execute(() -> r.query(u, RETRY_INITIAL));
    }
    return r;
  }

  /**
   * The latest failure of each URL that is failing now.
   *
   * @return messages by URL
   */
  public Map<URI, String> errors() {
    return Map.copyOf(errors);
  }

  /**
   * Failed queries since the start, of every URL: unreachable, timed out, a non-2xx status, an
   * answer too long or without a usable relay address.
   *
   * @return the count
   */
  public long failures() {
    return failures.get();
  }

  private void query(URI url, Duration retry) {
    HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT).GET();
    headers.forEach(b::header);
    http.sendAsync(b.build(), info -> new BoundedBody(MAX_ANSWER_BYTES))
        .orTimeout(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .whenCompleteAsync((resp, e) -> {
          try {
            if (e != null) {
              Throwable cause = e instanceof java.util.concurrent.CompletionException
                  && e.getCause() != null ? e.getCause() : e;
              if (cause instanceof RelayConfigException.BadAnswer bad) {
                throw bad;
              }
              throw new RelayConfigException.BadAnswer("cannot query " + url + ": "
                  + (cause instanceof java.util.concurrent.TimeoutException
                      ? "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s" : cause), cause);
            }
            if (resp.statusCode() / 100 != 2) {
              throw new RelayConfigException.BadAnswer(url + " answered HTTP "
                  + resp.statusCode(), null);
            }
            List<Multiaddr> addrs = parseAnswer(new String(resp.body(), StandardCharsets.UTF_8));
            errors.remove(url);
            synchronized (this) {
              resolved.put(url, addrs);
            }
            announce();
            schedule(() -> query(url, RETRY_INITIAL), refresh);
          } catch (RelayConfigException ex) {
            String msg = "relay URL " + url + ": " + ex.getMessage();
            failures.incrementAndGet();
            errors.put(url, msg);
            LOG.log(System.Logger.Level.WARNING, msg + " (retrying in " + retry.toMillis()
                + " ms)");
            Duration next = retry.multipliedBy(2).compareTo(RETRY_MAX) > 0 ? RETRY_MAX
                : retry.multipliedBy(2);
            schedule(() -> query(url, next), retry);
          }
        }, timer);
  }

  /** Collects an answer body, refusing it once it exceeds the bound. */
  private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final int max;
    private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    private final java.util.concurrent.CompletableFuture<byte[]> result =
        new java.util.concurrent.CompletableFuture<>();
    private java.util.concurrent.Flow.Subscription subscription;

    BoundedBody(int max) {
      this.max = max;
    }

    @Override
    public java.util.concurrent.CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<java.nio.ByteBuffer> items) {
      for (java.nio.ByteBuffer b : items) {
        if (result.isDone()) {
          return;
        }
        if (out.size() + b.remaining() > max) {
          subscription.cancel();
          result.completeExceptionally(new RelayConfigException.BadAnswer(
              "the answer is longer than " + max + " bytes", null));
          return;
        }
        byte[] a = new byte[b.remaining()];
        b.get(a);
        out.writeBytes(a);
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(out.toByteArray());
    }
  }

  private void schedule(Runnable task, Duration delay) {
    try {
      timer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closed) {
      // stopping
    }
  }

  private void announce() {
    List<Multiaddr> all;
    synchronized (this) {
      LinkedHashSet<Multiaddr> set = new LinkedHashSet<>(sources.addresses());
      resolved.values().forEach(set::addAll);
      all = List.copyOf(set);
      if (all.equals(last)) {
        return;
      }
      last = all;
    }
    if (!all.isEmpty()) {
      LOG.log(System.Logger.Level.INFO, "relays: " + all);
      listener.accept(all);
    }
  }

  /**
   * Reads a relay URL's answer: an ENR, or a JSON list of multiaddrs ending in {@code /p2p/<id>}
   * (unreadable entries are skipped, as Charon does); all must name one relay.
   *
   * @param body the answer
   * @return the relay's addresses, each with {@code /p2p/<id>}
   * @throws RelayConfigException.BadAnswer when no usable relay address is in it
   */
  public static List<Multiaddr> parseAnswer(String body) throws RelayConfigException.BadAnswer {
    String text = body.strip();
    List<Multiaddr> out = new ArrayList<>();
    if (text.startsWith(Enr.PREFIX)) {
      Enr enr;
      try {
        enr = Enr.parse(text);
      } catch (EnrException e) {
        throw new RelayConfigException.BadAnswer("the relay ENR is invalid: " + e.getMessage(), e);
      }
      for (String m : enr.tcpMultiaddrs()) {
        try {
          out.add(Multiaddr.parse(m).withPeerId(enr.peerId()));
        } catch (MultiaddrException e) {
          throw new RelayConfigException.BadAnswer("the relay ENR's address " + m
              + " is unusable: " + e.getMessage(), e);
        }
      }
      if (out.isEmpty()) {
        throw new RelayConfigException.BadAnswer("the relay ENR has no IP address and TCP port",
            null);
      }
      return List.copyOf(out);
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JacksonException e) {
      throw new RelayConfigException.BadAnswer("the answer is neither an ENR nor JSON: "
          + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isArray()) {
      throw new RelayConfigException.BadAnswer("the answer is JSON but not a list of multiaddrs",
          null);
    }
    for (JsonNode n : root) {
      if (out.size() == MAX_ADDRESSES) {
        break;
      }
      if (!n.isString()) {
        continue;
      }
      try {
        Multiaddr m = Multiaddr.parse(n.asString());
        if (m.peerId().isPresent() && !m.isRelayed() && m.tcpEndpoint().isPresent()) {
          out.add(m);
        }
      } catch (MultiaddrException e) {
        LOG.log(System.Logger.Level.WARNING, "skipping relay address '" + n.asString() + "': "
            + e.getMessage());
      }
    }
    if (out.isEmpty()) {
      throw new RelayConfigException.BadAnswer("the answer lists no usable relay multiaddr "
          + "(direct TCP, ending in /p2p/<id>)", null);
    }
    long peers = out.stream().map(m -> m.peerId().orElseThrow()).distinct().count();
    if (peers != 1) {
      throw new RelayConfigException.BadAnswer("the answer names " + peers
          + " relays; one relay per URL is expected", null);
    }
    return List.copyOf(out);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
