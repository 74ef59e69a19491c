package io.parsigex.cluster;

/** Checks every signature a lock carries (filled in below). */
final class LockSignatureVerifier {
  private final ClusterLock lock;

  LockSignatureVerifier(ClusterLock lock) {
    this.lock = lock;
  }

  void verify() throws ClusterException {
  }
}
