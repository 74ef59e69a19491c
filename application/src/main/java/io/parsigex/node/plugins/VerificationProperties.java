package io.parsigex.node.plugins;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parsigex.verification.*}.
 *
 * @param enabled when true (the default) the node refuses to start without a verifier plugin
 */
@ConfigurationProperties("parsigex.verification")
public record VerificationProperties(@DefaultValue("true") boolean enabled) {}
