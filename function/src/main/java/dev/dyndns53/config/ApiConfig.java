package dev.dyndns53.config;

import java.util.Optional;

/**
 * The API Gateway stage.
 *
 * @param stageName the stage, which is also the first path segment of the update URL
 * @param throttling what each method admits
 * @param customDomain an optional custom domain name for the API
 */
public record ApiConfig(
    String stageName, ApiThrottling throttling, Optional<CustomDomain> customDomain) {

  /**
   * A custom domain for the API.
   *
   * @param domainName the name routers call, such as {@code dyndns.example.com}
   * @param certificateArn an ACM certificate for that name in the stack's region
   */
  public record CustomDomain(String domainName, String certificateArn) {}
}
