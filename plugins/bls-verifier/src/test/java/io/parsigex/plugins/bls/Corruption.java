package io.parsigex.plugins.bls;

import io.parsigex.api.VerificationRequest;
import java.util.Random;
import supranational.blst.P2_Affine;

/** Ways to make an entry's signature wrong while it stays a well-formed G2 point or not. */
enum Corruption {
  /** The right key over another root. */
  OTHER_ROOT {
    @Override
    VerificationRequest apply(Fixtures f, VerificationRequest r, Random random) {
      byte[] root = new byte[32];
      random.nextBytes(root);
      return Fixtures.withSignature(r, Fixtures.sign(f.keys.get(f.requests.indexOf(r)), root));
    }
  },
  /** Another key over the right root. */
  OTHER_KEY {
    @Override
    VerificationRequest apply(Fixtures f, VerificationRequest r, Random random) {
      return Fixtures.withSignature(r, Fixtures.sign(Fixtures.key(random), r.signingRoot().get()));
    }
  },
  /** The negated signature: a subgroup point whose weighted term flips sign. */
  NEGATED {
    @Override
    VerificationRequest apply(Fixtures f, VerificationRequest r, Random random) {
      return Fixtures.withSignature(r,
          new P2_Affine(r.signature()).to_jacobian().neg().compress());
    }
  },
  /** A curve point outside the subgroup: refused before any pairing. */
  NOT_IN_SUBGROUP {
    @Override
    VerificationRequest apply(Fixtures f, VerificationRequest r, Random random) {
      return Fixtures.withSignature(r, Fixtures.notInSubgroup(random));
    }
  };

  /** The entry r of f (an entry of f.requests) with a signature that does not verify. */
  abstract VerificationRequest apply(Fixtures f, VerificationRequest r, Random random);
}
