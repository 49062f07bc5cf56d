package dev.dyndns53.health;

import java.util.List;

/**
 * What one health check run found.
 *
 * @param users configured users whose password was read
 * @param hosts configured hosts
 * @param zones hosted zones those hosts are in
 * @param recordReads record store reads the check made
 * @param problems what makes updates fail, in the order found; empty when healthy
 * @param notChecked hosts left unread because the run reached its time limit (not a problem in
 *     itself, but nothing is known about them)
 * @param zonesSkipped zones of this run's share ({@link ZoneRotation}) it left unread: the rotation
 *     then no longer reaches every zone in its stated number of runs
 */
public record HealthReport(
    int users,
    int hosts,
    int zones,
    int recordReads,
    List<HealthProblem> problems,
    List<String> notChecked,
    int zonesSkipped) {

  public HealthReport {
    problems = List.copyOf(problems);
    notChecked = List.copyOf(notChecked);
  }

  /** Whether nothing was found that makes updates fail. */
  public boolean healthy() {
    return problems.isEmpty();
  }

  /** A few lines for a person: the verdict, then one line per problem. */
  public String summary() {
    StringBuilder out = new StringBuilder("dyndns53 health check: ");
    out.append(problems.isEmpty() ? "no problems" : plural(problems.size(), "problem"))
        .append(" (")
        .append(plural(users, "user"))
        .append(", ")
        .append(plural(hosts, "host"))
        .append(" in ")
        .append(plural(zones, "zone"))
        .append(")\n");
    for (HealthProblem problem : problems) {
      out.append("- ").append(problem.line()).append('\n');
    }
    if (!notChecked.isEmpty()) {
      out.append("not checked (time limit reached): ")
          .append(String.join(", ", notChecked))
          .append('\n');
    }
    return out.toString();
  }

  private static String plural(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
