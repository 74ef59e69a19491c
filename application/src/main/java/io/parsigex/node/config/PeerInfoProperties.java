package io.parsigex.node.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the node announces to Charon peers through {@code /charon/peerinfo/2.0.0}
 * ({@code parsigex.peerinfo.*}). The lock hash comes from the lock file.
 *
 * @param nickname the operator's nickname for this node, as Charon's {@code --nickname} (default
 *     empty, at most 64 characters)
 * @param builderApiEnabled the builder-API flag announced (default {@code false}); set it to what
 *     the cluster's Charon nodes run with, or each of them logs "Mismatching peer builder API
 *     status" for this node every minute
 */
@ConfigurationProperties("parsigex.peerinfo")
public record PeerInfoProperties(@DefaultValue("") String nickname,
    @DefaultValue("false") boolean builderApiEnabled) {

  /** Validates. */
  public PeerInfoProperties {
    if (nickname == null) {
      nickname = "";
    }
    if (nickname.length() > 64) {
      throw new InvalidSettingException("parsigex.peerinfo.nickname",
          "at most 64 characters, not " + nickname.length(), null);
    }
  }

  /**
   * The defaults.
   *
   * @return no nickname, builder API off
   */
  public static PeerInfoProperties defaults() {
    return new PeerInfoProperties("", false);
  }
}
