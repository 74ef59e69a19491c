package io.parsigex.cluster;

import io.parsigex.libp2p.peer.PeerId;
import java.util.List;

/**
 * Charon's human name of a peer ({@code p2p.PeerName}): an adjective and a noun chosen from the
 * peer id's base58 text by a polynomial rolling hash, such as {@code happy-floor}. Charon puts it
 * in the {@code peer} label of its metrics, in its {@code cluster_peer} label and in its logs, so
 * a dashboard made for Charon shows our node's peers under the same names. Two different peer ids
 * can share a name (there are 7,056 distinct names).
 *
 * <p>The hash, as Charon computes it: {@code h = sum(c_i * 59^i) mod (10^9 + 7)} over the
 * characters {@code c_i} of the base58 peer id, first character first, with each power of 59 taken
 * mod {@code 10^9 + 7} as well; the name is {@code ADJECTIVES[h mod 196] + "-" + NOUNS[h mod 144]}.
 * The two word lists are Charon's, in Charon's order (its noun list holds one word twice), because
 * the name depends on each word's position.
 */
public final class PeerName {

  /** The hash's base: a prime close to the 58 characters of base58. */
  static final long BASE = 59;
  /** The hash's modulus, {@code 10^9 + 7}. */
  static final long MODULUS = 1_000_000_007L;

  /** Charon's 144 nouns, in its order. */
  static final List<String> NOUNS = List.of(
      "adult", "age", "amount", "area", "back", "bed", "blood", "body", "book", "box", "boy",
      "bulb", "bunch", "business", "camera", "chicken", "child", "chocolates", "city",
      "clothes", "colony", "colors", "company", "computer", "continent", "council", "country",
      "course", "cycle", "dates", "day", "death", "desk", "door", "egg", "face", "fact",
      "factory", "family", "farm", "farmer", "father", "fish", "floor", "flowers", "food",
      "fridge", "future", "game", "garden", "gas", "glass", "group", "health", "hill",
      "hospital", "idea", "image", "industry", "island", "jewelry", "job", "kitchen", "land",
      "law", "leaves", "leg", "letter", "life", "magazine", "market", "metal", "mirror",
      "mobile", "money", "morning", "mother", "mountain", "movie", "name", "nest", "news",
      "ocean", "oil", "painter", "park", "party", "pen", "pen", "pencil", "person", "picture",
      "pillow", "place", "plant", "pond", "rain", "rate", "result", "ring", "road", "rock",
      "rocket", "room", "rope", "rule", "sale", "school", "shape", "shapes", "ship", "shop",
      "sister", "site", "skin", "snacks", "son", "song", "sort", "sound", "soup", "sports",
      "state", "stone", "street", "system", "taxi", "tea", "teacher", "team", "toy", "tractor",
      "trade", "train", "video", "view", "water", "waterfall", "week", "women", "wood", "word",
      "year", "yesterday");

  /** Charon's 196 adjectives, in its order. */
  static final List<String> ADJECTIVES = List.of(
      "adorable", "adventurous", "affectionate", "aggressive", "agreeable", "alert", "alive",
      "amazing", "amiable", "ample", "amused", "angry", "annoyed", "anxious", "ashamed",
      "attractive", "average", "beautiful", "better", "bewildered", "black", "blushing",
      "bored", "bountiful", "brainy", "brave", "bright", "busy", "calm", "captivating",
      "careful", "cautious", "charming", "cheerful", "clear", "clever", "cloudy", "colorful",
      "combative", "comfortable", "confused", "considerate", "cooperative", "courageous",
      "crazy", "crowded", "cruel", "curious", "cute", "dangerous", "dark", "defiant",
      "dazzling", "delightful", "determined", "different", "distinct", "eager", "easy",
      "elated", "elegant", "embarrassed", "enchanting", "encouraging", "energetic", "engaging",
      "engrossing", "enthusiastic", "excited", "expensive", "exuberant", "fabulous", "fair",
      "faithful", "famous", "fancy", "fantastic", "favorable", "fearless", "fierce", "fine",
      "foolish", "fragile", "frank", "frantic", "friendly", "funny", "gentle", "gifted",
      "glamorous", "gleaming", "glittering", "glorious", "good", "gorgeous", "graceful",
      "gregarious", "grotesque", "handsome", "happy", "healthy", "helpful", "helpless",
      "hilarious", "homely", "hungry", "hurt", "imaginative", "important", "impossible",
      "incredible", "inexpensive", "innocent", "inquisitive", "jealous", "jittery", "jolly",
      "joyous", "kind", "lazy", "light", "lively", "long", "lovely", "lucky", "magnificent",
      "mindful", "misty", "modern", "motionless", "muddy", "mysterious", "nervous", "nice",
      "obedient", "odd", "open", "optimistic", "outrageous", "outstanding", "perfect", "plain",
      "pleasant", "poised", "powerful", "precious", "prickly", "proud", "puzzled", "quaint",
      "ravishing", "real", "relieved", "reliable", "remarkable", "rich", "scary", "selfish",
      "shiny", "shy", "sleepy", "smiling", "sore", "sparkling", "spectacular", "splendid",
      "spotless", "stormy", "strange", "successful", "super", "talented", "tasty", "tender",
      "tense", "thankful", "thoughtful", "tired", "tough", "twinkling", "unique", "unsightly",
      "unusual", "vast", "vibrant", "victorious", "vivacious", "wandering", "wild", "wise",
      "witty", "wondrous", "worried", "wrong", "zany", "zealous");

  private PeerName() {}

  /**
   * Charon's name of a peer.
   *
   * @param peer the peer id
   * @return {@code <adjective>-<noun>}
   */
  public static String of(PeerId peer) {
    return of(peer.toString());
  }

  /**
   * Charon's name of a peer id given as its base58 text.
   *
   * @param base58 the peer id's text, as {@link PeerId#toString()} gives it
   * @return {@code <adjective>-<noun>}
   */
  public static String of(String base58) {
    long hash = 0;
    long power = 1;
    for (int i = 0; i < base58.length(); ) {
      int c = base58.codePointAt(i);
      i += Character.charCount(c);
      hash = (hash + c * power) % MODULUS;
      power = power * BASE % MODULUS;
    }
    return ADJECTIVES.get((int) (hash % ADJECTIVES.size())) + "-"
        + NOUNS.get((int) (hash % NOUNS.size()));
  }
}
