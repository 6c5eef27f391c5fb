package io.choreography.tracker.rules.tracking.state.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArenaTableTest {

  private final ArenaTable table = new ArenaTable();

  @Test
  void storesReplacesAndRemovesValues() {
    table.put("order/1", bytes("a"));
    table.put("order/2", bytes("b"));
    table.put("order/1", bytes("a longer value"));

    assertThat(table.get("order/1")).isEqualTo(bytes("a longer value"));
    assertThat(table.get("order/2")).isEqualTo(bytes("b"));
    assertThat(table.get("order/3")).isNull();
    assertThat(table.size()).isEqualTo(2);

    assertThat(table.remove("order/1")).isTrue();
    assertThat(table.remove("order/1")).isFalse();
    assertThat(table.contains("order/1")).isFalse();
    assertThat(table.get("order/2")).isEqualTo(bytes("b"));
    assertThat(table.size()).isEqualTo(1);
  }

  @Test
  void whatIsReadIsACopyAndWhatIsPutIsCopied() {
    byte[] value = bytes("abc");
    table.put("k", value);
    value[0] = 'x';
    byte[] read = table.get("k");
    read[1] = 'y';

    assertThat(table.get("k")).isEqualTo(bytes("abc"));
  }

  @Test
  void aValueIsAHeadAndTheStartOfABody() {
    table.put("k", bytes("v1:"), bytes("payload and more"), 7);

    assertThat(table.get("k")).isEqualTo(bytes("v1:payload"));
    ArenaTable.Reader<String> text = (b, off, len) -> new String(b, off, len, StandardCharsets.UTF_8);
    assertThat(table.read("k", text)).isEqualTo("v1:payload");
    assertThat(table.get("k").length).isEqualTo(10);
  }

  @Test
  void keysWithTheSameCharsButOtherBytesAreOtherKeys() {
    // "é" is one char and two UTF-8 bytes: a key of as many chars as another's bytes must not match it
    table.put("é", bytes("two bytes"));
    table.put("ab", bytes("ascii"));
    table.put("\uD83D\uDE00", bytes("surrogate pair"));

    assertThat(table.get("é")).isEqualTo(bytes("two bytes"));
    assertThat(table.get("ab")).isEqualTo(bytes("ascii"));
    assertThat(table.get("\uD83D\uDE00")).isEqualTo(bytes("surrogate pair"));
    assertThat(table.get("e")).isNull();
    assertThat(table.get("")).isNull();
    table.put("", bytes("empty key"));
    assertThat(table.get("")).isEqualTo(bytes("empty key"));
  }

  @Test
  void keysOfTheSameHashAreToldApart() {
    // "Aa" and "BB" have the same String hash code, as do all their concatenations
    List<String> colliding = List.of("AaAa", "AaBB", "BBAa", "BBBB");
    for (String k : colliding) {
      table.put(k, bytes(k));
    }
    assertThat(table.remove("AaBB")).isTrue();

    assertThat(table.get("AaAa")).isEqualTo(bytes("AaAa"));
    assertThat(table.get("AaBB")).isNull();
    assertThat(table.get("BBAa")).isEqualTo(bytes("BBAa"));
    assertThat(table.get("BBBB")).isEqualTo(bytes("BBBB"));
  }

  @Test
  void aValueLargerThanAPageIsStored() {
    byte[] large = new byte[ArenaTable.PAGE_SIZE * 2 + 5];
    new Random(3).nextBytes(large);
    table.put("small", bytes("s"));
    table.put("large", large);
    table.put("after", bytes("a"));

    assertThat(table.get("large")).isEqualTo(large);
    assertThat(table.get("small")).isEqualTo(bytes("s"));
    assertThat(table.get("after")).isEqualTo(bytes("a"));
  }

  @Test
  void behavesAsAMapThroughGrowthRemovalAndCompaction() {
    // a million operations on 20,000 keys, most of them replacing: the pages are compacted many times over
    Map<String, byte[]> model = new HashMap<>();
    Random random = new Random(17);
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      keys.add("process/" + Long.toHexString(random.nextLong()) + (i % 7 == 0 ? "-ü" : ""));
    }
    for (int op = 0; op < 1_000_000; op++) {
      String key = keys.get(random.nextInt(keys.size()));
      if (random.nextInt(4) == 0) {
        assertThat(table.remove(key)).isEqualTo(model.remove(key) != null);
      } else {
        byte[] value = new byte[random.nextInt(300)];
        random.nextBytes(value);
        table.put(key, value);
        model.put(key, value);
      }
      if (op % 50_000 == 0) {
        assertSameAs(model, keys);
      }
    }
    assertSameAs(model, keys);
    long live = model.entrySet().stream()
        .mapToLong(e -> entryLength(e.getKey(), e.getValue())).sum();
    assertThat(table.liveBytes()).isEqualTo(live);
  }

  @Test
  void aTableHoldingLittleTakesLittleMemory() {
    // the timer index keeps a table per due time: a few entries must not cost a page of a megabyte
    table.put("a", bytes("1"));
    table.put("b", bytes("2"));
    assertThat(table.pageBytes()).isLessThanOrEqualTo(256);

    // one key replaced a hundred thousand times: what the replaced values left behind is reclaimed
    for (int i = 0; i < 100_000; i++) {
      table.put("a", bytes("value " + i));
    }
    assertThat(table.get("a")).isEqualTo(bytes("value 99999"));
    assertThat(table.get("b")).isEqualTo(bytes("2"));
    assertThat(table.pageBytes()).isLessThan(16 * 1024);
  }

  private void assertSameAs(Map<String, byte[]> model, List<String> keys) {
    assertThat(table.size()).isEqualTo(model.size());
    Set<String> iterated = new HashSet<>();
    table.forEachKey(iterated::add);
    assertThat(iterated).isEqualTo(model.keySet());
    for (String key : keys) {
      byte[] expected = model.get(key);
      assertThat(table.contains(key)).isEqualTo(expected != null);
      assertThat(table.get(key)).isEqualTo(expected);
    }
  }

  private static long entryLength(String key, byte[] value) {
    int k = key.getBytes(StandardCharsets.UTF_8).length;
    return ArenaTable.varIntSize(k) + k + ArenaTable.varIntSize(value.length) + value.length;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
