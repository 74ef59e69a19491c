package io.parsigex.core.receive;

import io.parsigex.api.CodecException;
import io.parsigex.api.DecodedPayload;
import io.parsigex.api.Duty;
import io.parsigex.api.DutyGater;
import io.parsigex.api.Eth2Signing;
import io.parsigex.api.GateDecision;
import io.parsigex.api.ParSignedData;
import io.parsigex.api.ParSignedDataSet;
import io.parsigex.api.PartialSignatureVerifier;
import io.parsigex.api.PayloadEncoding;
import io.parsigex.api.PubKey;
import io.parsigex.api.VerificationRequest;
import io.parsigex.api.VerificationResult;
import io.parsigex.core.codec.CodecRegistry;
import io.parsigex.common.log.RateLimitedLog;
import io.parsigex.core.extensions.ExtensionCallException;
import io.parsigex.core.extensions.ExtensionFailedException;
import io.parsigex.core.extensions.ExtensionRejection;
import io.parsigex.core.extensions.SenderAwareGater;
import io.parsigex.core.wire.WireEntry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Handles one received set, in Charon's order, on the calling (worker) thread: gate the duty, decode
 * every entry, verify the whole set. Any failure refuses the whole set with the reason that says
 * whose fault it was. Knows nothing of queues, deadlines or publishing: that is
 * {@link ReceivePipeline}'s job, and the pipeline closes it. Thread-safe.
 */
final class SetProcessor implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SetProcessor.class);

  /**
   * Unexpected failures: a bug a peer may trigger repeatedly, so rate-limited (per peer, class).
   * Owned by this processor: its flush timer ends with {@link #close()}.
   */
  private final RateLimitedLog internalLog = new RateLimitedLog(log, Level.ERROR,
      RateLimitedLog.DEFAULT_WINDOW);

  private final DutyGater gater;
  private final CodecRegistry codecs;
  private final Optional<PartialSignatureVerifier> verifier;
  private final SigningContext signing;
  private final Clock clock;

  SetProcessor(DutyGater gater, CodecRegistry codecs, Optional<PartialSignatureVerifier> verifier,
      SigningContext signing, Clock clock) {
    this.gater = Objects.requireNonNull(gater, "gater");
    this.codecs = Objects.requireNonNull(codecs, "codecs");
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.signing = Objects.requireNonNull(signing, "signing");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  ReceiveOutcome process(InboundMessage msg) {
    Duty duty = msg.message().duty();
    String peer = msg.senderPeerId();
    try {
      return handle(msg, duty, peer);
    } catch (ExtensionFailedException e) {
      ExtensionRejection r = e.rejection();
      return rejected(peer, Optional.of(duty), reasonFor(r), r.message());
    } catch (RuntimeException e) {
      internalLog.log(peer + " " + e.getClass().getName(), () -> "Unexpected failure handling "
          + duty + " from " + peer + " (internal): " + e + at(e));
      return rejected(peer, Optional.of(duty), RejectReason.INTERNAL,
          "unexpected failure in this node: " + e);
    }
  }

  private ReceiveOutcome handle(InboundMessage msg, Duty duty, String peer) {
    GateDecision gate = gater instanceof SenderAwareGater aware ? aware.gate(duty, peer)
        : gater.gate(duty);
    if (gate == null || !gate.allowed()) {
      return rejected(peer, Optional.of(duty), RejectReason.GATED,
          "invalid duty: " + (gate == null ? "no answer" : gate.reason()));
    }
    Map<PubKey, ParSignedData> decoded = new LinkedHashMap<>();
    Map<PubKey, PayloadEncoding> encodings = new LinkedHashMap<>();
    for (Map.Entry<PubKey, WireEntry> e : msg.message().entries().entrySet()) {
      DecodedPayload p;
      try {
        p = codecs.decode(duty.type(), e.getValue().data(), peer);
      } catch (CodecException ex) {
        return rejected(peer, Optional.of(duty), codecReason(ex),
            "entry " + e.getKey() + ": " + ex.getMessage());
      }
      decoded.put(e.getKey(), new ParSignedData(p.data(), e.getValue().shareIndex()));
      encodings.put(e.getKey(), p.encoding());
    }
    long start = System.nanoTime();
    Optional<Refusal> bad = verify(peer, msg.senderShareIndex(), duty, decoded);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    if (bad.isPresent()) {
      return rejected(peer, Optional.of(duty), bad.get().reason(), bad.get().message());
    }
    return new ReceiveOutcome.Accepted(new VerifiedSet(peer, duty,
        new ParSignedDataSet(decoded), encodings, msg.receivedAt(), took));
  }

  private Optional<Refusal> verify(String peer, int senderShare, Duty duty,
      Map<PubKey, ParSignedData> decoded) {
    if (verifier.isEmpty()) {
      return Optional.empty();
    }
    // Cheap, before any signing root or plugin call: a member signs only with its own share.
    if (senderShare > 0) {
      for (Map.Entry<PubKey, ParSignedData> e : decoded.entrySet()) {
        if (e.getValue().shareIndex() != senderShare) {
          return Optional.of(new Refusal(RejectReason.WRONG_SHARE, e.getKey() + ": share index "
              + e.getValue().shareIndex() + ", but the sender holds share " + senderShare));
        }
      }
    }
    List<VerificationRequest> requests = new ArrayList<>(decoded.size());
    List<PubKey> keys = new ArrayList<>(decoded.size());
    for (Map.Entry<PubKey, ParSignedData> e : decoded.entrySet()) {
      ParSignedData d = e.getValue();
      Signable s;
      try {
        // A plugin's value is read through its guard (bounded by the plugin call timeout); a
        // built-in value directly, on this worker.
        s = codecs.read(duty.type(), d.data(), peer,
            v -> new Signable(v.eth2Signing(signing.slotsPerEpoch()), v.signature()));
      } catch (CodecException ex) {
        return Optional.of(ex instanceof ExtensionCallException call
            ? new Refusal(reasonFor(call.rejection()), e.getKey() + ": " + ex.getMessage())
            : Refusal.invalid(e.getKey() + ": cannot compute the signing root: "
                + ex.getMessage()));
      }
      Optional<byte[]> root;
      try {
        root = s.signing().map(signing.signingRoot());
      } catch (RuntimeException ex) {
        return Optional.of(Refusal.invalid(e.getKey() + ": cannot compute the signing root: "
            + ex.getMessage()));
      }
      requests.add(new VerificationRequest(peer, senderShare, duty, e.getKey(), d.shareIndex(),
          root, s.signature(), d.data()));
      keys.add(e.getKey());
    }
    List<VerificationResult> results = verifier.get().verifyAll(requests);
    if (results == null || results.size() != requests.size() || results.contains(null)) {
      // the verifier's fault, not the peer's (a guarded verifier never gets here: the guard
      // reports nonsense as a typed failure)
      return Optional.of(new Refusal(RejectReason.PLUGIN_FAILED,
          "the verifier answered nonsense: " + (results == null ? "no results"
              : results.size() + " results for " + requests.size() + " entries")));
    }
    for (int i = 0; i < results.size(); i++) {
      VerificationResult r = results.get(i);
      if (!r.valid()) {
        return Optional.of(Refusal.invalid(keys.get(i) + " (share "
            + requests.get(i).shareIndex() + "): " + r.reason()));
      }
    }
    return Optional.empty();
  }

  /** A codec's exception: a plugin that did not answer is the node's fault, a refusal the peer's. */
  private static RejectReason codecReason(CodecException e) {
    return e instanceof ExtensionCallException call ? reasonFor(call.rejection())
        : RejectReason.UNDECODABLE;
  }

  /**
   * The reason for a guarded plugin call that did not accept. A plugin's own refusal is the peer's
   * fault (what the plugin's point refuses); a plugin that did not answer is the node's.
   *
   * @param r the typed rejection
   * @return the reject reason
   */
  static RejectReason reasonFor(ExtensionRejection r) {
    return switch (r.kind()) {
      case REFUSED -> switch (r.point()) {
        case GATER -> RejectReason.GATED;
        case VERIFIER -> RejectReason.INVALID_SIGNATURE;
        case CODEC -> RejectReason.UNDECODABLE;
      };
      case TIMEOUT -> RejectReason.PLUGIN_TIMEOUT;
      case FAILED, INVALID_RESULT, OUT_OF_SERVICE -> RejectReason.PLUGIN_FAILED;
      case OVERLOADED -> RejectReason.OVERLOADED;
    };
  }

  private static String at(Throwable e) {
    StackTraceElement[] st = e.getStackTrace();
    return st.length == 0 ? "" : " at " + st[0];
  }

  /** What verification needs from a value: read in one call, so a plugin's value costs one hop. */
  private record Signable(Optional<Eth2Signing> signing, byte[] signature) {
    Signable {
      Objects.requireNonNull(signing, "eth2Signing() answered null");
      Objects.requireNonNull(signature, "signature() answered null");
    }
  }

  /** Why verification refused a set. */
  private record Refusal(RejectReason reason, String message) {
    static Refusal invalid(String what) {
      return new Refusal(RejectReason.INVALID_SIGNATURE, "invalid partial signature: " + what);
    }
  }

  private ReceiveOutcome rejected(String peer, Optional<Duty> duty, RejectReason reason,
      String message) {
    return new ReceiveOutcome.Rejected(new Rejection(peer, duty, reason, message, clock.instant()));
  }

  /** Stops the rate-limited log's flush timer (writing its last summaries). */
  @Override
  public void close() {
    internalLog.close();
  }
}
