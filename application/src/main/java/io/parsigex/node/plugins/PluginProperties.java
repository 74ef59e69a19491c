package io.parsigex.node.plugins;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where plugins come from ({@code parsigex.plugins.*}).
 *
 * @param dir folder of PF4J plugin jars and zips
 * @param enabled plugin ids to load; empty means every plugin found
 * @param disabled plugin ids never to load
 */
@ConfigurationProperties("parsigex.plugins")
public record PluginProperties(
    @DefaultValue("plugins") Path dir, @DefaultValue List<String> enabled,
    @DefaultValue List<String> disabled) {}
