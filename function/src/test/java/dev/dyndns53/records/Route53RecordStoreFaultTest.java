package dev.dyndns53.records;

import static dev.dyndns53.testing.AwsWireStandIn.Operation.ROUTE53_CHANGE_RESOURCE_RECORD_SETS;
import static dev.dyndns53.testing.AwsWireStandIn.Operation.ROUTE53_LIST_RESOURCE_RECORD_SETS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dyndns53.records.RecordChange.Action;
import dev.dyndns53.records.RecordStoreException.Kind;
import dev.dyndns53.testing.AwsWireStandIn;
import dev.dyndns53.testing.AwsWireStandIn.RecordedRequest;
import dev.dyndns53.testing.AwsWireStandIn.Reply;
import dev.dyndns53.testing.Route53WireXml;
import dev.dyndns53.testing.TestBudgets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Route53RecordStore} on a real SDK client, configured like production but with {@link
 * TestBudgets}, against the stand-in serving Route 53's exact wire answers.
 */
class Route53RecordStoreFaultTest {

  @RegisterExtension static final AwsWireStandIn standIn = new AwsWireStandIn();

  private static final String ZONE = "Z1EXAMPLE";
  private static final String HOST = "home.example.com";
  private static final List<RecordChange> UPSERT_A =
      List.of(
          new RecordChange(Action.UPSERT, HOST, RecordSet.single(RecordType.A, 60, "192.0.2.7")));
  private static final Reply CHANGE_ACCEPTED =
      Reply.wire("route53-ChangeResourceRecordSets.response.xml");
  private static final Reply THROTTLING = Reply.wire("route53-error-Throttling.xml");
  private static final int MAX_ATTEMPTS = TestBudgets.FAST_RETRIES.maxAttempts();

  private Route53RecordStore store() {
    return new Route53RecordStore(standIn.route53(TestBudgets.FAST_RETRIES));
  }

  @Test
  void apply_sendsTheBareZoneIdInThePathOfTheCapturedSdkRequest() {
    standIn.enqueue(ROUTE53_CHANGE_RESOURCE_RECORD_SETS, CHANGE_ACCEPTED);

    store().apply(ZONE, UPSERT_A);

    // The capture shows what SDK v2 sends for a prefixed id ("/hostedzone/Z1EXAMPLE", encoded
    // into the path); with a bare id the path must be the plain template.
    String[] captured = requestLine("route53-ChangeResourceRecordSets.request.sdkv2-captured.http");
    assertEquals("/2013-04-01/hostedzone/%2Fhostedzone%2FZ1EXAMPLE/rrset/", captured[1]);
    RecordedRequest sent = standIn.requests().get(0);
    assertEquals(captured[0], sent.method());
    assertEquals(captured[1].replace("%2Fhostedzone%2F", ""), sent.rawPath());
    assertEquals("/2013-04-01/hostedzone/Z1EXAMPLE/rrset/", sent.rawPath());
    assertEquals("application/xml", sent.header("Content-Type"));
    assertEquals("attempt=1; max=" + MAX_ATTEMPTS, sent.header("amz-sdk-request"));
    assertTrue(
        sent.body()
            .contains(
                "<Change><Action>UPSERT</Action><ResourceRecordSet><Name>home.example.com.</Name>"
                    + "<Type>A</Type><TTL>60</TTL><ResourceRecords><ResourceRecord>"
                    + "<Value>192.0.2.7</Value></ResourceRecord></ResourceRecords>"
                    + "</ResourceRecordSet></Change>"),
        sent.body());
  }

  @Test
  void apply_sendsEveryChangeInOneBatch() {
    standIn.enqueue(ROUTE53_CHANGE_RESOURCE_RECORD_SETS, CHANGE_ACCEPTED);

    Route53RecordStore store = store();
    store.apply(
        ZONE,
        List.of(
            new RecordChange(Action.UPSERT, HOST, RecordSet.single(RecordType.A, 60, "192.0.2.7")),
            new RecordChange(
                Action.DELETE, HOST, RecordSet.single(RecordType.AAAA, 300, "2001:db8::7"))));

    assertEquals(1, standIn.requests().size());
    String body = standIn.requests().get(0).body();
    assertTrue(body.contains("<Action>UPSERT</Action>"), body);
    assertTrue(
        body.contains(
            "<Action>DELETE</Action><ResourceRecordSet><Name>home.example.com.</Name>"
                + "<Type>AAAA</Type><TTL>300</TTL>"),
        body);
    assertEquals(1, store.callCount());
  }

  @Test
  void read_sendsOneListRequestStartingAtTheNameAndTypeA() {
    standIn.enqueue(
        ROUTE53_LIST_RESOURCE_RECORD_SETS,
        Reply.wire("route53-ListResourceRecordSets.response.page2.xml"));

    Route53RecordStore store = store();
    store.read(ZONE, HOST);

    String[] captured =
        requestLine("route53-ListResourceRecordSets.request.page2.sdkv2-captured.http");
    RecordedRequest sent = standIn.requests().get(0);
    assertEquals(captured[0], sent.method());
    assertEquals(captured[1].substring(0, captured[1].indexOf('?')), sent.rawPath());
    assertEquals("name=home.example.com.&type=A&maxitems=8", sent.rawQuery());
    assertEquals(1, store.callCount());
  }

  @Test
  void read_ofANameWithOnlyOtherTypes_isEmpty() {
    standIn.enqueue(
        ROUTE53_LIST_RESOURCE_RECORD_SETS,
        Reply.wire("route53-ListResourceRecordSets.response.page2.xml"));

    assertEquals(Map.of(), store().read(ZONE, "_acme-challenge.example.com"));
  }

  @Test
  void read_ignoresRecordSetsOfOtherNames() {
    standIn.enqueue(
        ROUTE53_LIST_RESOURCE_RECORD_SETS,
        Reply.wire("route53-ListResourceRecordSets.response.page1.xml"));

    // page1 lists example.com.'s NS and SOA and is truncated at another name.
    Route53RecordStore store = store();
    assertEquals(Map.of(), store.read(ZONE, "www.example.com"));
    assertEquals(1, store.callCount());
  }

  @Test
  void apply_whenThrottledOnce_retriesAndSucceeds() {
    standIn.enqueue(ROUTE53_CHANGE_RESOURCE_RECORD_SETS, THROTTLING, CHANGE_ACCEPTED);

    Route53RecordStore store = store();
    store.apply(ZONE, UPSERT_A);

    List<RecordedRequest> sent = standIn.requests(ROUTE53_CHANGE_RESOURCE_RECORD_SETS);
    assertEquals(2, sent.size());
    assertEquals("attempt=2; max=" + MAX_ATTEMPTS, sent.get(1).header("amz-sdk-request"));
    assertEquals(sent.get(0).body(), sent.get(1).body());
    assertEquals(2, store.callCount());
  }

  @Test
  void apply_whenPriorRequestNotCompleteOnce_retriesAndSucceeds() {
    standIn.enqueue(
        ROUTE53_CHANGE_RESOURCE_RECORD_SETS,
        Reply.wire("route53-error-PriorRequestNotComplete.xml"),
        CHANGE_ACCEPTED);

    Route53RecordStore store = store();
    store.apply(ZONE, UPSERT_A);

    assertEquals(2, standIn.requests(ROUTE53_CHANGE_RESOURCE_RECORD_SETS).size());
    assertEquals(2, store.callCount());
  }

  @Test
  void apply_whenThrottledPastTheBudget_isUnavailableWithCodeThrottlingAfterMaxAttempts() {
    standIn.enqueueRepeatedly(ROUTE53_CHANGE_RESOURCE_RECORD_SETS, THROTTLING, MAX_ATTEMPTS + 2);

    Route53RecordStore store = store();
    RecordStoreException failure =
        assertThrows(RecordStoreException.class, () -> store.apply(ZONE, UPSERT_A));

    assertEquals(Kind.UNAVAILABLE, failure.kind());
    assertEquals("Throttling", failure.errorCode());
    assertEquals(MAX_ATTEMPTS, standIn.requests(ROUTE53_CHANGE_RESOURCE_RECORD_SETS).size());
    assertEquals(2, standIn.pendingReplies(ROUTE53_CHANGE_RESOURCE_RECORD_SETS));
    assertEquals(MAX_ATTEMPTS, store.callCount());
    assertTrue(failure.getMessage().contains("ChangeResourceRecordSets"), failure.getMessage());
    assertTrue(failure.getMessage().contains(ZONE), failure.getMessage());
    assertTrue(failure.getMessage().contains("Rate exceeded"), failure.getMessage());
  }

  @Test
  void read_whenThrottledPastTheBudget_isUnavailableWithCodeThrottling() {
    standIn.enqueueRepeatedly(ROUTE53_LIST_RESOURCE_RECORD_SETS, THROTTLING, MAX_ATTEMPTS);

    RecordStoreException failure =
        assertThrows(RecordStoreException.class, () -> store().read(ZONE, HOST));

    assertEquals(Kind.UNAVAILABLE, failure.kind());
    assertEquals("Throttling", failure.errorCode());
    assertEquals(MAX_ATTEMPTS, standIn.requests(ROUTE53_LIST_RESOURCE_RECORD_SETS).size());
  }

  @ParameterizedTest(name = "{0} -> REJECTED {1}")
  @CsvSource({
    "route53-error-InvalidChangeBatch-exists.xml, InvalidChangeBatch",
    "route53-error-InvalidChangeBatch-mismatch.xml, InvalidChangeBatch",
    "route53-error-InvalidChangeBatch-notfound.xml, InvalidChangeBatch",
    "route53-error-InvalidInput.xml, InvalidInput",
    "route53-error-NoSuchHostedZone.xml, NoSuchHostedZone",
  })
  void apply_whenRoute53RefusesTheBatch_isRejectedWithItsCodeAndNotRetried(
      String wireFile, String code) {
    standIn.enqueue(ROUTE53_CHANGE_RESOURCE_RECORD_SETS, Reply.wire(wireFile), CHANGE_ACCEPTED);

    Route53RecordStore store = store();
    RecordStoreException failure =
        assertThrows(RecordStoreException.class, () -> store.apply(ZONE, UPSERT_A));

    assertEquals(Kind.REJECTED, failure.kind());
    assertEquals(code, failure.errorCode());
    assertEquals(1, standIn.requests().size());
    assertEquals(1, store.callCount());
  }

  @Test
  void apply_whenAccessDenied_isRejectedAndNotRetried() {
    standIn.enqueue(
        ROUTE53_CHANGE_RESOURCE_RECORD_SETS,
        Reply.xml(
            403,
            Route53WireXml.error(
                "Sender",
                "AccessDenied",
                "User: arn:aws:sts::123456789012:assumed-role/fn/fn is not authorized to perform:"
                    + " route53:ChangeResourceRecordSets on resource: hostedzone/Z1EXAMPLE")),
        CHANGE_ACCEPTED);

    RecordStoreException failure =
        assertThrows(RecordStoreException.class, () -> store().apply(ZONE, UPSERT_A));

    assertEquals(Kind.REJECTED, failure.kind());
    assertEquals("AccessDenied", failure.errorCode());
    assertEquals(1, standIn.requests().size());
  }

  @Test
  void read_whenNoSuchHostedZone_isRejectedAndNotRetried() {
    standIn.enqueue(
        ROUTE53_LIST_RESOURCE_RECORD_SETS, Reply.wire("route53-error-NoSuchHostedZone.xml"));

    RecordStoreException failure =
        assertThrows(RecordStoreException.class, () -> store().read(ZONE, HOST));

    assertEquals(Kind.REJECTED, failure.kind());
    assertEquals("NoSuchHostedZone", failure.errorCode());
    assertEquals(1, standIn.requests().size());
  }

  @Test
  void apply_whenInternalFailurePersists_retriesThenIsUnavailable() {
    standIn.enqueueRepeatedly(
        ROUTE53_CHANGE_RESOURCE_RECORD_SETS,
        Reply.xml(500, Route53WireXml.error("Receiver", "InternalFailure", "Internal failure")),
        MAX_ATTEMPTS);

    Route53RecordStore store = store();
    RecordStoreException failure =
        assertThrows(RecordStoreException.class, () -> store.apply(ZONE, UPSERT_A));

    assertEquals(Kind.UNAVAILABLE, failure.kind());
    assertEquals("InternalFailure", failure.errorCode());
    assertEquals(MAX_ATTEMPTS, standIn.requests().size());
    assertEquals(MAX_ATTEMPTS, store.callCount());
  }

  @Test
  void apply_whenInternalFailureOnce_retriesAndSucceeds() {
    standIn.enqueue(
        ROUTE53_CHANGE_RESOURCE_RECORD_SETS,
        Reply.xml(500, Route53WireXml.error("Receiver", "InternalFailure", "Internal failure")),
        CHANGE_ACCEPTED);

    store().apply(ZONE, UPSERT_A);

    assertEquals(2, standIn.requests().size());
  }

  @Test
  void read_whenAProxyAnswers503WithHtml_isUnavailableWithCodeServiceError() {
    standIn.enqueueRepeatedly(
        ROUTE53_LIST_RESOURCE_RECORD_SETS,
        Reply.raw(503, "text/html", "<html><body>Service Unavailable</body></html>"),
        MAX_ATTEMPTS);

    RecordStoreException failure =
        assertThrows(RecordStoreException.class, () -> store().read(ZONE, HOST));

    assertEquals(Kind.UNAVAILABLE, failure.kind());
    assertEquals("ServiceError", failure.errorCode());
    assertEquals(MAX_ATTEMPTS, standIn.requests().size());
  }

  @Test
  void read_whenTheAnswerIsMalformedXml_isUnavailableWithCodeUnreadable() {
    standIn.enqueueRepeatedly(
        ROUTE53_LIST_RESOURCE_RECORD_SETS,
        Reply.xml(
            200,
            "<?xml version=\"1.0\"?><ListResourceRecordSetsResponse><ResourceRecordSets>"
                + "<ResourceRecordSet><Name>home.example.com.</Name"),
        MAX_ATTEMPTS);

    RecordStoreException failure =
        assertThrows(RecordStoreException.class, () -> store().read(ZONE, HOST));

    assertEquals(Kind.UNAVAILABLE, failure.kind());
    assertEquals("Unreadable", failure.errorCode());
    // An answer that cannot be parsed is not retried: the same endpoint would answer the same.
    assertEquals(1, standIn.requests().size());
  }

  @Test
  void apply_whenTheAcceptAnswerIsMalformedXml_isUnavailableWithCodeUnreadable() {
    standIn.enqueueRepeatedly(
        ROUTE53_CHANGE_RESOURCE_RECORD_SETS,
        Reply.xml(200, "<ChangeResourceRecordSetsResponse><ChangeInfo><Id>"),
        MAX_ATTEMPTS);

    RecordStoreException failure =
        assertThrows(RecordStoreException.class, () -> store().apply(ZONE, UPSERT_A));

    assertEquals(Kind.UNAVAILABLE, failure.kind());
    assertEquals("Unreadable", failure.errorCode());
    // An answer that cannot be parsed is not retried: the same endpoint would answer the same.
    assertEquals(1, standIn.requests().size());
  }

  @Test
  void apply_whenRoute53IsTooSlow_isUnavailableWithCodeTimeoutWithinTheCallBudget() {
    standIn.enqueueRepeatedly(
        ROUTE53_CHANGE_RESOURCE_RECORD_SETS,
        Reply.delayed(Duration.ofSeconds(30), CHANGE_ACCEPTED),
        MAX_ATTEMPTS);
    Route53RecordStore store = new Route53RecordStore(standIn.route53(TestBudgets.SHORT_TIMEOUTS));

    long started = System.nanoTime();
    RecordStoreException failure =
        assertThrows(RecordStoreException.class, () -> store.apply(ZONE, UPSERT_A));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertEquals(Kind.UNAVAILABLE, failure.kind());
    assertEquals("Timeout", failure.errorCode());
    // Far below the 30 s the stand-in holds each request: the budget, not the server, ended it.
    Duration bound = TestBudgets.SHORT_TIMEOUTS.callTimeout().multipliedBy(10);
    assertTrue(took.compareTo(bound) < 0, "took " + took + ", bound " + bound);
    int sent = standIn.requests().size();
    assertTrue(sent >= 1 && sent <= MAX_ATTEMPTS, sent + " requests");
  }

  @Test
  void read_ofAWeightedName_reportsItsSetsAsNotPlain() {
    standIn.enqueue(
        ROUTE53_LIST_RESOURCE_RECORD_SETS,
        Reply.xml(
            200,
            Route53WireXml.listResponse(
                Route53WireXml.weightedRecordSet(
                    "home.example.com.", "A", "blue", 10, 60, "192.0.2.1"),
                Route53WireXml.weightedRecordSet(
                    "home.example.com.", "A", "green", 90, 60, "192.0.2.2"),
                Route53WireXml.recordSet("home.example.com.", "MX", 300, "10 mail.example.com."))));

    Map<RecordType, RecordSet> read = store().read(ZONE, HOST);

    assertEquals(
        Map.of(
            RecordType.A,
            new RecordSet(RecordType.A, 60, List.of("192.0.2.1", "192.0.2.2"), false)),
        read);
  }

  @Test
  void read_ofASingleSetWithASetIdentifier_reportsItAsNotPlain() {
    standIn.enqueue(
        ROUTE53_LIST_RESOURCE_RECORD_SETS,
        Reply.xml(
            200,
            Route53WireXml.listResponse(
                Route53WireXml.weightedRecordSet(
                    "home.example.com.", "AAAA", "only", 1, 60, "2001:db8::1"))));

    RecordSet aaaa = store().read(ZONE, HOST).get(RecordType.AAAA);

    assertFalse(aaaa.plain());
  }

  @Test
  void read_ofAnAlias_reportsItAsNotPlainWithoutValues() {
    standIn.enqueue(
        ROUTE53_LIST_RESOURCE_RECORD_SETS,
        Reply.xml(
            200,
            Route53WireXml.listResponse(
                Route53WireXml.aliasRecordSet(
                    "home.example.com.", "A", "Z2FDTNDATAQYW2", "d111111abcdef8.cloudfront.net."),
                Route53WireXml.recordSet("home.example.com.", "AAAA", 60, "2001:db8::1"))));

    Map<RecordType, RecordSet> read = store().read(ZONE, HOST);

    assertEquals(new RecordSet(RecordType.A, 0, List.of(), false), read.get(RecordType.A));
    assertEquals(RecordSet.single(RecordType.AAAA, 60, "2001:db8::1"), read.get(RecordType.AAAA));
  }

  @Test
  void read_whenThePageEndsInsideTheNamesAddressSets_followsTheNextRecord() {
    standIn.enqueue(
        ROUTE53_LIST_RESOURCE_RECORD_SETS,
        Reply.xml(
            200,
            Route53WireXml.listResponse(
                List.of(
                    Route53WireXml.weightedRecordSet(
                        "home.example.com.", "A", "a", 1, 60, "192.0.2.1"),
                    Route53WireXml.weightedRecordSet(
                        "home.example.com.", "A", "b", 1, 60, "192.0.2.2")),
                "home.example.com.",
                "A",
                "c")),
        Reply.xml(
            200,
            Route53WireXml.listResponse(
                Route53WireXml.weightedRecordSet("home.example.com.", "A", "c", 1, 60, "192.0.2.3"),
                Route53WireXml.recordSet("home.example.com.", "AAAA", 60, "2001:db8::1"),
                Route53WireXml.recordSet("other.example.com.", "A", 60, "192.0.2.99"))));

    Route53RecordStore store = store();
    Map<RecordType, RecordSet> read = store.read(ZONE, HOST);

    assertEquals(
        new RecordSet(RecordType.A, 60, List.of("192.0.2.1", "192.0.2.2", "192.0.2.3"), false),
        read.get(RecordType.A));
    assertEquals(RecordSet.single(RecordType.AAAA, 60, "2001:db8::1"), read.get(RecordType.AAAA));
    List<RecordedRequest> sent = standIn.requests(ROUTE53_LIST_RESOURCE_RECORD_SETS);
    assertEquals(2, sent.size());
    assertEquals("name=home.example.com.&type=A&identifier=c&maxitems=8", sent.get(1).rawQuery());
    assertEquals(2, store.callCount());
  }

  @Test
  void read_whenThePageEndsAtTheNamesOtherTypes_makesNoSecondCall() {
    standIn.enqueue(
        ROUTE53_LIST_RESOURCE_RECORD_SETS,
        Reply.xml(
            200,
            Route53WireXml.listResponse(
                List.of(
                    Route53WireXml.recordSet("home.example.com.", "A", 60, "192.0.2.1"),
                    Route53WireXml.recordSet("home.example.com.", "AAAA", 60, "2001:db8::1")),
                "home.example.com.",
                "MX",
                null)));

    Route53RecordStore store = store();
    Map<RecordType, RecordSet> read = store.read(ZONE, HOST);

    assertEquals(2, read.size());
    assertTrue(read.get(RecordType.A).ownShape());
    assertEquals(1, store.callCount());
  }

  @Test
  void read_ofANameWithMoreAddressSetsThanItPages_isRejected() {
    for (int page = 0; page < ZoneListing.MAX_PAGES + 1; page++) {
      standIn.enqueue(
          ROUTE53_LIST_RESOURCE_RECORD_SETS,
          Reply.xml(
              200,
              Route53WireXml.listResponse(
                  List.of(
                      Route53WireXml.weightedRecordSet(
                          "home.example.com.", "A", "w" + page, 1, 60, "192.0.2." + (page + 1))),
                  "home.example.com.",
                  "A",
                  "w" + (page + 1))));
    }

    RecordStoreException failure =
        assertThrows(RecordStoreException.class, () -> store().read(ZONE, HOST));

    assertEquals(Kind.REJECTED, failure.kind());
    assertEquals("TooManyRecordSets", failure.errorCode());
    assertEquals(ZoneListing.MAX_PAGES, standIn.requests().size());
  }

  @Test
  void read_ofSeveralNames_inRoute53sOrder_aHyphenatedNameBeforeItsPrefix_oneListingCoversBoth() {
    // Route 53 sorts com.example.a-b. before com.example.a. ('-' < '.'), so the listing starts at
    // a-b.example.com and shows a.example.com after it.
    standIn.enqueue(
        ROUTE53_LIST_RESOURCE_RECORD_SETS,
        Reply.xml(
            200,
            Route53WireXml.listResponse(
                Route53WireXml.recordSet("a-b.example.com.", "A", 60, "192.0.2.2"),
                Route53WireXml.recordSet("a.example.com.", "A", 60, "192.0.2.1"),
                Route53WireXml.recordSet("b.example.com.", "A", 60, "192.0.2.3"))));

    Route53RecordStore store = store();
    Map<String, Map<RecordType, RecordSet>> read =
        store.read(ZONE, List.of("a.example.com", "a-b.example.com"));

    assertEquals(
        Map.of(
            "a.example.com", Map.of(RecordType.A, RecordSet.single(RecordType.A, 60, "192.0.2.1")),
            "a-b.example.com",
                Map.of(RecordType.A, RecordSet.single(RecordType.A, 60, "192.0.2.2"))),
        read);
    List<RecordedRequest> sent = standIn.requests(ROUTE53_LIST_RESOURCE_RECORD_SETS);
    assertEquals(1, sent.size());
    assertEquals("name=a-b.example.com.&type=A&maxitems=300", sent.get(0).rawQuery());
  }

  @Test
  void read_ofSeveralNames_whenTheListingSortsAsMotoDoes_missesNoRecord() {
    // moto sorts com.example.a before com.example.a-b, so a listing from a-b.example.com does not
    // show a.example.com; that must not read as "a.example.com has no records".
    standIn.enqueue(
        ROUTE53_LIST_RESOURCE_RECORD_SETS,
        Reply.xml(
            200,
            Route53WireXml.listResponse(
                Route53WireXml.recordSet("a-b.example.com.", "A", 60, "192.0.2.2"),
                Route53WireXml.recordSet("b.example.com.", "A", 60, "192.0.2.3"))),
        Reply.xml(
            200,
            Route53WireXml.listResponse(
                Route53WireXml.recordSet("a.example.com.", "A", 60, "192.0.2.1"),
                Route53WireXml.recordSet("a-b.example.com.", "A", 60, "192.0.2.2"),
                Route53WireXml.recordSet("b.example.com.", "A", 60, "192.0.2.3"))));

    Map<String, Map<RecordType, RecordSet>> read =
        store().read(ZONE, List.of("a.example.com", "a-b.example.com"));

    assertEquals(
        Map.of(RecordType.A, RecordSet.single(RecordType.A, 60, "192.0.2.1")),
        read.get("a.example.com"));
    List<RecordedRequest> sent = standIn.requests(ROUTE53_LIST_RESOURCE_RECORD_SETS);
    assertEquals(2, sent.size());
    assertEquals("name=a.example.com.&type=A&maxitems=8", sent.get(1).rawQuery());
  }

  @Test
  void read_ofSeveralNames_startsTheNextListingAtTheNextOpenName_notAtThePagesMarker() {
    standIn.enqueue(
        ROUTE53_LIST_RESOURCE_RECORD_SETS,
        Reply.xml(
            200,
            Route53WireXml.listResponse(
                List.of(
                    Route53WireXml.recordSet("home.example.com.", "A", 60, "192.0.2.1"),
                    Route53WireXml.recordSet("m1.example.com.", "TXT", 300, "\"x\""),
                    Route53WireXml.recordSet("m2.example.com.", "TXT", 300, "\"x\"")),
                "m3.example.com.",
                "TXT",
                null)),
        Reply.xml(
            200,
            Route53WireXml.listResponse(
                Route53WireXml.recordSet("zz.example.com.", "AAAA", 60, "2001:db8::1"))));

    Map<String, Map<RecordType, RecordSet>> read =
        store().read(ZONE, List.of("zz.example.com", "home.example.com", "lab.example.com"));

    assertEquals(
        Map.of(RecordType.A, RecordSet.single(RecordType.A, 60, "192.0.2.1")),
        read.get("home.example.com"));
    assertEquals(Map.of(), read.get("lab.example.com"));
    assertEquals(
        Map.of(RecordType.AAAA, RecordSet.single(RecordType.AAAA, 60, "2001:db8::1")),
        read.get("zz.example.com"));
    List<RecordedRequest> sent = standIn.requests(ROUTE53_LIST_RESOURCE_RECORD_SETS);
    assertEquals(2, sent.size());
    assertEquals("name=home.example.com.&type=A&maxitems=300", sent.get(0).rawQuery());
    assertEquals("name=zz.example.com.&type=A&maxitems=8", sent.get(1).rawQuery());
  }

  @Test
  void read_whenAListingFromTheNameIsEmptyButPointsAtIt_failsInsteadOfListingForever() {
    standIn.enqueueRepeatedly(
        ROUTE53_LIST_RESOURCE_RECORD_SETS,
        Reply.xml(200, Route53WireXml.listResponse(List.of(), "home.example.com.", "A", null)),
        3);

    RecordStoreException failure =
        assertThrows(RecordStoreException.class, () -> store().read(ZONE, HOST));

    assertEquals(Kind.UNAVAILABLE, failure.kind());
    assertEquals("Unreadable", failure.errorCode());
    assertEquals(1, standIn.requests().size());
  }

  @Test
  void countingViews_countOnlyTheCallsMadeThroughThem_andTheStoreCountsAll() {
    standIn.enqueue(ROUTE53_CHANGE_RESOURCE_RECORD_SETS, THROTTLING, CHANGE_ACCEPTED);
    standIn.enqueue(
        ROUTE53_LIST_RESOURCE_RECORD_SETS,
        Reply.wire("route53-ListResourceRecordSets.response.page2.xml"));
    Route53RecordStore store = store();
    CallCounter first = new CallCounter();
    CallCounter second = new CallCounter();

    store.countingCallsIn(first).apply(ZONE, UPSERT_A);
    store.countingCallsIn(second).read(ZONE, HOST);

    assertEquals(2, first.count(), "the throttled attempt and its retry");
    assertEquals(1, second.count());
    assertEquals(3, store.callCount());
  }

  @Test
  void apply_withAPrefixedZoneId_failsBeforeSendingAnything() {
    assertThrows(
        IllegalArgumentException.class, () -> store().apply("/hostedzone/" + ZONE, UPSERT_A));
    assertEquals(List.of(), standIn.requests());
  }

  /** Method and raw path of a captured request's first line. */
  private static String[] requestLine(String capturedFile) {
    String firstLine = AwsWireStandIn.readWireFile(capturedFile).lines().findFirst().orElseThrow();
    String[] parts = firstLine.split(" ");
    return new String[] {parts[0], parts[1]};
  }
}
