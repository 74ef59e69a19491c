/**
 * Guarded calls into plugin extensions: {@link io.parsigex.core.extensions.GuardedExtensions} runs
 * gaters, verifiers and codecs on a bounded executor with a timeout and turns every failure into a
 * typed {@link io.parsigex.core.extensions.ExtensionRejection}, with per-plugin metrics. No Spring.
 */
package io.parsigex.core.extensions;
