package io.parsigex.core.peerinfo;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What this node announces through peerinfo. Charon checks two of these fields on every answer: a
 * {@code git_hash} that is neither 7 lowercase hex digits nor {@code unknown} makes it log "Invalid
 * peer git hash" and drop the answer; a {@code dv_client} other than {@code charon} makes it skip
 * its Charon release-compatibility check. So we send {@link #UNKNOWN_GIT_HASH} (unless the build
 * knows its commit) and {@link #DV_CLIENT}. Immutable.
 *
 * @param version our release version, as {@code v<major>.<minor>.<patch>}
 * @param gitHash 7 lowercase hex digits, or {@link #UNKNOWN_GIT_HASH}
 * @param lockHashHex the cluster lock hash (32 bytes, hex), or empty without a lock
 * @param startedAt when this node started
 * @param builderApiEnabled the builder-API flag we announce (Charon warns when it differs from its
 *     own)
 * @param nickname the operator's nickname for this node (may be empty)
 */
public record LocalPeerInfo(String version, String gitHash, String lockHashHex, Instant startedAt,
    boolean builderApiEnabled, String nickname) {

  /** Our {@code dv_client}: not {@code charon}, so Charon skips its release-version check. */
  public static final String DV_CLIENT = "parsigex-jvm";
  /** Our release version, as in our identify agent string ({@code parsigex-jvm/0.1.0}). */
  public static final String DEFAULT_VERSION = "v0.1.0";
  /** What Charon sends when its build has no commit; it accepts this value. */
  public static final String UNKNOWN_GIT_HASH = "unknown";
  /** Longest nickname we announce. */
  public static final int MAX_NICKNAME = 64;
  /** Length of a lock hash, in bytes. */
  public static final int LOCK_HASH_LENGTH = 32;
  /** Charon's {@code gitHashMatch}. */
  static final Pattern GIT_HASH = Pattern.compile("^[0-9a-f]{7}$");

  /** Validates. */
  public LocalPeerInfo {
    Objects.requireNonNull(version, "version");
    if (version.isEmpty()) {
      throw new IllegalArgumentException("version must not be empty");
    }
    Objects.requireNonNull(gitHash, "gitHash");
    if (!isAcceptedGitHash(gitHash)) {
      throw new IllegalArgumentException("gitHash must be 7 lowercase hex digits or "
          + UNKNOWN_GIT_HASH + ", not " + gitHash);
    }
    Objects.requireNonNull(lockHashHex, "lockHashHex");
    int bytes = HexFormat.of().parseHex(lockHashHex).length;
    if (bytes != 0 && bytes != LOCK_HASH_LENGTH) {
      throw new IllegalArgumentException("lock hash must be " + LOCK_HASH_LENGTH
          + " bytes, not " + bytes);
    }
    lockHashHex = lockHashHex.toLowerCase(java.util.Locale.ROOT);
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(nickname, "nickname");
    if (nickname.length() > MAX_NICKNAME) {
      throw new IllegalArgumentException("nickname must have at most " + MAX_NICKNAME
          + " characters");
    }
  }

  /**
   * A node without a lock, started now, with no nickname and the builder API off.
   *
   * @return the defaults
   */
  public static LocalPeerInfo defaults() {
    return new LocalPeerInfo(DEFAULT_VERSION, UNKNOWN_GIT_HASH, "", Instant.now(), false, "");
  }

  /**
   * The same with another lock hash.
   *
   * @param hex the lock hash (32 bytes, hex), or empty
   * @return a copy
   */
  public LocalPeerInfo withLockHash(String hex) {
    return new LocalPeerInfo(version, gitHash, hex, startedAt, builderApiEnabled, nickname);
  }

  /**
   * The same with another nickname and builder-API flag.
   *
   * @param newNickname the nickname
   * @param builderApi the flag
   * @return a copy
   */
  public LocalPeerInfo withOperatorSettings(String newNickname, boolean builderApi) {
    return new LocalPeerInfo(version, gitHash, lockHashHex, startedAt, builderApi, newNickname);
  }

  /**
   * Whether Charon accepts a git hash ({@code ^[0-9a-f]{7}$} or {@code unknown}).
   *
   * @param gitHash the value
   * @return true when Charon accepts it
   */
  public static boolean isAcceptedGitHash(String gitHash) {
    return UNKNOWN_GIT_HASH.equals(gitHash) || GIT_HASH.matcher(gitHash).matches();
  }

  /**
   * The message to send now.
   *
   * @param now the current time (its {@code sent_at})
   * @return the message
   */
  public PeerInfoMessage message(Instant now) {
    return new PeerInfoMessage(version, lockHashHex, gitHash, Optional.of(now),
        Optional.of(startedAt), builderApiEnabled, nickname, DV_CLIENT);
  }
}
