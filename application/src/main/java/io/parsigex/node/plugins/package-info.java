/**
 * The PF4J plugin host: loads, checks and starts plugins ({@link io.parsigex.node.plugins.PluginHost})
 * and wires {@link io.parsigex.core.extensions.GuardedExtensions} for the pipeline.
 */
package io.parsigex.node.plugins;
