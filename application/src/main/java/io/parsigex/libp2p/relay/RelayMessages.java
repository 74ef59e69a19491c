package io.parsigex.libp2p.relay;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import io.parsigex.libp2p.encoding.Varint;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.multiaddr.MultiaddrException;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.libp2p.peer.PeerIdException;
import io.parsigex.proto.libp2p.CircuitProto;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds and checks circuit relay v2 messages. Decoders throw only {@link RelayException}. */
final class RelayMessages {

  private RelayMessages() {}

  static byte[] delimited(MessageLite message) {
    byte[] body = message.toByteArray();
    byte[] len = Varint.encode(body.length);
    byte[] out = new byte[len.length + body.length];
    System.arraycopy(len, 0, out, 0, len.length);
    System.arraycopy(body, 0, out, len.length, body.length);
    return out;
  }

  static byte[] reserve() {
    return delimited(CircuitProto.HopMessage.newBuilder()
        .setType(CircuitProto.HopMessage.Type.RESERVE).build());
  }

  static byte[] connect(PeerId target) {
    return delimited(CircuitProto.HopMessage.newBuilder()
        .setType(CircuitProto.HopMessage.Type.CONNECT)
        .setPeer(CircuitProto.Peer.newBuilder().setId(ByteString.copyFrom(target.multihash())))
        .build());
  }

  static byte[] stopStatus(CircuitProto.Status status) {
    return delimited(CircuitProto.StopMessage.newBuilder()
        .setType(CircuitProto.StopMessage.Type.STATUS).setStatus(status).build());
  }

  static CircuitProto.HopMessage parseHop(byte[] bytes) throws RelayException {
    try {
      return CircuitProto.HopMessage.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new RelayException.Malformed("relay hop message is not valid protobuf: "
          + e.getMessage(), e);
    }
  }

  static CircuitProto.StopMessage parseStop(byte[] bytes) throws RelayException {
    try {
      return CircuitProto.StopMessage.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new RelayException.Malformed("relay stop message is not valid protobuf: "
          + e.getMessage(), e);
    }
  }

  /** Checks that a hop answer is a STATUS OK. */
  static CircuitProto.HopMessage expectOk(CircuitProto.HopMessage m, String what)
      throws RelayException {
    if (!m.hasType() || m.getType() != CircuitProto.HopMessage.Type.STATUS) {
      throw new RelayException.Malformed("relay answered " + what + " with a "
          + (m.hasType() ? m.getType() : "typeless") + " message instead of STATUS", null);
    }
    RelayStatus status = m.hasStatus() ? RelayStatus.of(m.getStatus().getNumber())
        : RelayStatus.UNUSED;
    if (status != RelayStatus.OK) {
      throw new RelayException.Refused("relay refused " + what, status);
    }
    return m;
  }

  static Reservation reservation(PeerId relay, CircuitProto.HopMessage m) throws RelayException {
    if (!m.hasReservation() || !m.getReservation().hasExpire()) {
      throw new RelayException.Malformed("relay accepted the reservation without an expiry", null);
    }
    long expire = m.getReservation().getExpire();
    if (expire < 0 || expire > Instant.MAX.getEpochSecond()) {
      throw new RelayException.Malformed("relay reservation expiry " + Long.toUnsignedString(expire)
          + " is out of range", null);
    }
    List<Multiaddr> addrs = new ArrayList<>();
    for (ByteString b : m.getReservation().getAddrsList()) {
      if (addrs.size() == RelayProtocol.MAX_ADDRESSES) {
        break;
      }
      try {
        addrs.add(Multiaddr.fromBytes(b.toByteArray()));
      } catch (MultiaddrException e) {
        // an address we cannot read is one we cannot use; the others still are
      }
    }
    return new Reservation(relay, Instant.ofEpochSecond(expire), addrs,
        m.hasLimit() ? limit(m.getLimit()) : RelayLimit.NONE);
  }

  static RelayLimit limit(CircuitProto.Limit l) {
    Optional<Duration> duration = l.hasDuration() && l.getDuration() != 0
        ? Optional.of(Duration.ofSeconds(Integer.toUnsignedLong(l.getDuration())))
        : Optional.empty();
    Optional<Long> data = l.hasData() && l.getData() > 0 ? Optional.of(l.getData())
        : Optional.empty();
    return new RelayLimit(duration, data);
  }

  /** The initiator named in a stop CONNECT. */
  static PeerId stopInitiator(CircuitProto.StopMessage m) throws RelayException {
    if (!m.hasType() || m.getType() != CircuitProto.StopMessage.Type.CONNECT) {
      throw new RelayException.Malformed("expected a stop CONNECT, got "
          + (m.hasType() ? m.getType() : "a typeless message"), null);
    }
    if (!m.hasPeer() || !m.getPeer().hasId()) {
      throw new RelayException.Malformed("stop CONNECT names no peer", null);
    }
    try {
      return PeerId.fromBytes(m.getPeer().getId().toByteArray());
    } catch (PeerIdException e) {
      throw new RelayException.Malformed("stop CONNECT names an invalid peer id: "
          + e.getMessage(), e);
    }
  }
}
