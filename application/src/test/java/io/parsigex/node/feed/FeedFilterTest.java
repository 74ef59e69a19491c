package io.parsigex.node.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parsigex.api.DutyType;
import io.parsigex.testsupport.TestSeed;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

@ExtendWith(TestSeed.class)
class FeedFilterTest {

  private final JsonMapper mapper = JsonMapper.builder().build();
  private static final String K1 = FeedSerializerTest.key(1).wireKey();
  private static final String K2 = FeedSerializerTest.key(2).wireKey();

  private static FeedMessage m(DutyType t, String... keys) {
    return FeedMessage.of("received", "{}", Optional.ofNullable(t), Set.of(keys));
  }

  @Test
  void parsesDutyTypesAndLenientPubkeys() throws Exception {
    FeedFilter f = FeedFilter.parse("{\"filter\":{\"duty_types\":[\"attester\",\"RANDAO\"],"
        + "\"pubkeys\":[\"" + K1.toUpperCase().replace("0X", "0x") + "\"]}}", mapper);
    assertThat(f.dutyTypes()).containsExactlyInAnyOrder(DutyType.ATTESTER, DutyType.RANDAO);
    assertThat(f.pubkeys()).containsExactly(K1);
  }

  @Test
  void emptyFilterKeepsEverything() throws Exception {
    FeedFilter f = FeedFilter.parse("{\"filter\":{}}", mapper);
    assertThat(f).isEqualTo(FeedFilter.ALL);
    assertThat(f.accepts(m(DutyType.PROPOSER, K1))).isTrue();
  }

  @Test
  void acceptsOnlyWhatMatchesTheAttributesAMessageCarries() {
    FeedFilter f = new FeedFilter(Set.of(DutyType.ATTESTER), Set.of(K1));
    assertThat(f.accepts(m(DutyType.ATTESTER, K1, K2))).isTrue();
    assertThat(f.accepts(m(DutyType.ATTESTER, K2))).isFalse();
    assertThat(f.accepts(m(DutyType.PROPOSER, K1))).isFalse();
    assertThat(f.accepts(m(null))).as("peer messages always pass").isTrue();
    assertThat(f.accepts(m(DutyType.ATTESTER))).as("rejections carry no pubkeys").isTrue();
    assertThat(f.accepts(m(DutyType.RANDAO))).isFalse();
  }

  @Test
  void refusesBadFiltersWithActionableMessages() {
    assertThatThrownBy(() -> FeedFilter.parse("not json", mapper))
        .isInstanceOf(InvalidFilterException.class).hasMessageContaining("not JSON");
    assertThatThrownBy(() -> FeedFilter.parse("{\"duty_types\":[]}", mapper))
        .isInstanceOf(InvalidFilterException.class).hasMessageContaining("\"filter\"");
    assertThatThrownBy(() -> FeedFilter.parse("{\"filter\":{\"duty_types\":[\"attestr\"]}}", mapper))
        .isInstanceOf(InvalidFilterException.class).hasMessageContaining("attestr");
    assertThatThrownBy(() -> FeedFilter.parse("{\"filter\":{\"duty_types\":[\"unknown\"]}}", mapper))
        .isInstanceOf(InvalidFilterException.class);
    assertThatThrownBy(() -> FeedFilter.parse("{\"filter\":{\"pubkeys\":[\"0x12\"]}}", mapper))
        .isInstanceOf(InvalidFilterException.class).hasMessageContaining("96 hex");
    assertThatThrownBy(() -> FeedFilter.parse("{\"filter\":{\"pubkeys\":\"0x12\"}}", mapper))
        .isInstanceOf(InvalidFilterException.class).hasMessageContaining("array");
    assertThatThrownBy(() -> FeedFilter.parse("{\"filter\":{\"slots\":[1]}}", mapper))
        .isInstanceOf(InvalidFilterException.class).hasMessageContaining("slots");
    assertThatThrownBy(() -> FeedFilter.parse("{\"filter\":{\"duty_types\":[1]}}", mapper))
        .isInstanceOf(InvalidFilterException.class).hasMessageContaining("strings");
    assertThatThrownBy(() -> FeedFilter.parse("x".repeat(FeedFilter.MAX_FILTER_MESSAGE_BYTES + 1), mapper))
        .isInstanceOf(InvalidFilterException.class).hasMessageContaining("at most");
  }

  @Test
  void tooManyPubkeysIsRefused() {
    StringBuilder sb = new StringBuilder("{\"filter\":{\"pubkeys\":[");
    for (int i = 0; i <= FeedFilter.MAX_PUBKEYS; i++) {
      sb.append(i == 0 ? "" : ",").append('"').append(FeedSerializerTest.key(i).wireKey()).append('"');
    }
    sb.append("]}}");
    assertThatThrownBy(() -> FeedFilter.parse(sb.toString(), mapper))
        .isInstanceOf(InvalidFilterException.class).hasMessageContaining("at most");
  }

  /** Random and mutated input never escapes as an unchecked exception: only the typed error. */
  @Test
  void arbitraryInputOnlyEverYieldsTheTypedError() {
    long seed = TestSeed.seed("FeedFilterTest.arbitraryInputOnlyEverYieldsTheTypedError");
    Random r = new Random(seed);
    String valid = "{\"filter\":{\"duty_types\":[\"attester\"],\"pubkeys\":[\"" + K1 + "\"]}}";
    String alphabet = "{}[]\":,0x1aZ \\u00e9attesterpubkeysfilterduty_typesnull-9e+";
    try {
      for (int i = 0; i < 5000; i++) {
        String input;
        if (r.nextBoolean()) {
          StringBuilder sb = new StringBuilder(valid);
          int edits = 1 + r.nextInt(4);
          for (int e = 0; e < edits && sb.length() > 0; e++) {
            int at = r.nextInt(sb.length());
            switch (r.nextInt(3)) {
              case 0 -> sb.deleteCharAt(at);
              case 1 -> sb.insert(at, alphabet.charAt(r.nextInt(alphabet.length())));
              default -> sb.setCharAt(at, alphabet.charAt(r.nextInt(alphabet.length())));
            }
          }
          input = sb.toString();
        } else {
          StringBuilder sb = new StringBuilder();
          int len = r.nextInt(80);
          for (int c = 0; c < len; c++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
          }
          input = sb.toString();
        }
        try {
          FeedFilter f = FeedFilter.parse(input, mapper);
          assertThat(f.pubkeys()).allMatch(io.parsigex.api.PubKey::isCanonicalWireKey);
        } catch (InvalidFilterException expected) {
          assertThat(expected.getMessage()).isNotBlank();
        }
      }
    } catch (RuntimeException | AssertionError e) {
      throw new AssertionError("failed with seed " + seed + ": " + e, e);
    }
  }
}
