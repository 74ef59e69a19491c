package io.parsigex.libp2p.crypto;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;

/** The secp256k1 curve constants (immutable). */
final class Secp256k1 {

  static final X9ECParameters CURVE_PARAMS = CustomNamedCurves.getByName("secp256k1");
  static final ECDomainParameters DOMAIN = new ECDomainParameters(CURVE_PARAMS.getCurve(),
      CURVE_PARAMS.getG(), CURVE_PARAMS.getN(), CURVE_PARAMS.getH());
  static final BigInteger N = CURVE_PARAMS.getN();
  static final BigInteger HALF_N = N.shiftRight(1);
  /** Bytes of a private scalar. */
  static final int PRIVATE_KEY_LENGTH = 32;
  /** Bytes of a compressed point. */
  static final int COMPRESSED_LENGTH = 33;

  private Secp256k1() {}
}
