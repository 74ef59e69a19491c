package io.parsigex.node.config;

/** What the node runs ({@code parsigex.mode}). */
public enum NodeMode {
  /** One member of a cluster configured by a Charon lock or by hand (the default). */
  MEMBER,
  /** The local demo cluster on loopback: every member in this process, generated keys. */
  DEMO
}
