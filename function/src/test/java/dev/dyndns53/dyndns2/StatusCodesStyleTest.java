package dev.dyndns53.dyndns2;

import static dev.dyndns53.dyndns2.Fixture.alice;
import static dev.dyndns53.dyndns2.Fixture.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dyndns53.credentials.CredentialStoreException;
import dev.dyndns53.http.HttpAnswer;
import dev.dyndns53.records.RecordStoreException;
import org.junit.jupiter.api.Test;

/** The opt-in "status-codes" style: the original DynDNS53 status per error token. */
class StatusCodesStyleTest {
  private final Fixture f = new Fixture("status-codes");

  @Test
  void good_is200() {
    assertEquals(
        200, f.get(alice(), "hostname", "home.example.com", "myip", "203.0.113.7").status());
  }

  @Test
  void missingCredentials_is401WithChallenge() {
    HttpAnswer answer = f.get(null, "hostname", "home.example.com");

    assertEquals(401, answer.status());
    assertEquals("badauth\n", answer.body());
    assertEquals("Basic realm=\"dyndns53\"", answer.headers().get("WWW-Authenticate"));
  }

  @Test
  void wrongPassword_is403() {
    HttpAnswer answer = f.get(basic("alice", "nope"), "hostname", "home.example.com");

    assertEquals(403, answer.status());
    assertEquals("badauth\n", answer.body());
  }

  @Test
  void notfqdn_is400() {
    assertEquals(400, f.get(alice(), "hostname", "nope").status());
  }

  @Test
  void badagent_is400() {
    assertEquals(400, f.get(alice(), "hostname", "home.example.com", "myip", "10.0.0.1").status());
  }

  @Test
  void nohost_is404() {
    HttpAnswer answer = f.get(alice(), "hostname", "unknown.example.com");

    assertEquals(404, answer.status());
    assertEquals("nohost\n", answer.body());
  }

  @Test
  void serverTrouble_is500() {
    f.credentials.failure = new CredentialStoreException("InternalServiceError", "boom", null);

    assertEquals(500, f.get(alice(), "hostname", "home.example.com").status());
  }

  @Test
  void mixedLines_takeTheMostSeriousStatus() {
    f.records.applyFailures.add(
        new RecordStoreException(
            RecordStoreException.Kind.REJECTED, "InvalidChangeBatch", "rejected", null));

    HttpAnswer answer =
        f.get(alice(), "hostname", "unknown.example.com,home.example.com", "myip", "203.0.113.7");

    assertEquals(500, answer.status());
    assertEquals("nohost\ndnserr\n", answer.body());
  }

  @Test
  void goodBesideAnError_is200_becauseARecordWasWritten() {
    HttpAnswer answer =
        f.get(alice(), "hostname", "home.example.com,unknown.example.com", "myip", "203.0.113.7");

    assertEquals(200, answer.status());
    assertEquals("good 203.0.113.7\nnohost\n", answer.body());
  }

  @Test
  void goodInOneZoneBesideDnserrInAnother_is200_andTheBodyHasBothLines() {
    f.records.applyFailures.add(
        new RecordStoreException(
            RecordStoreException.Kind.REJECTED, "InvalidChangeBatch", "rejected", null));

    HttpAnswer answer =
        f.get(
            alice(),
            "hostname",
            "nas.example.org,home.example.com",
            "myip",
            "203.0.113.7,2001:db8::7");

    assertEquals(200, answer.status());
    assertEquals("dnserr\ngood 203.0.113.7,2001:db8::7\n", answer.body());
  }

  @Test
  void nochgBesideAnError_takesTheErrorsStatus_becauseNothingWasWritten() {
    f.get(alice(), "hostname", "home.example.com", "myip", "203.0.113.7");

    HttpAnswer answer =
        f.get(alice(), "hostname", "home.example.com,unknown.example.com", "myip", "203.0.113.7");

    assertEquals(404, answer.status());
    assertEquals("nochg 203.0.113.7\nnohost\n", answer.body());
  }

  @Test
  void nohostAndNotfqdn_is404() {
    assertEquals(404, f.get(alice(), "hostname", "nope,unknown.example.com").status());
  }
}
