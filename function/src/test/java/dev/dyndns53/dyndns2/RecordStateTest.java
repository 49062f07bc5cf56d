package dev.dyndns53.dyndns2;

import static dev.dyndns53.dyndns2.Fixture.ZONE_1;
import static dev.dyndns53.dyndns2.Fixture.alice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dyndns53.http.HttpAnswer;
import dev.dyndns53.json.Json;
import dev.dyndns53.records.RecordChange;
import dev.dyndns53.records.RecordSet;
import dev.dyndns53.records.RecordType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the update service may take from its record cache ({@link
 * dev.dyndns53.records.KnownRecords}) when other execution environments, and other requests of the
 * same one, write the same records: the answer is always true of the store, and {@code nochg}
 * always comes from a read.
 */
class RecordStateTest {
  private static final String HOST = "home.example.com";

  private final Fixture f = new Fixture();
  private final ExecutorService threads = Executors.newFixedThreadPool(4);

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  private static RecordSet a(String address) {
    return RecordSet.single(RecordType.A, 60, address);
  }

  private HttpAnswer update(String hosts, String myip) {
    return f.get(alice(), "hostname", hosts, "myip", myip);
  }

  @Test
  void repeat_afterAnotherEnvironmentWroteAnotherAddress_readsAndWritesInsteadOfNochg() {
    update(HOST, "203.0.113.100");
    f.records.put(ZONE_1, HOST, a("203.0.113.101"));

    HttpAnswer answer = update(HOST, "203.0.113.100");

    assertEquals("good 203.0.113.100\n", answer.body());
    assertEquals(Map.of(RecordType.A, a("203.0.113.100")), f.records.get(ZONE_1, HOST));
  }

  @Test
  void change_whenTheCacheSaysItDiffers_writesWithoutReading() {
    update(HOST, "203.0.113.100");
    int readsBefore = f.records.reads.size();

    HttpAnswer answer = update(HOST, "203.0.113.101");

    assertEquals("good 203.0.113.101\n", answer.body());
    assertEquals(readsBefore, f.records.reads.size());
    assertEquals(Map.of(RecordType.A, a("203.0.113.101")), f.records.get(ZONE_1, HOST));
    assertTrue(f.lastLog().contains("\"route53Calls\":1"), f.lastLog());
  }

  @Test
  void writeWithoutReading_upsertsEveryWantedType_alsoTheOneTheCacheSaysMatches() {
    update(HOST, "203.0.113.7,2001:db8::7");
    // Another environment moved AAAA since; this one still remembers 2001:db8::7.
    f.records.put(ZONE_1, HOST, RecordSet.single(RecordType.AAAA, 60, "2001:db8::9"));

    HttpAnswer answer = update(HOST, "203.0.113.8,2001:db8::7");

    assertEquals("good 203.0.113.8,2001:db8::7\n", answer.body());
    assertEquals(
        RecordSet.single(RecordType.AAAA, 60, "2001:db8::7"),
        f.records.get(ZONE_1, HOST).get(RecordType.AAAA));
    List<RecordChange> last = f.records.batches.get(f.records.batches.size() - 1);
    assertEquals(2, last.size());
  }

  @Test
  void
      writeWithoutReading_refusedOverASetMadeWeightedElsewhere_readsAndAnswersConflict_andWritesTheOthers() {
    update(HOST + ",office.example.com", "203.0.113.7");
    RecordSet weighted = new RecordSet(RecordType.A, 60, List.of("192.0.2.1", "192.0.2.2"), false);
    f.records.put(ZONE_1, HOST, weighted);

    HttpAnswer answer = update(HOST + ",office.example.com", "203.0.113.8");

    assertTrue(answer.body().startsWith("conflict A\ngood 203.0.113.8"), answer.body());
    assertEquals(Map.of(RecordType.A, weighted), f.records.get(ZONE_1, HOST));
    assertEquals(
        Map.of(RecordType.A, RecordSet.single(RecordType.A, 300, "203.0.113.8")),
        f.records.get(ZONE_1, "office.example.com"));
  }

  @Test
  void offline_alwaysReadsFirst_becauseADeleteMustMatchExactly() {
    update(HOST, "203.0.113.7");
    f.records.put(ZONE_1, HOST, a("203.0.113.9"));

    HttpAnswer answer = f.get(alice(), "hostname", HOST, "offline", "yes");

    assertEquals("good\n", answer.body());
    assertEquals(Map.of(), f.records.get(ZONE_1, HOST));
  }

  @Test
  void twoOverlappingWritesOfOneHost_returningInTheOtherOrder_leaveNothingCached()
      throws Exception {
    update(HOST, "203.0.113.1");
    // The first write lands, then waits; the second lands and returns; then the first returns.
    CountDownLatch firstLanded = new CountDownLatch(1);
    CountDownLatch secondDone = new CountDownLatch(1);
    f.records.afterApply =
        (operation, changes) -> {
          if (changes.get(0).record().values().contains("203.0.113.100")) {
            firstLanded.countDown();
            await(secondDone);
          }
        };
    CompletableFuture<HttpAnswer> first =
        CompletableFuture.supplyAsync(() -> update(HOST, "203.0.113.100"), threads);
    await(firstLanded);
    HttpAnswer second = update(HOST, "203.0.113.101");
    secondDone.countDown();

    assertEquals("good 203.0.113.101\n", second.body());
    assertEquals("good 203.0.113.100\n", first.get(30, TimeUnit.SECONDS).body());
    assertEquals(Map.of(RecordType.A, a("203.0.113.101")), f.records.get(ZONE_1, HOST));
    assertCacheAgreesWithStore();
  }

  @Test
  void fourConcurrentAddressesForOneHost_neverLeaveTheCacheDisagreeingWithTheStore()
      throws Exception {
    int requests = 4;
    for (int trial = 0; trial < 100; trial++) {
      CyclicBarrier allWriting = new CyclicBarrier(requests);
      f.records.beforeApply = (operation, changes) -> await(allWriting);
      List<CompletableFuture<HttpAnswer>> answers = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        String address = "203.0.113." + (10 + (trial % 2) * requests + i);
        answers.add(CompletableFuture.supplyAsync(() -> update(HOST, address), threads));
      }
      for (CompletableFuture<HttpAnswer> answer : answers) {
        assertTrue(answer.get(30, TimeUnit.SECONDS).body().startsWith("good "), "trial " + trial);
      }
      assertCacheAgreesWithStore();
    }
  }

  @Test
  void overlappingRequests_eachLogOnlyTheirOwnRoute53Calls() throws Exception {
    update("office.example.com", "203.0.113.7");
    update(HOST, "203.0.113.7");
    // The nochg request holds its read until the other request, a read and a write, is done.
    CountDownLatch nochgReading = new CountDownLatch(1);
    CountDownLatch otherDone = new CountDownLatch(1);
    f.records.beforeRead =
        (operation, changes) -> {
          if (Thread.currentThread().getName().startsWith("pool")) {
            nochgReading.countDown();
            await(otherDone);
          }
        };
    CompletableFuture<HttpAnswer> nochg =
        CompletableFuture.supplyAsync(() -> update(HOST, "203.0.113.7"), threads);
    await(nochgReading);
    f.records.put(ZONE_1, "office.example.com", a("203.0.113.99"));
    HttpAnswer other = update("office.example.com", "203.0.113.7");
    otherDone.countDown();

    assertEquals("good 203.0.113.7\n", other.body());
    assertEquals("nochg 203.0.113.7\n", nochg.get(30, TimeUnit.SECONDS).body());
    assertEquals(2L, route53Calls("good 203.0.113.7"));
    assertEquals(1L, route53Calls("nochg 203.0.113.7"));
  }

  private long route53Calls(String answer) {
    List<Long> calls = new ArrayList<>();
    for (String line : List.copyOf(f.logLines).subList(2, f.logLines.size())) {
      @SuppressWarnings("unchecked")
      Map<String, Object> entry = (Map<String, Object>) Json.parse(line);
      if (answer.equals(entry.get("answer"))) {
        calls.add(((Number) entry.get("route53Calls")).longValue());
      }
    }
    assertEquals(1, calls.size(), "one log line answered " + answer + ": " + f.logLines);
    return calls.get(0);
  }

  private void assertCacheAgreesWithStore() {
    Optional<Map<RecordType, RecordSet>> cached = f.known.fresh(HOST);
    cached.ifPresent(
        sets ->
            assertEquals(
                f.records.get(ZONE_1, HOST),
                sets,
                "the record cache holds what was not written last"));
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the other request never got there");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (BrokenBarrierException | TimeoutException e) {
      throw new IllegalStateException("the concurrent requests did not all reach the write", e);
    }
  }
}
