package io.parsigex.core.receive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FairQueueTest {

  private record Item(String peer, long slot, long seq) {}

  private static long seed() {
    long seed = Long.getLong("fair.seed", System.nanoTime());
    System.out.println("FairQueueTest seed " + seed + " (rerun with -Dfair.seed=" + seed + ")");
    return seed;
  }

  @Test
  void aFloodFromOnePeerDelaysAnotherByAtMostOneServiceRound() throws Exception {
    long seed = seed();
    Random rnd = new Random(seed);
    FairQueue<Item> q = new FairQueue<>(1 << 20, p -> 1 << 20, 0);
    long seq = 0;
    for (int i = 0; i < 5_000; i++) {
      q.offer("A", i, Long.MAX_VALUE, 0, new Item("A", i, seq++), 0);
    }
    int bServed = 0;
    for (int round = 0; round < 500; round++) {
      // A keeps flooding between B's sets; B offers one set, which must be among the next two
      // taken (at most one of A's ahead of it: one round over the two active peers).
      int burst = rnd.nextInt(50);
      for (int i = 0; i < burst; i++) {
        q.offer("A", 10_000 + round, Long.MAX_VALUE, 0, new Item("A", 10_000 + round, seq++), 0);
      }
      Item b = new Item("B", round, seq++);
      q.offer("B", round, Long.MAX_VALUE, 0, b, 0);
      Item first = q.take(1, TimeUnit.SECONDS);
      Item second = first == b ? null : q.take(1, TimeUnit.SECONDS);
      assertThat(first == b || second == b)
          .as("seed %d round %d: B's set waited more than one round (got %s, %s)", seed, round,
              first, second).isTrue();
      bServed++;
    }
    assertThat(bServed).isEqualTo(500);
    assertThat(q.depth("A")).isGreaterThan(4_000);
  }

  @Test
  void aFullPeerQueueShedsItsOldestDutiesFirst() {
    long seed = seed();
    Random rnd = new Random(seed);
    int limit = 8;
    FairQueue<Item> q = new FairQueue<>(1 << 20, p -> limit, 0);
    List<Item> all = new ArrayList<>();
    List<Item> shed = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Item it = new Item("A", rnd.nextInt(40), i);
      all.add(it);
      List<Item> live = new ArrayList<>(all);
      live.removeAll(shed);
      for (FairQueue.Shed<Item> s : q.offer("A", it.slot(), Long.MAX_VALUE, 0, it, 0)) {
        assertThat(s.cause()).isEqualTo(FairQueue.Cause.PEER_QUEUE);
        // The one shed is the oldest duty (lowest slot, then earliest) of what was queued.
        Item oldest = live.stream().min(Comparator.comparingLong(Item::slot)
            .thenComparingLong(Item::seq)).orElseThrow();
        assertThat(s.item()).as("seed %d step %d", seed, i).isEqualTo(oldest);
        shed.add(s.item());
      }
      assertThat(q.depth("A")).isLessThanOrEqualTo(limit);
    }
    assertThat(shed).hasSize(300 - limit);
  }

  @Test
  void aFullNodeQueueShedsFromTheLongestPeerQueue() {
    FairQueue<Item> q = new FairQueue<>(10, p -> 100, 0);
    for (int i = 0; i < 8; i++) {
      assertThat(q.offer("A", 100 + i, Long.MAX_VALUE, 0, new Item("A", 100 + i, i), 0)).isEmpty();
    }
    q.offer("B", 1, Long.MAX_VALUE, 0, new Item("B", 1, 8), 0);
    q.offer("B", 2, Long.MAX_VALUE, 0, new Item("B", 2, 9), 0);
    List<FairQueue.Shed<Item>> shed = q.offer("B", 3, Long.MAX_VALUE, 0, new Item("B", 3, 10), 0);
    // B's slots are older, but A holds the longest queue: A's oldest goes.
    assertThat(shed).extracting(s -> s.item().slot()).containsExactly(100L);
    assertThat(shed.get(0).cause()).isEqualTo(FairQueue.Cause.NODE_QUEUE);
    assertThat(q.size()).isEqualTo(10);
  }

  @Test
  void onceTheOldestWaitingSetIsLateTheOldestDutiesAreShedUntilItIsNot() {
    // Deadlines at 1,000 ms; late with less than 250 ms left.
    FairQueue<Item> q = new FairQueue<>(1000, p -> 1000, 250);
    for (int i = 0; i < 3; i++) {
      assertThat(q.offer("A", 10 - i, 1_000 + i, 0, new Item("A", 10 - i, i), 0)).isEmpty();
    }
    assertThat(q.offer("A", 20, 2_000, 0, new Item("A", 20, 3), 700)).isEmpty();
    // At 800 the sets of slot 10, 9 and 8 are late: the oldest duties go first (8, 9) until the
    // oldest waiting set (slot 10, deadline 1,000) is shed too; 20 and 21 have time.
    List<FairQueue.Shed<Item>> shed = q.offer("A", 21, 2_000, 0, new Item("A", 21, 4), 800);
    assertThat(shed).extracting(s -> s.item().slot()).containsExactly(8L, 9L, 10L);
    assertThat(shed).allMatch(s -> s.cause() == FairQueue.Cause.DEADLINE);
    assertThat(q.size()).isEqualTo(2);
    assertThat(q.shedLate(1_700)).isEmpty();
    assertThat(q.shedLate(1_800)).extracting(s -> s.item().slot()).containsExactly(20L, 21L);
  }

  @Test
  void expiredSetsAreTakenOutAndBytesFreedOldestFirst() throws Exception {
    FairQueue<Item> q = new FairQueue<>(100, p -> 100, 0);
    q.offer("A", 5, 1_000, 10, new Item("A", 5, 0), 0);
    q.offer("A", 6, 2_000, 20, new Item("A", 6, 1), 0);
    q.offer("A", 4, 3_000, 30, new Item("A", 4, 2), 0);
    assertThat(q.bytes("A")).isEqualTo(60);
    assertThat(q.expire(1_500)).extracting(Item::slot).containsExactly(5L);
    assertThat(q.shedBytes("A", 25)).extracting(s -> s.item().slot()).containsExactly(4L);
    assertThat(q.shedBytes("A", 25)).isEmpty(); // only 20 bytes left: nothing shed
    assertThat(q.take(1, TimeUnit.SECONDS).slot()).isEqualTo(6L);
    assertThat(q.size()).isZero();
    assertThat(q.take(10, TimeUnit.MILLISECONDS)).isNull();
  }
}
