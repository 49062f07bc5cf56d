package dev.dyndns53.config;

import static dev.dyndns53.config.ConfigParser.DEFAULT_STAGE;

import dev.dyndns53.records.HostNames;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads {@code api}: the stage, its throttling and an optional custom domain. */
final class ApiSection {
  private static final Pattern STAGE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,128}");
  private static final Pattern CERTIFICATE_ARN =
      Pattern.compile("arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[A-Za-z0-9-]+");

  private final ConfigProblems problems;

  ApiSection(ConfigProblems problems) {
    this.problems = problems;
  }

  ApiConfig parseApi(ConfigNode root) {
    Optional<ConfigNode> api = root.optional(ConfigKey.API);
    if (api.isEmpty()
        || !api.get().isObject("give \"api\" an object such as {\"stageName\": \"v1\"}")) {
      return new ApiConfig(DEFAULT_STAGE, ApiThrottling.DEFAULT, Optional.empty());
    }
    ConfigNode node = api.get();
    node.allowOnly(ConfigKey.API);
    String stage =
        node.optional(ConfigKey.API_STAGE_NAME).flatMap(ConfigNode::string).orElse(DEFAULT_STAGE);
    if (!STAGE_NAME.matcher(stage).matches()) {
      problem(
          node.path + ".stageName",
          "\""
              + stage
              + "\" is not a valid stage name; use letters, digits, '-'"
              + " and '_' (the default is \"v1\")");
    }
    ApiThrottling throttling =
        node.optional(ConfigKey.API_THROTTLING)
            .filter(
                t ->
                    t.isObject(
                        "give an object such as {\"update\": {\"rateLimit\": 5, \"burstLimit\": 10}}"))
            .map(this::parseThrottling)
            .orElse(ApiThrottling.DEFAULT);
    Optional<ApiConfig.CustomDomain> domain = Optional.empty();
    Optional<ConfigNode> customDomain = node.optional(ConfigKey.API_CUSTOM_DOMAIN);
    if (customDomain.isPresent()
        && customDomain
            .get()
            .isObject(
                "give an object such as {\"domainName\": \"dyndns.example.com\", \"certificateArn\": \"arn:aws:acm:…\"}")) {
      ConfigNode d = customDomain.get();
      d.allowOnly(ConfigKey.API_CUSTOM_DOMAIN);
      Optional<String> domainName =
          d.required(ConfigKey.API_CUSTOM_DOMAIN_DOMAIN_NAME, "add the name routers will call")
              .flatMap(ConfigNode::string);
      Optional<String> canonical = domainName.flatMap(HostNames::canonical);
      if (domainName.isPresent() && canonical.isEmpty()) {
        problem(
            d.path + ".domainName",
            "\"" + domainName.get() + "\" is not a fully qualified host name");
      }
      Optional<String> arn =
          d.required(
                  ConfigKey.API_CUSTOM_DOMAIN_CERTIFICATE_ARN,
                  "add the ARN of an ACM certificate for the domain name")
              .flatMap(ConfigNode::string);
      if (arn.isPresent() && !CERTIFICATE_ARN.matcher(arn.get()).matches()) {
        problem(
            d.path + ".certificateArn",
            "\""
                + arn.get()
                + "\" is not an ACM certificate ARN; copy it from"
                + " 'aws acm list-certificates' (arn:aws:acm:REGION:ACCOUNT:certificate/ID)");
      }
      if (canonical.isPresent() && arn.isPresent()) {
        domain = Optional.of(new ApiConfig.CustomDomain(canonical.get(), arn.get()));
      }
    }
    return new ApiConfig(stage, throttling, domain);
  }

  /**
   * {@code api.throttling}: {@code update} (with {@code postShare}), {@code checkip} and {@code
   * acme}, each {@code {"rateLimit", "burstLimit"}}. The {@code rateLimit} and {@code burstLimit}
   * of earlier releases, directly under {@code throttling}, still mean the update endpoint's.
   */
  private ApiThrottling parseThrottling(ConfigNode t) {
    t.allowOnly(ConfigKey.API_THROTTLING);
    Optional<ConfigNode> update = t.optional(ConfigKey.API_THROTTLING_UPDATE);
    boolean legacy =
        t.optional(ConfigKey.API_THROTTLING_RATE_LIMIT).isPresent()
            || t.optional(ConfigKey.API_THROTTLING_BURST_LIMIT).isPresent();
    if (legacy && update.isPresent()) {
      problem(
          t.path,
          "sets the update endpoint's limits twice: give them in \"update\" (rateLimit,"
              + " burstLimit) or, as earlier releases did, directly under \"throttling\", not both");
    }
    Optional<ConfigNode> updateObject =
        update.filter(
            u -> u.isObject("give an object such as {\"rateLimit\": 5, \"burstLimit\": 10}"));
    updateObject.ifPresent(u -> u.allowOnly(ConfigKey.API_THROTTLING_UPDATE));
    ApiThrottling.Limit updateLimit =
        legacy
            ? limit(
                t,
                ConfigKey.API_THROTTLING_RATE_LIMIT,
                ConfigKey.API_THROTTLING_BURST_LIMIT,
                ApiThrottling.DEFAULT_UPDATE,
                2)
            : updateObject
                .map(
                    u ->
                        limit(
                            u,
                            ConfigKey.API_THROTTLING_UPDATE_RATE_LIMIT,
                            ConfigKey.API_THROTTLING_UPDATE_BURST_LIMIT,
                            ApiThrottling.DEFAULT_UPDATE,
                            2))
                .orElse(ApiThrottling.DEFAULT_UPDATE);
    double postShare =
        updateObject
            .flatMap(u -> u.optional(ConfigKey.API_THROTTLING_UPDATE_POST_SHARE))
            .flatMap(
                p ->
                    p.number(
                        0.05,
                        0.95,
                        "the part of the update limits POST gets, such as 0.2; GET gets the rest"))
            .orElse(ApiThrottling.DEFAULT_POST_SHARE);
    ApiThrottling.Limit checkip =
        methodLimit(
            t,
            ConfigKey.API_THROTTLING_CHECKIP,
            ConfigKey.API_THROTTLING_CHECKIP_RATE_LIMIT,
            ConfigKey.API_THROTTLING_CHECKIP_BURST_LIMIT,
            ApiThrottling.DEFAULT_CHECKIP,
            1);
    ApiThrottling.Limit acme =
        methodLimit(
            t,
            ConfigKey.API_THROTTLING_ACME,
            ConfigKey.API_THROTTLING_ACME_RATE_LIMIT,
            ConfigKey.API_THROTTLING_ACME_BURST_LIMIT,
            ApiThrottling.DEFAULT_ACME,
            2);
    ApiThrottling.Limit status =
        methodLimit(
            t,
            ConfigKey.API_THROTTLING_STATUS,
            ConfigKey.API_THROTTLING_STATUS_RATE_LIMIT,
            ConfigKey.API_THROTTLING_STATUS_BURST_LIMIT,
            ApiThrottling.DEFAULT_STATUS,
            1);
    return new ApiThrottling(updateLimit, postShare, checkip, acme, status);
  }

  /**
   * An optional object of its own under {@code throttling} ({@code checkip}, {@code acme}, {@code
   * status}) holding one limit; its defaults when absent or not an object.
   */
  private ApiThrottling.Limit methodLimit(
      ConfigNode throttling,
      ConfigKey section,
      ConfigKey rateKey,
      ConfigKey burstKey,
      ApiThrottling.Limit defaults,
      int minBurst) {
    // The defaults are whole requests per second, so the example shows them without a fraction.
    String example =
        "give an object such as {\"rateLimit\": "
            + (long) defaults.rateLimit()
            + ", \"burstLimit\": "
            + defaults.burstLimit()
            + "}";
    return throttling
        .optional(section)
        .filter(node -> node.isObject(example))
        .map(
            node -> {
              node.allowOnly(section);
              return limit(node, rateKey, burstKey, defaults, minBurst);
            })
        .orElse(defaults);
  }

  /**
   * One limit's rate and burst; {@code minBurst} is 2 where the limit is split between two methods,
   * each of which needs a burst of at least 1. The caller checks for unknown keys.
   */
  private ApiThrottling.Limit limit(
      ConfigNode node,
      ConfigKey rateKey,
      ConfigKey burstKey,
      ApiThrottling.Limit defaults,
      int minBurst) {
    double rate =
        node.optional(rateKey)
            .flatMap(r -> r.number(0.001, 10_000, "requests per second, more than 0"))
            .orElse(defaults.rateLimit());
    int burst =
        node.optional(burstKey)
            .flatMap(
                b ->
                    b.integer(
                        minBurst,
                        5_000,
                        minBurst == 1
                            ? "requests, at least 1"
                            : "requests, at least 2 (it is shared by two methods)"))
            .map(Long::intValue)
            .orElse(defaults.burstLimit());
    return new ApiThrottling.Limit(rate, burst);
  }

  private void problem(String path, String what) {
    problems.add(path, what);
  }
}
