package io.parsigex.node.api;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/node}: this node's identity and its view of the cluster. */
@RestController
public class NodeController {

  private final NodeOperations node;

  /**
   * Creates the controller.
   *
   * @param node the running node
   */
  public NodeController(NodeOperations node) {
    this.node = node;
  }

  /**
   * The node's info.
   *
   * @return peer id, share index, listen addresses and peers
   */
  @GetMapping(path = "/api/v1/node", produces = "application/json")
  public NodeInfo info() {
    return node.info();
  }
}
