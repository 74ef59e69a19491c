package io.parsigex.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.parsigex.api.Duty;
import io.parsigex.api.DutyType;
import io.parsigex.api.PubKey;
import io.parsigex.proto.corepb.ParSigExMsg;
import io.parsigex.proto.corepb.ParSignedData;
import io.parsigex.proto.corepb.ParSignedDataSet;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParSigExFramingTest {

  private static final HexFormat HEX = HexFormat.of();
  private static final String PUBKEY_AA = "0x" + "aa".repeat(48);

  /** A randao frame worked out by hand from Charon's {@code core/corepb/v1/parsigex.proto}, byte
   * for byte. */
  @Test
  void workedFrameOfTheProtocolReference() throws Exception {
    byte[] json = ("{\"epoch\":\"3\",\"signature\":\"0x" + "bb".repeat(96) + "\"}")
        .getBytes(StandardCharsets.US_ASCII);
    assertThat(json).hasSize(222);
    byte[] sig = new byte[96];
    Arrays.fill(sig, (byte) 0xbb);
    WireMessage msg = new WireMessage(new Duty(123, DutyType.RANDAO),
        Map.of(PubKey.fromWireKey(PUBKEY_AA), new WireEntry(json, sig, 2)));

    byte[] frame = ParSigExFraming.encodeFrame(msg);

    ByteBuffer expected = ByteBuffer.allocate(442);
    expected.put(HEX.parseHex("b803" + "0a0408 7b1007".replace(" ", "") + "12af03" + "0aac03" + "0a62"));
    expected.put(PUBKEY_AA.getBytes(StandardCharsets.US_ASCII));
    expected.put(HEX.parseHex("12c502" + "0ade01"));
    expected.put(json);
    expected.put(HEX.parseHex("1260"));
    expected.put(sig);
    expected.put(HEX.parseHex("1802"));
    assertThat(expected.remaining()).isZero();
    assertThat(HEX.formatHex(frame)).isEqualTo(HEX.formatHex(expected.array()));

    WireMessage back = ParSigExFraming.decodeFrame(ByteBuffer.wrap(frame));
    assertThat(back.duty()).isEqualTo(new Duty(123, DutyType.RANDAO));
    WireEntry entry = back.entries().get(PubKey.fromWireKey(PUBKEY_AA));
    assertThat(entry.data()).isEqualTo(json);
    assertThat(entry.shareIndex()).isEqualTo(2);
    assertThat(entry.signature()).as("the signature field is ignored on receive").isEmpty();
  }

  @Test
  void bytesAfterTheFirstMessageAreIgnored() throws Exception {
    byte[] frame = ParSigExFraming.encodeFrame(sample(1));
    byte[] padded = Arrays.copyOf(frame, frame.length + 5);
    ByteBuffer in = ByteBuffer.wrap(padded);
    assertThat(ParSigExFraming.decodeFrame(in).duty()).isEqualTo(sample(1).duty());
    assertThat(in.remaining()).isEqualTo(5);
  }

  @Test
  void truncatedLengthPrefix() {
    assertThatThrownBy(() -> ParSigExFraming.decodeFrame(ByteBuffer.wrap(new byte[] {(byte) 0x80})))
        .isInstanceOf(WireFormatException.Truncated.class)
        .hasMessageContaining("length prefix");
    assertThatThrownBy(() -> ParSigExFraming.decodeFrame(ByteBuffer.allocate(0)))
        .isInstanceOf(WireFormatException.Truncated.class);
  }

  @Test
  void truncatedBody() {
    byte[] frame = ParSigExFraming.encodeFrame(sample(3));
    for (int cut = 1; cut < frame.length; cut++) {
      byte[] part = Arrays.copyOf(frame, cut);
      assertThatThrownBy(() -> ParSigExFraming.decodeFrame(ByteBuffer.wrap(part)))
          .as("cut at %d", cut)
          .isInstanceOf(WireFormatException.Truncated.class);
    }
  }

  @Test
  void nonMinimalVarintIsRejected() {
    // 5 encoded as 0x85 0x00: two bytes where one suffices.
    byte[] frame = {(byte) 0x85, 0x00, 1, 2, 3, 4, 5};
    assertThatThrownBy(() -> ParSigExFraming.decodeFrame(ByteBuffer.wrap(frame)))
        .isInstanceOf(WireFormatException.NonMinimalVarint.class)
        .hasMessageContaining("minimally");
  }

  @Test
  void varintLongerThanNineBytesIsRejected() {
    byte[] frame = new byte[12];
    Arrays.fill(frame, (byte) 0x80);
    assertThatThrownBy(() -> ParSigExFraming.decodeFrame(ByteBuffer.wrap(frame)))
        .isInstanceOf(WireFormatException.VarintTooLong.class);
  }

  @Test
  void lengthOverTheLimitIsRejectedBeforeAllocating() {
    byte[] prefix = UnsignedVarint.encode(ParSigExFraming.MAX_MESSAGE_SIZE + 1L);
    assertThatThrownBy(() -> ParSigExFraming.decodeFrame(ByteBuffer.wrap(prefix)))
        .isInstanceOfSatisfying(WireFormatException.FrameTooLarge.class,
            e -> assertThat(e.announced()).isEqualTo(ParSigExFraming.MAX_MESSAGE_SIZE + 1L))
        .hasMessageContaining("134217729");
    // Even a 2^62 announcement fails on the limit, not on allocation.
    byte[] huge = UnsignedVarint.encode(1L << 62);
    assertThatThrownBy(() -> ParSigExFraming.decodeFrame(ByteBuffer.wrap(huge)))
        .isInstanceOf(WireFormatException.FrameTooLarge.class);
  }

  @Test
  void lengthOfExactlyTheLimitIsAccepted() throws Exception {
    byte[] prefix = UnsignedVarint.encode(ParSigExFraming.MAX_MESSAGE_SIZE);
    ByteBuffer in = ByteBuffer.wrap(prefix);
    assertThat(ParSigExFraming.readLength(in, ParSigExFraming.MAX_MESSAGE_SIZE))
        .contains(ParSigExFraming.MAX_MESSAGE_SIZE);
    assertThat(in.remaining()).isZero();
    // And the frame reader then waits for the body rather than refusing it.
    assertThatThrownBy(() -> ParSigExFraming.decodeFrame(ByteBuffer.wrap(prefix)))
        .isInstanceOf(WireFormatException.Truncated.class);
  }

  @Test
  void garbageIsMalformedProtobuf() {
    byte[] body = {(byte) 0xff, (byte) 0xff, (byte) 0xff};
    assertThatThrownBy(() -> ParSigExFraming.decodeFrame(ByteBuffer.wrap(withPrefix(body))))
        .isInstanceOf(WireFormatException.MalformedProtobuf.class);
  }

  @Test
  void missingDuty() {
    ParSigExMsg msg = validProto().toBuilder().clearDuty().build();
    assertThatThrownBy(() -> ParSigExFraming.fromProto(msg))
        .isInstanceOf(WireFormatException.MissingDuty.class);
  }

  @Test
  void missingDataSet() {
    ParSigExMsg msg = validProto().toBuilder().clearDataSet().build();
    assertThatThrownBy(() -> ParSigExFraming.fromProto(msg))
        .isInstanceOf(WireFormatException.MissingDataSet.class);
  }

  @Test
  void emptyDataSet() {
    ParSigExMsg msg = validProto().toBuilder().setDataSet(ParSignedDataSet.getDefaultInstance()).build();
    assertThatThrownBy(() -> ParSigExFraming.decodeFrame(ByteBuffer.wrap(withPrefix(msg.toByteArray()))))
        .isInstanceOf(WireFormatException.EmptyDataSet.class);
  }

  @Test
  void nonCanonicalKeysAreRejected() {
    for (String key : new String[] {
        PUBKEY_AA.toUpperCase().replace("0X", "0x"), "aa".repeat(48), PUBKEY_AA + "aa",
        PUBKEY_AA.substring(0, 96), "0x" + "zz".repeat(48), ""}) {
      ParSigExMsg msg = protoWithEntry(key, 1);
      assertThatThrownBy(() -> ParSigExFraming.fromProto(msg))
          .as(key)
          .isInstanceOf(WireFormatException.NonCanonicalPubKey.class)
          .hasMessageContaining("lowercase hex");
    }
  }

  @Test
  void shareIndexZeroOrNegativeIsRejected() {
    for (int idx : new int[] {0, -1, Integer.MIN_VALUE}) {
      ParSigExMsg msg = protoWithEntry(PUBKEY_AA, idx);
      assertThatThrownBy(() -> ParSigExFraming.fromProto(msg))
          .isInstanceOf(WireFormatException.InvalidShareIndex.class)
          .hasMessageContaining("share index " + idx);
    }
  }

  @Test
  void unknownDutyTypes() {
    for (int type : new int[] {0, 14, 15, -1, 1000}) {
      ParSigExMsg msg = validProto().toBuilder()
          .setDuty(io.parsigex.proto.corepb.Duty.newBuilder().setSlot(1).setType(type)).build();
      assertThatThrownBy(() -> ParSigExFraming.fromProto(msg))
          .as("type %d", type)
          .isInstanceOf(WireFormatException.UnknownDutyType.class)
          .hasMessageContaining("duty type " + type);
    }
  }

  @Test
  void deprecatedAndUnsupportedDutyTypes() {
    ParSigExMsg builder = validProto().toBuilder()
        .setDuty(io.parsigex.proto.corepb.Duty.newBuilder().setSlot(1).setType(5)).build();
    assertThatThrownBy(() -> ParSigExFraming.fromProto(builder))
        .isInstanceOf(WireFormatException.UnsupportedDutyType.class)
        .hasMessageContaining("builder_proposer")
        .hasMessageContaining("deprecated");
    ParSigExMsg infoSync = validProto().toBuilder()
        .setDuty(io.parsigex.proto.corepb.Duty.newBuilder().setSlot(1).setType(13)).build();
    assertThatThrownBy(() -> ParSigExFraming.fromProto(infoSync))
        .isInstanceOf(WireFormatException.UnsupportedDutyType.class)
        .hasMessageContaining("info_sync");
  }

  @Test
  void everyErrorClassHasItsOwnReasonLabel() {
    assertThat(WireFormatException.class.getPermittedSubclasses()).hasSize(12);
    assertThat(Arrays.stream(WireFormatException.class.getPermittedSubclasses())
        .map(Class::getSimpleName).distinct().count()).isEqualTo(12);
  }

  private static WireMessage sample(int entries) {
    Map<PubKey, WireEntry> map = new java.util.HashMap<>();
    for (int i = 0; i < entries; i++) {
      byte[] key = new byte[48];
      key[0] = (byte) i;
      map.put(PubKey.fromBytes(key), new WireEntry(new byte[] {1, 2, (byte) i}, new byte[96], i + 1));
    }
    return new WireMessage(new Duty(99, DutyType.ATTESTER), map);
  }

  private static ParSigExMsg validProto() {
    return protoWithEntry(PUBKEY_AA, 1);
  }

  private static ParSigExMsg protoWithEntry(String key, int shareIdx) {
    return ParSigExMsg.newBuilder()
        .setDuty(io.parsigex.proto.corepb.Duty.newBuilder().setSlot(5).setType(7))
        .setDataSet(ParSignedDataSet.newBuilder().putSet(key,
            ParSignedData.newBuilder().setData(ByteString.copyFromUtf8("{}")).setShareIdx(shareIdx)
                .build()))
        .build();
  }

  private static byte[] withPrefix(byte[] body) {
    byte[] prefix = UnsignedVarint.encode(body.length);
    byte[] out = Arrays.copyOf(prefix, prefix.length + body.length);
    System.arraycopy(body, 0, out, prefix.length, body.length);
    return out;
  }
}
