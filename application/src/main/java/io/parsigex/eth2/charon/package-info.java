/**
 * Charon's signed payload types ({@link io.parsigex.eth2.charon.CharonSignedData}), their SSZ
 * wrappers and JSON as Go Charon writes and reads them, and the built-in per-duty codecs
 * ({@link io.parsigex.eth2.charon.Eth2Codecs#builtIns()}) following Go's decode order: SSZ first,
 * JSON only when the trimmed bytes start with an opening brace ({@code 0x7B}).
 */
package io.parsigex.eth2.charon;
