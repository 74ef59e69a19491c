package io.parsigex.attack;

import io.parsigex.api.PartialSignatureVerifier;
import io.parsigex.api.PluginContext;
import io.parsigex.api.VerificationRequest;
import io.parsigex.api.VerificationResult;
import java.util.List;
import java.util.Optional;

/**
 * A verifier plugin with a bug: a set from the peer named by its {@code hang-for-peer} setting makes
 * {@code verify} hang (it ignores interrupts, as a call stuck in native code would, and returns only
 * after {@link #HANG_MILLIS}, far beyond any deadline of the tests); every other set it accepts (the
 * real bls-verifier next to it does the real check). Packed as a plugin zip by the tests, loaded in
 * its own class loader; not annotated {@code @Extension} so the node's class path does not pick it
 * up.
 */
public final class HangingVerifier implements PartialSignatureVerifier {

  /** The plugin id. */
  public static final String ID = "hung-verifier";
  /** The setting naming the peer whose sets hang. */
  public static final String HANG_FOR_PEER = "hang-for-peer";
  /** How long a hung call lasts: ten minutes. */
  static final long HANG_MILLIS = 600_000;

  private final Optional<String> hangFor;

  /**
   * Created by the node.
   *
   * @param context the settings
   */
  public HangingVerifier(PluginContext context) {
    this.hangFor = context.setting(HANG_FOR_PEER);
  }

  @Override
  public VerificationResult verify(VerificationRequest request) {
    return verifyAll(List.of(request)).get(0);
  }

  @Override
  public List<VerificationResult> verifyAll(List<VerificationRequest> requests) {
    if (!requests.isEmpty() && hangFor.isPresent()
        && hangFor.get().equals(requests.get(0).senderPeerId())) {
      long end = System.currentTimeMillis() + HANG_MILLIS;
      while (System.currentTimeMillis() < end) {
        try {
          Thread.sleep(Math.max(1, end - System.currentTimeMillis()));
        } catch (InterruptedException ignored) {
          // hung: a stuck call does not notice interrupts
        }
      }
    }
    return requests.stream().map(r -> VerificationResult.ok()).toList();
  }
}
