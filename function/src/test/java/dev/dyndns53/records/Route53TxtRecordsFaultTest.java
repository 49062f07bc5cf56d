package dev.dyndns53.records;

import static dev.dyndns53.testing.AwsWireStandIn.Operation.ROUTE53_CHANGE_RESOURCE_RECORD_SETS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dyndns53.testing.AwsWireStandIn;
import dev.dyndns53.testing.AwsWireStandIn.Reply;
import dev.dyndns53.testing.TestBudgets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The TXT replacement on a real SDK client against the stand-in serving Route 53's exact answers.
 */
class Route53TxtRecordsFaultTest {

  @RegisterExtension static final AwsWireStandIn standIn = new AwsWireStandIn();

  private static final String NAME = "_acme-challenge.home.example.com";
  private static final TxtRecordSet READ = TxtRecordSet.ofStrings(60, List.of("marker", "value1"));
  private static final TxtRecordSet WANTED =
      TxtRecordSet.ofStrings(60, List.of("marker", "value1", "value2"));

  @Test
  void replaceTxt_sendsDeleteOfTheSetAsReadThenCreate_inOneBatch() {
    standIn.enqueue(
        ROUTE53_CHANGE_RESOURCE_RECORD_SETS,
        Reply.wire("route53-ChangeResourceRecordSets.response.xml"));

    new Route53RecordStore(standIn.route53(TestBudgets.FAST_RETRIES))
        .replaceTxt("Z1EXAMPLE", NAME, Optional.of(READ), Optional.of(WANTED));

    String body = standIn.requests().get(0).body();
    String delete =
        "<Change><Action>DELETE</Action><ResourceRecordSet><Name>_acme-challenge.home.example.com.</Name>"
            + "<Type>TXT</Type><TTL>60</TTL><ResourceRecords><ResourceRecord><Value>&quot;marker&quot;</Value>";
    String create = "<Change><Action>CREATE</Action>";
    assertTrue(body.contains(delete) || body.contains(delete.replace("&quot;", "\"")), body);
    assertTrue(body.indexOf(create) > body.indexOf("<Action>DELETE</Action>"), body);
  }

  @Test
  void replaceTxt_whenTheSetChangedSinceItWasRead_isRejectedWithoutRetrying() {
    standIn.enqueue(
        ROUTE53_CHANGE_RESOURCE_RECORD_SETS,
        Reply.wire("route53-error-InvalidChangeBatch-mismatch.xml"));
    Route53RecordStore store = new Route53RecordStore(standIn.route53(TestBudgets.FAST_RETRIES));

    RecordStoreException refused =
        assertThrows(
            RecordStoreException.class,
            () -> store.replaceTxt("Z1EXAMPLE", NAME, Optional.of(READ), Optional.of(WANTED)));

    assertEquals(RecordStoreException.Kind.REJECTED, refused.kind());
    assertEquals("InvalidChangeBatch", refused.errorCode());
    assertEquals(1, store.callCount());
  }
}
