package dev.dyndns53.health;

/**
 * One thing the health check found that makes updates fail (or would, on the next update).
 *
 * @param subject what it concerns, such as {@code user alice}, {@code zone Z0123…} or {@code host
 *     home.example.com}
 * @param code a short name for the log and for searching: the AWS error code (such as {@code
 *     ResourceNotFoundException}, {@code NoSuchHostedZone}, {@code AccessDenied}) or one of the
 *     check's own ({@code ForeignRecordSet}, {@code NoPassword})
 * @param description what is wrong, what it does to updates and how to fix it; never a secret value
 */
public record HealthProblem(String subject, String code, String description) {

  /** One line for a person: subject, code, description. */
  public String line() {
    return subject + ": " + description + " [" + code + "]";
  }
}
