package dev.dyndns53.testing;

import static dev.dyndns53.testing.AwsWireStandIn.Operation.ROUTE53_CHANGE_RESOURCE_RECORD_SETS;
import static dev.dyndns53.testing.AwsWireStandIn.Operation.ROUTE53_LIST_RESOURCE_RECORD_SETS;
import static dev.dyndns53.testing.AwsWireStandIn.Operation.SECRETS_MANAGER_GET_SECRET_VALUE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dyndns53.records.RecordChange;
import dev.dyndns53.records.RecordSet;
import dev.dyndns53.records.RecordStoreException;
import dev.dyndns53.records.RecordType;
import dev.dyndns53.records.Route53RecordStore;
import dev.dyndns53.testing.AwsWireStandIn.Literal;
import dev.dyndns53.testing.AwsWireStandIn.Reply;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/** The stand-in itself: how it tells operations apart, records, and answers the unscripted. */
class AwsWireStandInTest {

  @RegisterExtension static final AwsWireStandIn standIn = new AwsWireStandIn();

  @Test
  void wireReply_takesItsStatusFromTheSiblingStatusFile() {
    Literal throttling = (Literal) Reply.wire("route53-error-Throttling.xml");
    Literal notFound = (Literal) Reply.wire("secretsmanager-error-ResourceNotFoundException.json");
    Literal accepted = (Literal) Reply.wire("route53-ChangeResourceRecordSets.response.xml");

    assertEquals(400, throttling.status());
    assertEquals("text/xml", throttling.contentType());
    assertEquals(400, notFound.status());
    assertEquals("application/x-amz-json-1.1", notFound.contentType());
    assertEquals(200, accepted.status());
  }

  @Test
  void wireReply_ofAMissingFile_failsNamingIt() {
    IllegalArgumentException failure =
        assertThrows(IllegalArgumentException.class, () -> Reply.wire("route53-nope.xml"));

    assertTrue(failure.getMessage().contains("aws-wire/route53-nope.xml"), failure.getMessage());
  }

  @Test
  void requests_areRecordedWithTheirOperationAndWithoutAuthorization() {
    standIn.enqueue(
        ROUTE53_LIST_RESOURCE_RECORD_SETS,
        Reply.wire("route53-ListResourceRecordSets.response.page1.xml"));

    standIn.route53(TestBudgets.FAST_RETRIES).listResourceRecordSets(r -> r.hostedZoneId("Z1"));

    AwsWireStandIn.RecordedRequest sent = standIn.requests().get(0);
    assertEquals(ROUTE53_LIST_RESOURCE_RECORD_SETS, sent.operation());
    assertEquals("GET", sent.method());
    assertEquals("/2013-04-01/hostedzone/Z1/rrset", sent.rawPath());
    assertNull(sent.header("Authorization"));
    assertTrue(sent.header("X-Amz-Date") != null);
  }

  @Test
  void unscriptedRoute53Request_isAnsweredStandInNotScriptedOnce() {
    Route53RecordStore store = new Route53RecordStore(standIn.route53(TestBudgets.FAST_RETRIES));
    List<RecordChange> upsert =
        List.of(
            new RecordChange(
                RecordChange.Action.UPSERT,
                "a.example.com",
                RecordSet.single(RecordType.A, 60, "192.0.2.1")));

    RecordStoreException failure =
        assertThrows(RecordStoreException.class, () -> store.apply("Z1", upsert));

    assertEquals("StandInNotScripted", failure.errorCode());
    assertEquals(1, standIn.requests(ROUTE53_CHANGE_RESOURCE_RECORD_SETS).size());
  }

  @Test
  void unscriptedSecretsManagerRequest_isAnsweredStandInNotScripted() {
    SecretsManagerException failure =
        assertThrows(
            SecretsManagerException.class,
            () ->
                standIn
                    .secretsManager(TestBudgets.FAST_RETRIES)
                    .getSecretValue(r -> r.secretId("x")));

    assertEquals("StandInNotScripted", failure.awsErrorDetails().errorCode());
    assertEquals(1, standIn.requests(SECRETS_MANAGER_GET_SECRET_VALUE).size());
  }

  @Test
  void reset_forgetsScriptsAndRequests() {
    standIn.enqueue(ROUTE53_CHANGE_RESOURCE_RECORD_SETS, Reply.xml(200, "<x/>"));
    standIn.enqueue(
        ROUTE53_LIST_RESOURCE_RECORD_SETS,
        Reply.wire("route53-ListResourceRecordSets.response.page1.xml"));
    standIn.route53(TestBudgets.FAST_RETRIES).listResourceRecordSets(r -> r.hostedZoneId("Z1"));

    standIn.reset();

    assertEquals(0, standIn.pendingReplies(ROUTE53_CHANGE_RESOURCE_RECORD_SETS));
    assertEquals(List.of(), standIn.requests());
  }
}
