package dev.dyndns53.envelope;

import dev.dyndns53.config.UserConfig;
import dev.dyndns53.http.HttpRequest;
import dev.dyndns53.log.RequestLog;
import dev.dyndns53.records.RecordStore;
import dev.dyndns53.records.TxtRecordStore;

/**
 * What an endpoint gets from the envelope for one request.
 *
 * @param request the request
 * @param user the authenticated user, or null for an endpoint that is not {@link
 *     Endpoint#authenticated()}
 * @param log this request's log line, for the endpoint's own facts (the envelope writes it)
 * @param records the address record store, counting this request's calls and no other's
 * @param txtRecords the ACME challenge record store, counting into the same count
 */
public record Exchange(
    HttpRequest request,
    UserConfig user,
    RequestLog log,
    RecordStore records,
    TxtRecordStore txtRecords) {
  /** The authenticated user; only for an {@link Endpoint#authenticated()} endpoint. */
  public UserConfig requireUser() {
    if (user == null) {
      throw new IllegalStateException("this endpoint is not authenticated");
    }
    return user;
  }
}
