package io.parsigex.libp2p.host;

import io.parsigex.libp2p.peer.PeerId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The established connections by peer, and the listeners told about them. */
final class ConnectionRegistry {

  private static final System.Logger LOG = System.getLogger(ConnectionRegistry.class.getName());

  private final Map<PeerId, List<Connection>> connections = new ConcurrentHashMap<>();
  private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();

  void addListener(ConnectionListener listener) {
    listeners.add(listener);
  }

  void add(Connection c) {
    // One atomic step per key: with computeIfAbsent(...).add(c), a concurrent remove() of the
    // peer's last other connection could drop the list from the map between the two calls, and
    // c would land in an orphan list, invisible to open() (a peer connected but "no connection").
    connections.compute(c.remotePeer(), (p, list) -> {
      List<Connection> out = list == null ? new CopyOnWriteArrayList<>() : list;
      out.add(c);
      return out;
    });
    notify(l -> l.connected(c));
  }

  /** Removes a closed connection; returns true when no open connection to its peer remains. */
  boolean remove(Connection c) {
    connections.computeIfPresent(c.remotePeer(), (p, list) -> {
      list.remove(c);
      return list.isEmpty() ? null : list;
    });
    notify(l -> l.disconnected(c));
    return open(c.remotePeer()).isEmpty();
  }

  void gated(PeerId peer) {
    notify(l -> l.gated(peer));
  }

  /** The newest open connection to the peer. */
  Optional<Connection> open(PeerId peer) {
    List<Connection> list = connections.getOrDefault(peer, List.of());
    for (int i = list.size() - 1; i >= 0; i--) {
      if (list.get(i).isOpen()) {
        return Optional.of(list.get(i));
      }
    }
    return Optional.empty();
  }

  Set<PeerId> connectedPeers() {
    Set<PeerId> out = new HashSet<>();
    connections.forEach((p, l) -> {
      if (l.stream().anyMatch(Connection::isOpen)) {
        out.add(p);
      }
    });
    return out;
  }

  int count() {
    return connections.values().stream().mapToInt(List::size).sum();
  }

  List<Connection> all() {
    List<Connection> out = new ArrayList<>();
    connections.values().forEach(out::addAll);
    return out;
  }

  private void notify(Consumer<ConnectionListener> event) {
    for (ConnectionListener l : listeners) {
      try {
        event.accept(l);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "connection listener " + l + " failed", e);
      }
    }
  }
}
