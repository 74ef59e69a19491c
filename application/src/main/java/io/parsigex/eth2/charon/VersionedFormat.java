package io.parsigex.eth2.charon;

import io.parsigex.eth2.fork.Fork;
import io.parsigex.eth2.ssz.ContainerType;
import io.parsigex.eth2.ssz.JsonFormatException;
import io.parsigex.eth2.ssz.SszContainer;
import io.parsigex.eth2.ssz.SszException;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * What Charon's versioned wrappers share ({@code charon:core/ssz.go}):
 * a version, at most one extra value beside it (the blinded flag, a validator index), and one
 * inner consensus object whose container the fork (and the extra) selects. From the type's name,
 * inner field, container choice, JSON extra and record constructor it reads the SSZ wrapper in
 * any of the type's {@link Layout}s, writes it, and parses the JSON wrapper. Each wrapper type
 * states only those values; rules peculiar to one type (the attestation's choice between two
 * headers) stay in that type. Immutable and thread-safe.
 *
 * @param <X> the extra value (use {@link NoExtra} when there is none)
 * @param <T> the wrapper type
 */
final class VersionedFormat<X, T extends CharonSignedData> {
  /** Size of the little-endian {@code uint32} offset that ends every header. */
  static final int OFFSET_SIZE = 4;

  private final String typeName;
  private final String innerField;
  private final InnerType<X> innerType;
  private final JsonExtra<X> jsonExtra;
  private final Constructor<X, T> constructor;

  /**
   * Describes a wrapper type.
   *
   * @param typeName Charon's type name (named in every error)
   * @param innerField the JSON field holding the inner object (also the field named in SSZ errors)
   * @param innerType the inner container for a fork and extra
   * @param jsonExtra reads the extra from the JSON object
   * @param constructor the record's constructor
   */
  VersionedFormat(String typeName, String innerField, InnerType<X> innerType,
      JsonExtra<X> jsonExtra, Constructor<X, T> constructor) {
    this.typeName = Objects.requireNonNull(typeName, "typeName");
    this.innerField = Objects.requireNonNull(innerField, "innerField");
    this.innerType = Objects.requireNonNull(innerType, "innerType");
    this.jsonExtra = Objects.requireNonNull(jsonExtra, "jsonExtra");
    this.constructor = Objects.requireNonNull(constructor, "constructor");
  }

  /**
   * The inner container a fork and extra select.
   *
   * @param fork the version
   * @param extra the extra value
   * @return the container type
   */
  ContainerType innerType(Fork fork, X extra) {
    return innerType.select(fork, extra);
  }

  /**
   * Decodes the wrapper held in {@code in[from..to)} as Go does: at least the header, a known
   * version, the extra, the offset as the layout requires, then the inner object from the offset
   * to the end. Positions in errors are absolute in {@code in}.
   *
   * @param layout the header layout
   * @param in the buffer
   * @param from first byte of the payload
   * @param to end of the payload
   * @return the value
   * @throws SszException when the bytes are not a valid wrapper in this layout
   */
  T fromSsz(Layout<X> layout, byte[] in, int from, int to) throws SszException {
    int len = to - from;
    if (len < layout.size()) {
      throw new SszException(typeName, "", from, "needs at least a " + layout.size()
          + "-byte header, got " + len + " bytes");
    }
    Fork fork = Wrappers.version(typeName, in, from);
    X extra = layout.extra().read(in, from + Wrappers.VERSION_SIZE);
    int offsetPos = from + layout.size() - OFFSET_SIZE;
    long o = Wrappers.readUint32(in, offsetPos);
    if (layout.exactOffset() && o != layout.size()) {
      throw new SszException(SszException.Kind.OFFSET, typeName, "offset", offsetPos, "offset "
          + o + " is not " + layout.size() + " (" + layout.description() + ")");
    }
    if (o < layout.size() || o > len) {
      throw new SszException(SszException.Kind.OFFSET, typeName, "offset", offsetPos, "offset "
          + o + " must lie between the header size " + layout.size() + " and the length " + len);
    }
    SszContainer inner;
    try {
      inner = innerType(fork, extra).decode(in, from + (int) o, to);
    } catch (SszException e) {
      throw e.within(typeName, innerField);
    }
    return constructor.create(fork, extra, inner);
  }

  /**
   * Encodes the wrapper: header (version, extra, offset = header size), then the inner object.
   *
   * @param layout the header layout
   * @param fork the version
   * @param extra the extra value
   * @param inner the inner object
   * @return the bytes
   */
  byte[] toSsz(Layout<X> layout, Fork fork, X extra, SszContainer inner) {
    byte[] out = Wrappers.header(layout.size(), fork, inner.type().serializedSize(inner));
    layout.extra().write(out, Wrappers.VERSION_SIZE, extra);
    inner.type().serializeInto(inner, out, layout.size());
    return out;
  }

  /**
   * Parses Charon's JSON wrapper: an object with a numeric {@code version} (absent = phase0), the
   * extra, and the inner object (required).
   *
   * @param json the text
   * @return the value
   * @throws JsonFormatException when it is not a valid wrapper
   */
  T fromJson(String json) throws JsonFormatException {
    JsonNode obj = CharonJson.object(typeName, json);
    Fork fork = CharonJson.version(typeName, obj);
    X extra = jsonExtra.read(obj);
    ContainerType inner = innerType(fork, extra);
    SszContainer value = CharonJson.inner(typeName, innerField, inner::readJson,
        CharonJson.required(typeName, obj, innerField));
    return constructor.create(fork, extra, value);
  }

  @Override
  public String toString() {
    return typeName + "[" + innerField + "]";
  }

  /** The value of wrappers that carry nothing beside the version. */
  enum NoExtra {
    /** The only value. */
    NONE;

    /** Nothing in the header. */
    static final ExtraBytes<NoExtra> BYTES = new ExtraBytes<>() {
      @Override
      public NoExtra read(byte[] in, int pos) {
        return NONE;
      }

      @Override
      public void write(byte[] out, int pos, NoExtra extra) {
        // the header holds only the version and the offset
      }
    };

    /** Reads nothing from JSON. */
    static NoExtra fromJson(JsonNode obj) {
      return NONE;
    }
  }

  /**
   * One header layout: its size (version, extra and offset), how the extra sits in it, and
   * whether Go requires the offset to equal the size (else it accepts {@code size <= o <= len}).
   *
   * @param description what the header is, for errors
   * @param size the header size
   * @param extra the extra's bytes
   * @param exactOffset whether the offset must be exactly {@code size}
   * @param <X> the extra value
   */
  record Layout<X>(String description, int size, ExtraBytes<X> extra, boolean exactOffset) {
    /** Validates. */
    Layout {
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(extra, "extra");
      if (size < Wrappers.VERSION_SIZE + OFFSET_SIZE) {
        throw new IllegalArgumentException(description + ": a header holds at least the version "
            + "and the offset");
      }
    }
  }

  /** The extra's bytes in the header, right after the version. */
  interface ExtraBytes<X> {
    /** Reads the extra at {@code pos}. */
    X read(byte[] in, int pos);

    /** Writes the extra at {@code pos}. */
    void write(byte[] out, int pos, X extra);
  }

  /** The inner container a fork and extra select. */
  @FunctionalInterface
  interface InnerType<X> {
    /** Selects the container. */
    ContainerType select(Fork fork, X extra);
  }

  /** Reads the extra from the JSON object. */
  @FunctionalInterface
  interface JsonExtra<X> {
    /** Reads it. */
    X read(JsonNode obj) throws JsonFormatException;
  }

  /** Builds the record (whose constructor validates). */
  @FunctionalInterface
  interface Constructor<X, T> {
    /** Builds it. */
    T create(Fork fork, X extra, SszContainer inner);
  }
}
