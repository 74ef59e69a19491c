package io.parsigex.node.plugins.broken;

import io.parsigex.api.PartialSignatureVerifier;
import io.parsigex.api.VerificationRequest;
import io.parsigex.api.VerificationResult;

/**
 * A verifier plugin that hangs on some sets, packed into a plugin zip by
 * {@link io.parsigex.testsupport.PluginArtifacts#testPlugin} (never annotated {@code @Extension}).
 * A set whose duty slot is at least {@link #POISON_SLOT} makes {@code verify} never return (it sleeps
 * {@link #HANG_MILLIS}, ignoring interrupts, far past any test); any other entry is valid when its
 * signature's first byte is 1.
 */
public class FaultyVerifier implements PartialSignatureVerifier {

  /** Sets at this slot or later hang the verifier. */
  public static final long POISON_SLOT = 1_000_000;
  /** How long a hung call sleeps, ignoring interrupts. */
  public static final long HANG_MILLIS = 120_000;

  @Override
  public VerificationResult verify(VerificationRequest request) {
    if (request.duty().slot() >= POISON_SLOT) {
      hang();
    }
    byte[] sig = request.signature();
    return sig.length > 0 && sig[0] == 1 ? VerificationResult.ok()
        : VerificationResult.invalid("signature byte is not 1");
  }

  static void hang() {
    long end = System.nanoTime() + HANG_MILLIS * 1_000_000L;
    while (System.nanoTime() < end) {
      try {
        Thread.sleep(Math.max(1, (end - System.nanoTime()) / 1_000_000L));
      } catch (InterruptedException e) {
        // a plugin that ignores interrupts: the worse case for the node
      }
    }
  }
}
