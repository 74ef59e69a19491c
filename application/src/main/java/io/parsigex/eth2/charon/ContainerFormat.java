package io.parsigex.eth2.charon;

import io.parsigex.api.PayloadEncoding;
import io.parsigex.eth2.ssz.ContainerType;
import io.parsigex.eth2.ssz.JsonFormatException;
import io.parsigex.eth2.ssz.SszContainer;
import io.parsigex.eth2.ssz.SszException;
import java.util.Objects;
import java.util.function.Function;

/**
 * What sets one {@link ContainerSignedData} type apart from the others: Charon's type name, the
 * consensus container it wraps, the field holding its BLS signature, the encoding Go sends it in,
 * and the record constructor. From these it reads the type's SSZ and JSON, so each type states
 * only those values and its signing root. Immutable and thread-safe.
 *
 * @param <T> the signed type
 */
public final class ContainerFormat<T extends ContainerSignedData> {
  private final String typeName;
  private final ContainerType container;
  private final String signatureField;
  private final PayloadEncoding wireEncoding;
  private final Function<SszContainer, T> constructor;

  /**
   * Describes a type.
   *
   * @param typeName Charon's type name
   * @param container the container the type wraps
   * @param signatureField the container field holding the signature
   * @param wireEncoding how Go puts the type on the wire
   * @param constructor the record's constructor (it validates with {@link #check(SszContainer)})
   * @throws IllegalArgumentException when the container has no such signature field
   */
  ContainerFormat(String typeName, ContainerType container, String signatureField,
      PayloadEncoding wireEncoding, Function<SszContainer, T> constructor) {
    this.typeName = Objects.requireNonNull(typeName, "typeName");
    this.container = Objects.requireNonNull(container, "container");
    this.signatureField = Objects.requireNonNull(signatureField, "signatureField");
    this.wireEncoding = Objects.requireNonNull(wireEncoding, "wireEncoding");
    this.constructor = Objects.requireNonNull(constructor, "constructor");
    if (!container.hasField(signatureField)) {
      throw new IllegalArgumentException(typeName + ": " + container.typeName()
          + " has no field " + signatureField);
    }
  }

  /**
   * Charon's type name.
   *
   * @return for example {@code SignedRandao}
   */
  public String typeName() {
    return typeName;
  }

  /**
   * The container the type wraps.
   *
   * @return the container type
   */
  public ContainerType container() {
    return container;
  }

  /**
   * How Go puts the type on the wire.
   *
   * @return SSZ or JSON
   */
  public PayloadEncoding wireEncoding() {
    return wireEncoding;
  }

  /**
   * Requires a value of this type's container (the records' constructors call this).
   *
   * @param value the value
   * @throws NullPointerException when it is null
   * @throws IllegalArgumentException when it is another container
   */
  void check(SszContainer value) {
    Objects.requireNonNull(value, "value");
    container.check(value);
  }

  /**
   * The signature bytes of a value.
   *
   * @param value a value of the container
   * @return a copy of the signature
   */
  byte[] signature(SszContainer value) {
    return value.bytes(signatureField).toArray();
  }

  /**
   * Decodes the container's SSZ (exact size).
   *
   * @param in the payload
   * @return the value
   * @throws SszException when invalid
   */
  public T fromSsz(byte[] in) throws SszException {
    return constructor.apply(container.deserialize(in));
  }

  /**
   * Parses the container's beacon-API JSON.
   *
   * @param json the text
   * @return the value
   * @throws JsonFormatException when invalid
   */
  public T fromJson(String json) throws JsonFormatException {
    return constructor.apply(container.fromJson(json));
  }

  @Override
  public String toString() {
    return typeName + "[" + container.typeName() + ", " + wireEncoding + "]";
  }
}
