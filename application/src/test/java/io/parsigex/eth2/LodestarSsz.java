package io.parsigex.eth2;

import io.parsigex.testsupport.NodeJs;
import java.time.Duration;
import java.util.HexFormat;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Talks to {@code lodestar-ssz.mjs}: lodestar's consensus types (on {@code @chainsafe/ssz}) as an
 * independent SSZ, hash_tree_root and JSON implementation. One request at a time.
 */
public final class LodestarSsz implements AutoCloseable {
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);
  private static final JsonMapper JSON = JsonMapper.shared();

  private final NodeJs.JsProcess process;
  private int nextId = 1;

  private LodestarSsz(NodeJs.JsProcess process) {
    this.process = process;
  }

  /**
   * Starts the script (skips the test when Node cannot be installed).
   *
   * @return the running reference
   */
  public static LodestarSsz start() {
    NodeJs.JsProcess p = NodeJs.get().start("lodestar-ssz.mjs");
    p.awaitLine("{\"ready\":true", ANSWER_TIMEOUT);
    return new LodestarSsz(p);
  }

  /**
   * Sends a request and waits for its answer.
   *
   * @param fork lodestar fork name
   * @param type lodestar type name
   * @param sszOrNull SSZ bytes to deserialise, or null to send {@code json}
   * @param json beacon-API JSON text (when {@code sszOrNull} is null)
   * @param benchIterations 0, or the iterations for a timing run
   * @return the answer object
   */
  public JsonNode ask(String fork, String type, byte[] sszOrNull, String json,
      int benchIterations) {
    int id = nextId++;
    ObjectNode req = JSON.createObjectNode();
    req.put("id", id).put("fork", fork).put("type", type);
    if (sszOrNull != null) {
      req.put("ssz", HexFormat.of().formatHex(sszOrNull));
    } else {
      req.set("json", JSON.readTree(json));
    }
    if (benchIterations > 0) {
      req.putObject("bench").put("iterations", benchIterations);
    }
    process.send(JSON.writeValueAsString(req));
    return JSON.readTree(process.awaitLine("{\"id\":" + id + ",", ANSWER_TIMEOUT));
  }

  /**
   * Like {@link #ask} for a value lodestar must accept.
   *
   * @param fork lodestar fork name, or {@code primitive} for top-level types such as Epoch
   * @param type lodestar type name
   * @param ssz the SSZ bytes
   * @return the answer ({@code ssz}, {@code root}, {@code json})
   * @throws AssertionError with lodestar's message when it refuses the bytes
   */
  public JsonNode accept(String fork, String type, byte[] ssz) {
    JsonNode a = ask(fork, type, ssz, null, 0);
    if (!a.path("ok").asBoolean()) {
      throw new AssertionError("lodestar refused " + fork + "." + type + ": " + a.get("error"));
    }
    return a;
  }

  @Override
  public void close() {
    process.close();
  }
}
