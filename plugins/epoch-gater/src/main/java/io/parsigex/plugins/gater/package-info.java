/** The epoch-gater plugin: Charon's duty gater. */
package io.parsigex.plugins.gater;
