/**
 * The parsigex plugin SDK.
 *
 * <p>Domain values ({@link io.parsigex.api.Duty}, {@link io.parsigex.api.PubKey},
 * {@link io.parsigex.api.ParSignedData}, {@link io.parsigex.api.ParSignedDataSet},
 * {@link io.parsigex.api.SignedData}) and the three extension points a PF4J plugin can implement:
 * {@link io.parsigex.api.DutyGater}, {@link io.parsigex.api.PartialSignatureVerifier} and
 * {@link io.parsigex.api.SignedDataCodec}. Plugins depend on this artifact with scope
 * {@code provided}; the node supplies it at run time.
 *
 * <p><b>Versions.</b> This artifact's Maven version is the plugin API version:
 * {@link io.parsigex.api.PluginApi#version()} returns it, and the node checks each plugin's
 * {@code Plugin-Requires} against it. Depend on {@code parsigex-plugin-api} {@code 1.x} and declare
 * {@code Plugin-Requires: >=1.0.0 & <2.0.0}.
 *
 * <p><b>What a plugin sees of the node.</b> PF4J loads each plugin in its own class loader that
 * asks the node only for {@code java.*} and {@code org.pf4j.*} first, and otherwise looks in the
 * plugin ({@code classes/}, {@code lib/}) before the node. The packages the node supplies, and that
 * a plugin must therefore declare {@code provided} and never bundle, are:
 * <ul>
 *   <li>{@code io.parsigex.api} (this artifact);
 *   <li>{@code org.pf4j} ({@code org.pf4j:pf4j}, for {@code @Extension});
 *   <li>{@code org.slf4j} ({@code org.slf4j:slf4j-api} 2.x) for logging: a plugin's loggers write
 *       into the node's log, with the node's format and levels ({@code logging.level.<package>}).
 * </ul>
 * Every other class of the node (Spring, Netty, {@code io.parsigex.core}, …) is reachable too,
 * because the node is the plugin class loader's parent, but it is not part of the API and changes
 * without notice. Libraries a plugin needs beyond these go into its {@code lib/} (a PF4J zip).
 *
 * <p><b>Instances and threads.</b> The node creates each extension once, when it starts, and calls
 * that one instance for everything it receives, from its plugin worker threads, concurrently. In
 * the demo, where several cluster members run in one process, one instance serves all of them.
 * Extensions must therefore be thread-safe and must not assume which member they serve.
 */
package io.parsigex.api;
