package dev.dyndns53.envelope;

/** Why the envelope did not let a request through to an authenticated endpoint. */
public enum Refusal {
  /** No Authorization header at all. */
  MISSING,
  /** An Authorization header that is not readable Basic credentials. */
  MALFORMED,
  /**
   * An unknown user, a wrong password, or a configured user whose secret is unreadable: answered
   * alike, so an answer never tells which names exist.
   */
  REJECTED,
  /** The users' passwords could not be read at all: the client should retry later. */
  UNAVAILABLE
}
