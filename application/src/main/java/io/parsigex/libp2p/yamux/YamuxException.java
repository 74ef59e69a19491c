package io.parsigex.libp2p.yamux;

/**
 * Why a Yamux session or stream operation failed. A small closed hierarchy: protocol violations by
 * the peer, resets, writes on closed streams, closed sessions, limits reached and timeouts.
 */
public abstract sealed class YamuxException extends Exception
    permits YamuxProtocolException,
        YamuxStreamResetException,
        YamuxStreamClosedException,
        YamuxSessionClosedException,
        YamuxLimitException,
        YamuxTimeoutException {

  private static final long serialVersionUID = 1L;

  YamuxException(String message) {
    super(message);
  }

  YamuxException(String message, Throwable cause) {
    super(message, cause);
  }
}
