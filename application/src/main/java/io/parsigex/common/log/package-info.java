/** Logging that stays useful under a flood: the first occurrence, then periodic summaries. */
package io.parsigex.common.log;
