package io.parsigex.node.config;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

/**
 * The property names the node binds, derived from its {@code @ConfigurationProperties} records: a
 * record is a group of named components, a {@code Map} is free-form below its name (plugin
 * settings, fork versions), a {@code List} takes indices, anything else is a value. Names are
 * compared as Spring's binder compares them (lower case, dashes ignored), so every spelling that
 * binds is known. Immutable after construction.
 */
public final class KnownProperties {

  private final Node root = Node.group();
  private final List<String> templates = new ArrayList<>();

  /**
   * Derives the names from the records bound at each prefix.
   *
   * @param roots prefix (for example {@code parsigex.plugins}) to the record bound there
   */
  public KnownProperties(Map<String, Class<?>> roots) {
    for (Map.Entry<String, Class<?>> e : roots.entrySet()) {
      Node at = root;
      ConfigurationPropertyName prefix = ConfigurationPropertyName.of(e.getKey());
      for (int i = 0; i < prefix.getNumberOfElements(); i++) {
        String dashed = prefix.getElement(i, ConfigurationPropertyName.Form.DASHED);
        at = at.children.computeIfAbsent(
            prefix.getElement(i, ConfigurationPropertyName.Form.UNIFORM), k -> Node.group());
        at.display = dashed;
      }
      fill(at, e.getValue(), new HashSet<>());
    }
    collect(root, "", templates);
    Collections.sort(templates);
  }

  /**
   * Whether the binder would bind this name to something.
   *
   * @param name a name from a property source
   * @return true when the name, or a free-form map above it, is known
   */
  public boolean isKnown(ConfigurationPropertyName name) {
    Node n = root;
    for (int i = 0; i < name.getNumberOfElements(); i++) {
      String e = name.getElement(i, ConfigurationPropertyName.Form.UNIFORM);
      boolean index = name.isNumericIndex(i) || isDigits(e);
      switch (n.kind) {
        case FREE:
          return true;
        case GROUP:
          n = index ? null : n.children.get(e);
          break;
        case LIST:
          n = index ? n.element : null;
          break;
        default:
          n = null;
      }
      if (n == null) {
        return false;
      }
    }
    return true;
  }

  /**
   * The known name closest to an unknown one, as a template such as
   * {@code parsigex.cluster.validators[i].public-key} or {@code parsigex.plugins.settings.<key>}.
   *
   * @param name the unknown name
   * @return the closest template
   */
  public String closest(ConfigurationPropertyName name) {
    String given = name.toString().toLowerCase(Locale.ROOT).replaceAll("\\[\\d+]", "[i]");
    String best = templates.isEmpty() ? "" : templates.get(0);
    int bestDistance = Integer.MAX_VALUE;
    for (String t : templates) {
      int d = distance(given, t);
      if (d < bestDistance) {
        best = t;
        bestDistance = d;
      }
    }
    return best;
  }

  /**
   * Every known name as a template, sorted.
   *
   * @return the templates
   */
  public List<String> templates() {
    return List.copyOf(templates);
  }

  /** Edit distance, dashes ignored, comparing a free-form template only up to its key. */
  private static int distance(String given, String template) {
    String t = template;
    String g = given;
    int free = t.indexOf(".<key>");
    if (free >= 0) {
      t = t.substring(0, free);
      int dots = (int) t.chars().filter(c -> c == '.').count();
      g = firstElements(g, dots + 1);
    }
    return Math.min(levenshtein(g, t), levenshtein(g.replace("-", ""), t.replace("-", "")));
  }

  private static String firstElements(String name, int count) {
    int seen = 0;
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) == '.' && ++seen == count) {
        return name.substring(0, i);
      }
    }
    return name;
  }

  private static int levenshtein(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] swap = prev;
      prev = cur;
      cur = swap;
    }
    return prev[b.length()];
  }

  private static boolean isDigits(String s) {
    return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
  }

  private static void fill(Node group, Class<?> type, Set<Class<?>> visiting) {
    if (!type.isRecord() || !visiting.add(type)) {
      group.kind = type.isRecord() ? Kind.GROUP : Kind.FREE;
      return;
    }
    RecordComponent[] components = type.getRecordComponents();
    Parameter[] params = canonicalParameters(type, components);
    for (int i = 0; i < components.length; i++) {
      Name renamed = params == null ? null : params[i].getAnnotation(Name.class);
      String dashed = renamed != null ? renamed.value()
          : DataObjectPropertyName.toDashedForm(components[i].getName());
      Node child = node(components[i].getGenericType(), visiting);
      child.display = dashed;
      group.children.put(ConfigurationPropertyName.of(dashed)
          .getElement(0, ConfigurationPropertyName.Form.UNIFORM), child);
    }
    visiting.remove(type);
  }

  private static Parameter[] canonicalParameters(Class<?> type, RecordComponent[] components) {
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
    }
    try {
      Constructor<?> c = type.getDeclaredConstructor(types);
      return c.getParameters();
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private static Node node(Type type, Set<Class<?>> visiting) {
    Class<?> raw = raw(type);
    if (Map.class.isAssignableFrom(raw)) {
      return Node.free();
    }
    if (Collection.class.isAssignableFrom(raw) || (raw.isArray() && raw != byte[].class)) {
      Type element = raw.isArray() ? elementOfArray(type, raw)
          : type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
      Node list = new Node(Kind.LIST);
      list.element = node(element, visiting);
      return list;
    }
    if (raw.isRecord()) {
      Node group = Node.group();
      fill(group, raw, visiting);
      return group;
    }
    if (raw.isPrimitive() || raw.isEnum() || raw.getName().startsWith("java.")
        || raw.getName().startsWith("org.springframework.")) {
      return new Node(Kind.VALUE);
    }
    // a class the binder may bind as a bean: its names are not derived, so none is refused
    return Node.free();
  }

  private static Type elementOfArray(Type type, Class<?> raw) {
    return type instanceof GenericArrayType g ? g.getGenericComponentType()
        : raw.getComponentType();
  }

  private static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return raw(p.getRawType());
    }
    if (type instanceof GenericArrayType g) {
      return Array.newInstance(raw(g.getGenericComponentType()), 0).getClass();
    }
    if (type instanceof WildcardType w && w.getUpperBounds().length > 0) {
      return raw(w.getUpperBounds()[0]);
    }
    return Object.class;
  }

  private static void collect(Node n, String path, List<String> out) {
    switch (n.kind) {
      case GROUP -> n.children.values().forEach(c -> collect(c,
          path.isEmpty() ? c.display : path + "." + c.display, out));
      case FREE -> out.add(path + ".<key>");
      case LIST -> {
        if (n.element.kind == Kind.VALUE) {
          out.add(path);
        } else {
          collect(n.element, path + "[i]", out);
        }
      }
      default -> out.add(path);
    }
  }

  private enum Kind { GROUP, LIST, FREE, VALUE }

  /** One level of the tree; only built in the constructor, never changed afterwards. */
  private static final class Node {
    private Kind kind;
    private final Map<String, Node> children = new LinkedHashMap<>();
    private Node element;
    private String display;

    Node(Kind kind) {
      this.kind = kind;
    }

    static Node group() {
      return new Node(Kind.GROUP);
    }

    static Node free() {
      return new Node(Kind.FREE);
    }
  }
}
