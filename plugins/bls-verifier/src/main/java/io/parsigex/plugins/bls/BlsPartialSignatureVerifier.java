package io.parsigex.plugins.bls;

import io.parsigex.api.PartialSignatureVerifier;
import io.parsigex.api.PluginContext;
import io.parsigex.api.VerificationRequest;
import io.parsigex.api.VerificationResult;
import java.util.List;
import org.pf4j.Extension;

/**
 * The BLS verifier extension: checks each partial signature against the public share of its share
 * index, with one randomised multi-pairing per set. The node creates it with its
 * {@link PluginContext}; the work is done by {@link BatchVerifier}.
 */
@Extension
public final class BlsPartialSignatureVerifier implements PartialSignatureVerifier {

  /** Setting: sets at least this large are split across the available cores. */
  public static final String PARALLEL_THRESHOLD_SETTING = "parallel-threshold";

  private final BatchVerifier verifier;

  /**
   * Created by the node.
   *
   * @param context the cluster's public shares and this plugin's settings
   */
  public BlsPartialSignatureVerifier(PluginContext context) {
    this.verifier = new BatchVerifier(context.cluster(), (int) Math.min(Integer.MAX_VALUE,
        context.longSetting(PARALLEL_THRESHOLD_SETTING, BatchVerifier.DEFAULT_PARALLEL_THRESHOLD)));
  }

  @Override
  public VerificationResult verify(VerificationRequest request) {
    return verifier.verifyAll(List.of(request)).get(0);
  }

  @Override
  public List<VerificationResult> verifyAll(List<VerificationRequest> requests) {
    return verifier.verifyAll(requests);
  }
}
