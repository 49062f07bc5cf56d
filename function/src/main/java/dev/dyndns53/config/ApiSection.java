package dev.dyndns53.config;

import static dev.dyndns53.config.ConfigParser.DEFAULT_BURST_LIMIT;
import static dev.dyndns53.config.ConfigParser.DEFAULT_RATE_LIMIT;
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
      return new ApiConfig(
          DEFAULT_STAGE, DEFAULT_RATE_LIMIT, DEFAULT_BURST_LIMIT, Optional.empty());
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
    double rate = DEFAULT_RATE_LIMIT;
    int burst = DEFAULT_BURST_LIMIT;
    Optional<ConfigNode> throttling = node.optional(ConfigKey.API_THROTTLING);
    if (throttling.isPresent()
        && throttling
            .get()
            .isObject("give an object such as {\"rateLimit\": 5, \"burstLimit\": 10}")) {
      ConfigNode t = throttling.get();
      t.allowOnly(ConfigKey.API_THROTTLING);
      rate =
          t.optional(ConfigKey.API_THROTTLING_RATE_LIMIT)
              .flatMap(r -> r.number(0.001, 10_000, "requests per second, more than 0"))
              .orElse(DEFAULT_RATE_LIMIT);
      burst =
          t.optional(ConfigKey.API_THROTTLING_BURST_LIMIT)
              .flatMap(b -> b.integer(1, 5_000, "requests, at least 1"))
              .map(Long::intValue)
              .orElse(DEFAULT_BURST_LIMIT);
    }
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
    return new ApiConfig(stage, rate, burst, domain);
  }

  private void problem(String path, String what) {
    problems.add(path, what);
  }
}
