package io.parsigex.node.plugins.broken;

/**
 * A class a plugin's extension index may list that implements none of the node's extension points
 * (packed by {@link io.parsigex.testsupport.PluginArtifacts#testPlugin}, never annotated).
 */
public class NotAnExtensionPoint implements org.pf4j.ExtensionPoint {}
