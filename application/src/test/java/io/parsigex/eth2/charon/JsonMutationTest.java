package io.parsigex.eth2.charon;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.api.CodecException;
import io.parsigex.api.DutyType;
import io.parsigex.api.SignedDataCodec;
import io.parsigex.eth2.charon.Goldens.Golden;
import io.parsigex.testsupport.TestSeed;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Malformed JSON payloads (every single-character deletion of the compact golden JSON, and seeded
 * random character replacements) go through the duty codecs: each is refused with a typed codec
 * error or decodes to a value; none throws an unchecked exception.
 */
@ExtendWith(TestSeed.class)
class JsonMutationTest {
  private static final long SEED = TestSeed.seed("JsonMutationTest");
  private static final int REPLACEMENTS = 2000;
  private static final String ALPHABET = "{}[]\":,0x-+.eE19afAF nul\\\u00e9";
  /** Only the small JSON goldens: the proposals are megabytes. */
  private static final int MAX_JSON = 4096;

  static Stream<Golden> goldens() {
    List<Golden> all = new ArrayList<>(Goldens.SIGNED);
    all.addAll(Goldens.JSON_ONLY);
    return all.stream().filter(g -> g.jsonText().length() < MAX_JSON);
  }

  private static SignedDataCodec codec(DutyType duty) {
    return Eth2Codecs.forDuty(duty).orElseThrow();
  }

  private static void decode(Golden g, String json, String what) {
    try {
      codec(g.duty()).decode(g.duty(), json.getBytes(StandardCharsets.UTF_8));
      codec(g.duty()).fromJson(g.duty(), json);
    } catch (CodecException e) {
      assertThat(e.getMessage()).as(what).isNotBlank();
    } catch (RuntimeException e) {
      throw new AssertionError(g + " " + what + ": unchecked " + e + " for " + json, e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  void malformedJsonIsATypedError(Golden g) {
    String compact = JsonMapper.shared().writeValueAsString(
        JsonMapper.shared().readTree(g.jsonText()));
    for (int i = 0; i < compact.length(); i++) {
      decode(g, compact.substring(0, i) + compact.substring(i + 1), "deleting char " + i);
      decode(g, compact.substring(0, i), "truncated to " + i);
    }
    Random random = new Random(SEED);
    for (int k = 0; k < REPLACEMENTS; k++) {
      int at = random.nextInt(compact.length());
      char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
      decode(g, compact.substring(0, at) + c + compact.substring(at + 1),
          "seed " + SEED + " replacement " + k + " at " + at);
    }
  }
}
