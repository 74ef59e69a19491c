package io.parsigex.plugins.bls;

import supranational.blst.P1_Affine;
import supranational.blst.P2_Affine;

/**
 * A request that passed every check but the pairing: its decoded public share and signature, and the
 * signing root. Immutable after construction (the points are never mutated).
 *
 * @param index position in the request list
 * @param publicShare the share's public key, in the G1 subgroup
 * @param signature the signature, in the G2 subgroup
 * @param signingRoot the 32-byte message
 */
record Checked(int index, P1_Affine publicShare, P2_Affine signature, byte[] signingRoot) {}
