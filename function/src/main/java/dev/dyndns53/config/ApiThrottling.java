package dev.dyndns53.config;

/**
 * API Gateway's throttling, method by method. API Gateway has no bucket shared across methods: a
 * stage's limits apply "at the API method level", each method with a bucket of its own. So the
 * configured limits are split into per-method limits that add up to them.
 *
 * @param update the dyndns2 update endpoint, GET and POST together
 * @param postShare the part of {@code update} that POST gets (most clients send GET)
 * @param checkip the unauthenticated {@code GET /checkip}
 * @param acme the ACME endpoints, {@code present} and {@code cleanup} together
 * @param status the status page, {@code GET /status} (issue 17)
 */
public record ApiThrottling(
    Limit update, double postShare, Limit checkip, Limit acme, Limit status) {

  /**
   * One token bucket.
   *
   * @param rateLimit requests per second, steady state
   * @param burstLimit requests at once
   */
  public record Limit(double rateLimit, int burstLimit) {}

  /** Route 53 allows 5 calls per second per account; an update makes one or two. */
  public static final Limit DEFAULT_UPDATE = new Limit(5, 10);

  /** Routers send GET (ddclient, inadyn, EdgeOS, Fritz!Box); a few send POST. */
  public static final double DEFAULT_POST_SHARE = 0.2;

  /** A router asks for its address about once a minute at most. */
  public static final Limit DEFAULT_CHECKIP = new Limit(1, 2);

  /** One certificate order presents and cleans up a challenge or two per name. */
  public static final Limit DEFAULT_ACME = new Limit(2, 4);

  /**
   * A person reloads the page now and then; each view reads up to 3 zones from Route 53, which
   * allows 5 calls per second per account, so one view per second leaves updates room.
   */
  public static final Limit DEFAULT_STATUS = new Limit(1, 5);

  public static final ApiThrottling DEFAULT =
      new ApiThrottling(
          DEFAULT_UPDATE, DEFAULT_POST_SHARE, DEFAULT_CHECKIP, DEFAULT_ACME, DEFAULT_STATUS);

  /** POST's bucket: {@code postShare} of the rate, and that share of the burst, at least 1. */
  public Limit updatePost() {
    int burst = Math.max(1, (int) Math.round(update.burstLimit() * postShare));
    return new Limit(
        thousandths(update.rateLimit() * postShare), Math.min(burst, update.burstLimit() - 1));
  }

  /** GET's bucket: the rest of {@code update}. */
  public Limit updateGet() {
    Limit post = updatePost();
    return new Limit(
        thousandths(update.rateLimit() - post.rateLimit()),
        update.burstLimit() - post.burstLimit());
  }

  /** Each of the two ACME methods' buckets: half of {@code acme}. */
  public Limit acmeEach() {
    return new Limit(thousandths(acme.rateLimit() / 2), Math.max(1, acme.burstLimit() / 2));
  }

  /** Rates as the template shows them: 1.6, not 1.5999999999999999. */
  private static double thousandths(double rate) {
    return Math.round(rate * 1000) / 1000.0;
  }

  /** What all methods admit together, the status page's included, ACME when it is served. */
  public Limit total(boolean withAcme) {
    Limit acmeBoth = new Limit(acmeEach().rateLimit() * 2, acmeEach().burstLimit() * 2);
    return new Limit(
        update.rateLimit()
            + checkip.rateLimit()
            + status.rateLimit()
            + (withAcme ? acmeBoth.rateLimit() : 0),
        update.burstLimit()
            + checkip.burstLimit()
            + status.burstLimit()
            + (withAcme ? acmeBoth.burstLimit() : 0));
  }
}
