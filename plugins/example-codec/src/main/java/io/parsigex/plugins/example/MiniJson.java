package io.parsigex.plugins.example;

import io.parsigex.api.CodecException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A strict reader for one flat JSON object whose values are all strings, which is all the example
 * payload needs (a real plugin would use a JSON library and bundle it in its {@code lib/}).
 */
final class MiniJson {

  /** Most fields an object may have. */
  static final int MAX_FIELDS = 8;

  private final String text;
  private int pos;

  private MiniJson(String text) {
    this.text = text;
  }

  /**
   * Reads {@code {"k":"v",...}}.
   *
   * @param text the JSON
   * @return the fields in order
   * @throws CodecException naming the offset of the first problem
   */
  static Map<String, String> readStringObject(String text) throws CodecException {
    MiniJson r = new MiniJson(text);
    Map<String, String> fields = new LinkedHashMap<>();
    r.skipSpace();
    r.expect('{');
    r.skipSpace();
    if (r.peek() == '}') {
      r.pos++;
    } else {
      while (true) {
        r.skipSpace();
        String key = r.string();
        r.skipSpace();
        r.expect(':');
        r.skipSpace();
        String value = r.string();
        if (fields.put(key, value) != null) {
          throw new CodecException("duplicate field \"" + key + "\" at offset " + r.pos);
        }
        if (fields.size() > MAX_FIELDS) {
          throw new CodecException("more than " + MAX_FIELDS + " fields");
        }
        r.skipSpace();
        if (r.peek() == ',') {
          r.pos++;
          continue;
        }
        r.expect('}');
        break;
      }
    }
    r.skipSpace();
    if (r.pos != text.length()) {
      throw new CodecException("unexpected text after the object at offset " + r.pos);
    }
    return fields;
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  private int peek() {
    return pos < text.length() ? text.charAt(pos) : -1;
  }

  private void expect(char c) throws CodecException {
    if (peek() != c) {
      throw new CodecException("expected '" + c + "' at offset " + pos);
    }
    pos++;
  }

  private void skipSpace() {
    while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
  }

  private String string() throws CodecException {
    expect('"');
    StringBuilder b = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw new CodecException("unterminated string at offset " + pos);
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return b.toString();
      }
      if (c < 0x20) {
        throw new CodecException("control character in a string at offset " + (pos - 1));
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      if (pos >= text.length()) {
        throw new CodecException("unterminated escape at offset " + pos);
      }
      char e = text.charAt(pos++);
      switch (e) {
        case '"', '\\', '/' -> b.append(e);
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'u' -> {
          if (pos + 4 > text.length()) {
            throw new CodecException("short \\u escape at offset " + pos);
          }
          try {
            b.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
          } catch (NumberFormatException ex) {
            throw new CodecException("bad \\u escape at offset " + pos);
          }
          pos += 4;
        }
        default -> throw new CodecException("bad escape \\" + e + " at offset " + (pos - 1));
      }
    }
  }
}
