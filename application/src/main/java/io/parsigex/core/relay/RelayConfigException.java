package io.parsigex.core.relay;

/** Why a relay setting or a relay URL's answer cannot be used. */
public abstract sealed class RelayConfigException extends Exception
    permits RelayConfigException.BadEntry, RelayConfigException.BadAnswer {

  private static final long serialVersionUID = 1L;

  RelayConfigException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A configured relay is neither a multiaddr ending in /p2p/&lt;id&gt; nor an http(s) URL. */
  public static final class BadEntry extends RelayConfigException {
    private static final long serialVersionUID = 1L;
    private final int index;

    BadEntry(int index, String message, Throwable cause) {
      super(message, cause);
      this.index = index;
    }

    /**
     * The position of the entry in the relay list.
     *
     * @return the index
     */
    public int index() {
      return index;
    }
  }

  /** A relay URL answered something that is neither an ENR nor a JSON list of multiaddrs. */
  public static final class BadAnswer extends RelayConfigException {
    private static final long serialVersionUID = 1L;

    BadAnswer(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
