package io.parsigex.core.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.parsigex.api.Duty;
import io.parsigex.api.DutyType;
import io.parsigex.api.PubKey;
import io.parsigex.proto.corepb.ParSigExMsg;
import io.parsigex.proto.corepb.ParSignedData;
import io.parsigex.proto.corepb.ParSignedDataSet;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code /charon/parsigex/2.0.0} frame: an unsigned-varint length, then a {@code ParSigExMsg}
 * protobuf (go-msgio's delimited writer and reader, as Charon uses them).
 *
 * <p>Writing uses minimal varints. Reading rejects non-minimal and over-long varints and checks the
 * announced length against {@link #MAX_MESSAGE_SIZE} before anything is allocated for the message.
 */
public final class ParSigExFraming {

  /** Charon's {@code maxMsgSize}: 128 MiB. A message of exactly this size is accepted. */
  public static final int MAX_MESSAGE_SIZE = 128 << 20;

  private ParSigExFraming() {}

  /**
   * Encodes a message as one frame.
   *
   * @param message the duty and entries
   * @return length prefix followed by the protobuf
   */
  public static byte[] encodeFrame(WireMessage message) {
    byte[] body = toProto(message).toByteArray();
    ByteBuffer out = ByteBuffer.allocate(UnsignedVarint.size(body.length) + body.length);
    UnsignedVarint.write(body.length, out);
    out.put(body);
    return out.array();
  }

  /**
   * The protobuf form of a message (the {@code signature} field is written as given).
   *
   * @param message the message
   * @return the protobuf
   */
  public static ParSigExMsg toProto(WireMessage message) {
    ParSignedDataSet.Builder set = ParSignedDataSet.newBuilder();
    for (Map.Entry<PubKey, WireEntry> e : message.entries().entrySet()) {
      WireEntry entry = e.getValue();
      set.putSet(
          e.getKey().wireKey(),
          ParSignedData.newBuilder()
              .setData(ByteString.copyFrom(entry.data()))
              .setSignature(ByteString.copyFrom(entry.signature()))
              .setShareIdx(entry.shareIndex())
              .build());
    }
    return ParSigExMsg.newBuilder()
        .setDuty(
            io.parsigex.proto.corepb.Duty.newBuilder()
                .setSlot(message.duty().slot())
                .setType(message.duty().type().code())
                .build())
        .setDataSet(set.build())
        .build();
  }

  /**
   * Reads the length prefix at the buffer's position and checks it against the limit. The position
   * is advanced past the prefix only when it is complete.
   *
   * @param in the received bytes
   * @param maxSize the largest acceptable message
   * @return the message length, or empty when the prefix is incomplete
   * @throws WireFormatException for a malformed prefix or a length over {@code maxSize}
   */
  public static Optional<Integer> readLength(ByteBuffer in, int maxSize)
      throws WireFormatException {
    int start = in.position();
    long length = UnsignedVarint.read(in);
    if (length < 0) {
      return Optional.empty();
    }
    if (length > maxSize) {
      in.position(start);
      throw new WireFormatException.FrameTooLarge(length, maxSize);
    }
    return Optional.of((int) length);
  }

  /**
   * Decodes one complete frame. Bytes after the message are ignored, as Charon's receiver ignores
   * anything after the first message on a stream.
   *
   * @param frame the received bytes
   * @return the message
   * @throws WireFormatException naming what was wrong
   */
  public static WireMessage decodeFrame(ByteBuffer frame) throws WireFormatException {
    Optional<Integer> length = readLength(frame, MAX_MESSAGE_SIZE);
    if (length.isEmpty()) {
      throw new WireFormatException.Truncated(
          "input ended inside the length prefix (" + frame.remaining() + " bytes)");
    }
    int n = length.get();
    if (frame.remaining() < n) {
      throw new WireFormatException.Truncated(
          "length prefix announces " + n + " bytes but only " + frame.remaining() + " follow");
    }
    ByteBuffer body = frame.slice(frame.position(), n);
    frame.position(frame.position() + n);
    return decodeMessage(body);
  }

  /**
   * Decodes and validates a {@code ParSigExMsg} body (without its length prefix).
   *
   * @param body the protobuf bytes
   * @return the message
   * @throws WireFormatException naming what was wrong
   */
  public static WireMessage decodeMessage(ByteBuffer body) throws WireFormatException {
    ParSigExMsg msg;
    try {
      msg = ParSigExMsg.parseFrom(body);
    } catch (InvalidProtocolBufferException e) {
      throw new WireFormatException.MalformedProtobuf(
          "not a ParSigExMsg protobuf: " + e.getMessage(), e);
    }
    return fromProto(msg);
  }

  /**
   * Validates a parsed {@code ParSigExMsg}.
   *
   * @param msg the protobuf
   * @return the message
   * @throws WireFormatException naming what was wrong
   */
  public static WireMessage fromProto(ParSigExMsg msg) throws WireFormatException {
    if (!msg.hasDuty()) {
      throw new WireFormatException.MissingDuty();
    }
    if (!msg.hasDataSet()) {
      throw new WireFormatException.MissingDataSet();
    }
    Duty duty = new Duty(msg.getDuty().getSlot(), dutyType(msg.getDuty().getType()));
    Map<String, ParSignedData> set = msg.getDataSet().getSetMap();
    if (set.isEmpty()) {
      throw new WireFormatException.EmptyDataSet();
    }
    Map<PubKey, WireEntry> entries = new LinkedHashMap<>(set.size() * 2);
    for (Map.Entry<String, ParSignedData> e : set.entrySet()) {
      String key = e.getKey();
      if (!PubKey.isCanonicalWireKey(key)) {
        throw new WireFormatException.NonCanonicalPubKey(
            "set key " + abbreviate(key) + " is not \"0x\" followed by 96 lowercase hex characters");
      }
      ParSignedData pb = e.getValue();
      if (pb.getShareIdx() <= 0) {
        throw new WireFormatException.InvalidShareIndex(
            "entry " + abbreviate(key) + " has share index " + pb.getShareIdx()
                + "; share indices start at 1");
      }
      // The protobuf signature field is ignored on receive, as Go does: the signature is taken from
      // inside the payload.
      entries.put(PubKey.fromWireKey(key), new WireEntry(pb.getData().toByteArray(), null,
          pb.getShareIdx()));
    }
    return new WireMessage(duty, entries);
  }

  private static DutyType dutyType(int code) throws WireFormatException {
    Optional<DutyType> type = DutyType.fromCode(code);
    if (type.isEmpty() || !type.get().isValid()) {
      throw new WireFormatException.UnknownDutyType(
          "duty type " + code + " is not a valid Charon duty type (1.." + (DutyType.SENTINEL_CODE - 1)
              + ")");
    }
    DutyType t = type.get();
    if (t.isDeprecated()) {
      throw new WireFormatException.UnsupportedDutyType(
          "duty type " + code + " (" + t.charonName() + ") is deprecated and no longer exchanged");
    }
    if (!t.isCarriedByParSigEx()) {
      throw new WireFormatException.UnsupportedDutyType(
          "duty type " + code + " (" + t.charonName() + ") is not carried by parsigex");
    }
    return t;
  }

  private static String abbreviate(String key) {
    String shown = key.length() > 24 ? key.substring(0, 24) + "…" : key;
    return "\"" + shown + "\" (" + key.length() + " characters)";
  }
}
