package io.parsigex.core.peerinfo;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import io.parsigex.proto.peerinfo.PeerInfo;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * One peerinfo message, the request and the response alike. Text fields a peer sent are kept at
 * most {@link #MAX_TEXT} characters (longer ones are cut and marked), so what we log and keep per
 * peer stays small whatever a peer sends. Immutable.
 *
 * @param version {@code charon_version}: the sender's release version
 * @param lockHashHex {@code lock_hash} as lowercase hex (empty without a lock)
 * @param gitHash {@code git_hash}: 7 hex digits or {@code unknown}
 * @param sentAt {@code sent_at}
 * @param startedAt {@code started_at}
 * @param builderApiEnabled {@code builder_api_enabled}
 * @param nickname {@code nickname}
 * @param dvClient {@code dv_client}; empty means {@code charon}
 */
public record PeerInfoMessage(String version, String lockHashHex, String gitHash,
    Optional<Instant> sentAt, Optional<Instant> startedAt, boolean builderApiEnabled,
    String nickname, String dvClient) {

  /** Longest text kept from a peer's field. */
  public static final int MAX_TEXT = 128;
  /** What Charon reads an empty {@code dv_client} as. */
  public static final String CHARON_CLIENT = "charon";

  /** Validates. */
  public PeerInfoMessage {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(lockHashHex, "lockHashHex");
    HexFormat.of().parseHex(lockHashHex);
    Objects.requireNonNull(gitHash, "gitHash");
    Objects.requireNonNull(sentAt, "sentAt");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(nickname, "nickname");
    Objects.requireNonNull(dvClient, "dvClient");
  }

  /**
   * The client type as Charon reads it: an empty {@code dv_client} is {@code charon}.
   *
   * @return the client type
   */
  public String effectiveDvClient() {
    return dvClient.isEmpty() ? CHARON_CLIENT : dvClient;
  }

  /**
   * The protobuf bytes (without a length prefix).
   *
   * @return the encoded message
   */
  public byte[] encode() {
    PeerInfo.Builder b = PeerInfo.newBuilder()
        .setCharonVersion(version)
        .setLockHash(ByteString.copyFrom(HexFormat.of().parseHex(lockHashHex)))
        .setGitHash(gitHash)
        .setBuilderApiEnabled(builderApiEnabled)
        .setNickname(nickname)
        .setDvClient(dvClient);
    sentAt.ifPresent(t -> b.setSentAt(timestamp(t)));
    startedAt.ifPresent(t -> b.setStartedAt(timestamp(t)));
    return b.build().toByteArray();
  }

  /**
   * Decodes a peer's message; long text fields are cut to {@link #MAX_TEXT}.
   *
   * @param bytes the protobuf bytes (without the length prefix); empty is the empty message
   * @return the message
   * @throws InvalidProtocolBufferException when the bytes are not a PeerInfo protobuf
   */
  public static PeerInfoMessage decode(byte[] bytes) throws InvalidProtocolBufferException {
    PeerInfo p = PeerInfo.parseFrom(bytes);
    return new PeerInfoMessage(cut(p.getCharonVersion()),
        HexFormat.of().formatHex(p.getLockHash().toByteArray()), cut(p.getGitHash()),
        p.hasSentAt() ? Optional.of(instant(p.getSentAt())) : Optional.empty(),
        p.hasStartedAt() ? Optional.of(instant(p.getStartedAt())) : Optional.empty(),
        p.getBuilderApiEnabled(), cut(p.getNickname()), cut(p.getDvClient()));
  }

  private static String cut(String s) {
    return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "…";
  }

  private static Timestamp timestamp(Instant t) {
    return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
  }

  private static Instant instant(Timestamp t) {
    // Out-of-range values from a peer are clamped rather than refused: only logs and offsets use
    // them.
    long seconds = Math.max(Instant.MIN.getEpochSecond(),
        Math.min(Instant.MAX.getEpochSecond(), t.getSeconds()));
    return Instant.ofEpochSecond(seconds, Math.floorMod(t.getNanos(), 1_000_000_000));
  }
}
