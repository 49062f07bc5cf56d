package dev.dyndns53.infra;

import dev.dyndns53.config.ApiConfig;
import dev.dyndns53.config.ApiThrottling;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnRule;
import software.amazon.awscdk.CfnRuleAssertion;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.BasePathMappingOptions;
import software.amazon.awscdk.services.apigateway.CfnDomainName;
import software.amazon.awscdk.services.apigateway.DomainName;
import software.amazon.awscdk.services.apigateway.EndpointConfiguration;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.IpAddressType;
import software.amazon.awscdk.services.apigateway.LambdaIntegration;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
import software.amazon.awscdk.services.apigateway.Method;
import software.amazon.awscdk.services.apigateway.MethodDeploymentOptions;
import software.amazon.awscdk.services.apigateway.MethodLoggingLevel;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.MethodResponse;
import software.amazon.awscdk.services.apigateway.Model;
import software.amazon.awscdk.services.apigateway.Resource;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.SecurityPolicy;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The REST API routers call: {@code GET} and {@code POST /<stage>/nic/update}, {@code GET
 * /<stage>/checkip}, and {@code POST /<stage>/acme/present} and {@code /cleanup} when a host allows
 * ACME challenges, all proxied to the function's alias, with API Gateway's own error answers
 * rewritten into dyndns2 answers, per-method throttling, an access log that never records
 * credentials, and an optional custom domain.
 */
final class UpdateApi extends Construct {
  static final String UPDATE_PATH = "/nic/update";

  /**
   * The statuses the function answers with: 200 for every dyndns2 outcome, 401 for bad credentials
   * and 5xx to retry, plus 400, 403 and 404 under the "status-codes" response style.
   */
  static final List<String> FUNCTION_STATUSES = List.of("200", "400", "401", "403", "404", "500");

  static final String CHECKIP_PATH = "/checkip";

  /** The status page (issue 17); its resource is ActivityResources', its throttle is set here. */
  static final String STATUS_PATH = "/status";

  /** The checkip page, or 500 when API Gateway gave no source address. */
  static final List<String> CHECKIP_STATUSES = List.of("200", "500");

  static final String ACME_PATH = "/acme";

  /** lego's httpreq and acme.sh's acmeproxy read 2xx as done and anything else as failed. */
  static final List<String> ACME_STATUSES =
      List.of("200", "400", "401", "403", "409", "500", "503");

  private final RestApi api;
  private final LogGroup accessLogs;
  private final Optional<DomainName> domain;

  UpdateApi(
      Construct scope,
      String id,
      ApiConfig config,
      IFunction target,
      String restApiName,
      String accessLogGroupName,
      int logRetentionDays,
      boolean acme) {
    super(scope, id);
    accessLogs =
        LogGroup.Builder.create(this, "AccessLogs")
            .logGroupName(accessLogGroupName)
            .retention(LogRetention.ofDays(logRetentionDays))
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();

    RestApi.Builder builder =
        RestApi.Builder.create(this, "Api")
            .restApiName(restApiName)
            .description("dyndns53: dyndns2 updates for Route 53")
            // Dual-stack: IPv6-only and DS-Lite routers can reach it, and an update sent over IPv6
            // without myip writes the AAAA record from the source address.
            .endpointConfiguration(
                EndpointConfiguration.builder()
                    .types(List.of(EndpointType.REGIONAL))
                    .ipAddressType(IpAddressType.DUAL_STACK)
                    .build())
            // Access logging needs the account's "CloudWatch log role ARN" in this region; that one
            // setting belongs to ApiGatewayAccountStack, never to this stack (see there why).
            .cloudWatchRole(false)
            .deployOptions(
                StageOptions.builder()
                    .stageName(config.stageName())
                    .description("dyndns2 update endpoint")
                    // The stage-wide setting is only the fallback of a method with no limit of its
                    // own (there is none); API Gateway applies limits per method, so each method
                    // gets its share of the configured ones below.
                    .throttlingRateLimit(config.throttling().checkip().rateLimit())
                    .throttlingBurstLimit(config.throttling().checkip().burstLimit())
                    .methodOptions(methodThrottling(config.throttling(), acme))
                    .accessLogDestination(new LogGroupLogDestination(accessLogs))
                    .accessLogFormat(AccessLogFormat.custom(ApiAccessLog.format()))
                    // Execution logs at INFO, and data tracing above all, log request details; the
                    // access
                    // log above says enough.
                    .loggingLevel(MethodLoggingLevel.OFF)
                    .dataTraceEnabled(false)
                    .metricsEnabled(false)
                    .tracingEnabled(false)
                    .build());
    api = builder.build();
    // RestApi outputs its root URL, where routers get only "badagent"; the stack outputs the
    // update URL instead.
    api.getNode().tryRemoveChild("Endpoint");

    Resource update = api.getRoot().addResource("nic").addResource("update");
    // allowTestInvoke(false): no invoke permission for the console's test-invoke-stage.
    LambdaIntegration integration =
        LambdaIntegration.Builder.create(target).proxy(true).allowTestInvoke(false).build();
    MethodOptions options =
        MethodOptions.builder()
            .methodResponses(methodResponses(FUNCTION_STATUSES, "text/plain"))
            .build();
    // ddclient and inadyn use GET; Dyn's protocol also allows POST, which some routers send.
    for (String method : List.of("GET", "POST")) {
      Method added = update.addMethod(method, integration, options);
      String basicAuth =
          "dyndns2 clients authenticate with HTTP Basic only; the function checks the credentials"
              + " (constant-time, against Secrets Manager) and answers badauth as the protocol requires.";
      AcceptedFindings.accept(
          added,
          "AwsSolutions-APIG4",
          basicAuth + " IAM, Cognito and token authorizers" + " need credentials no router sends.");
      AcceptedFindings.accept(
          added, "AwsSolutions-COG4", basicAuth + " Routers cannot use Cognito.");
    }
    AcceptedFindings.accept(
        api,
        "AwsSolutions-APIG2",
        "The function validates every parameter and answers in"
            + " dyndns2 tokens (notfqdn, badagent, ...); an API Gateway validator would answer 400 in JSON, which"
            + " routers cannot read.");
    AcceptedFindings.accept(
        api.getDeploymentStage(),
        "AwsSolutions-APIG3",
        "A WAF web ACL costs more each"
            + " month ($5 plus $1 per rule) than the whole service; per-method throttles bound request rates and the"
            + " AuthFailureBurst alarm reports guessing.");
    AcceptedFindings.accept(
        api.getDeploymentStage(),
        "AwsSolutions-APIG6",
        "Execution logs would record request"
            + " details, where routers send their credentials; the access log records every request without them.");

    // No credentials: the caller's own address; its own method throttle bounds the cost.
    Method checkIp =
        api.getRoot()
            .addResource("checkip")
            .addMethod(
                "GET",
                integration,
                MethodOptions.builder()
                    .methodResponses(methodResponses(CHECKIP_STATUSES, "text/html"))
                    .build());
    String open =
        "checkip answers callers their own address, as checkip.dyndns.org does, for routers that"
            + " send no credentials there; it reads and writes nothing.";
    AcceptedFindings.accept(checkIp, "AwsSolutions-APIG4", open);
    AcceptedFindings.accept(checkIp, "AwsSolutions-COG4", open);
    // Only when a host allows ACME challenges: otherwise there is nothing to serve.
    if (acme) {
      Resource challenges = api.getRoot().addResource("acme");
      MethodOptions acmeOptions =
          MethodOptions.builder()
              .methodResponses(methodResponses(ACME_STATUSES, "application/json"))
              .build();
      for (String call : List.of("present", "cleanup")) {
        Method added = challenges.addResource(call).addMethod("POST", integration, acmeOptions);
        String basicAuth =
            "lego's httpreq and acme.sh's acmeproxy authenticate with HTTP Basic only; the function"
                + " checks the credentials as for updates (constant-time, against Secrets Manager).";
        AcceptedFindings.accept(added, "AwsSolutions-APIG4", basicAuth);
        AcceptedFindings.accept(added, "AwsSolutions-COG4", basicAuth);
      }
    }

    GatewayResponses.addTo(api);

    domain = config.customDomain().map(d -> customDomain(d, config.stageName()));
  }

  /**
   * Per-method limits (MethodSettings), keyed as CDK's {@code StageOptions.methodOptions} wants
   * them: GET and POST /nic/update together admit {@code throttling.update}; /checkip, /status and
   * the two ACME methods their own, lower, limits.
   */
  static Map<String, MethodDeploymentOptions> methodThrottling(
      ApiThrottling throttling, boolean acme) {
    Map<String, MethodDeploymentOptions> limits = new java.util.LinkedHashMap<>();
    limits.put(UPDATE_PATH + "/GET", limit(throttling.updateGet()));
    limits.put(UPDATE_PATH + "/POST", limit(throttling.updatePost()));
    limits.put(CHECKIP_PATH + "/GET", limit(throttling.checkip()));
    limits.put(STATUS_PATH + "/GET", limit(throttling.status()));
    if (acme) {
      for (String call : List.of("present", "cleanup")) {
        limits.put(ACME_PATH + "/" + call + "/POST", limit(throttling.acmeEach()));
      }
    }
    return limits;
  }

  private static MethodDeploymentOptions limit(ApiThrottling.Limit limit) {
    // The stage's logging choices restated: a method's own settings replace the stage's.
    return MethodDeploymentOptions.builder()
        .throttlingRateLimit(limit.rateLimit())
        .throttlingBurstLimit(limit.burstLimit())
        .loggingLevel(MethodLoggingLevel.OFF)
        .dataTraceEnabled(false)
        .metricsEnabled(false)
        .build();
  }

  private static List<MethodResponse> methodResponses(List<String> statuses, String contentType) {
    List<MethodResponse> responses = new ArrayList<>();
    for (String status : statuses) {
      responses.add(
          MethodResponse.builder()
              .statusCode(status)
              .responseModels(Map.of(contentType, Model.EMPTY_MODEL))
              .build());
    }
    return responses;
  }

  private DomainName customDomain(ApiConfig.CustomDomain config, String stageName) {
    DomainName name =
        DomainName.Builder.create(this, "CustomDomain")
            .domainName(config.domainName())
            .certificate(
                Certificate.fromCertificateArn(this, "Certificate", config.certificateArn()))
            .endpointType(EndpointType.REGIONAL)
            .securityPolicy(SecurityPolicy.TLS_1_2)
            .build();
    // The L2 DomainName has no IP address type yet; the routers' host name must be dual-stack too.
    ((CfnDomainName) name.getNode().getDefaultChild())
        .addPropertyOverride("EndpointConfiguration.IpAddressType", "dualstack");
    // The stage name as base path keeps the path the same on both host names:
    // https://<domain>/<stage>/nic/update, and an EdgeRouter "server" of <domain>/<stage>.
    name.addBasePathMapping(
        api,
        BasePathMappingOptions.builder()
            .basePath(stageName)
            .stage(api.getDeploymentStage())
            .build());
    // A regional custom domain needs its certificate in the stack's own region. The stack is
    // region-agnostic, so check at deploy time, before anything is created.
    String certificateRegion = config.certificateArn().split(":")[3];
    CfnRule.Builder.create(this, "CertificateInStackRegion")
        .assertions(
            List.of(
                CfnRuleAssertion.builder()
                    .assertValue(Fn.conditionEquals(Aws.REGION, certificateRegion))
                    .assertDescription(
                        "api.customDomain.certificateArn is in "
                            + certificateRegion
                            + "; deploy the stack to that region, or use a certificate from the stack's region")
                    .build()))
        .build();
    return name;
  }

  RestApi api() {
    return api;
  }

  /** One JSON line per request ({@link ApiAccessLog}). */
  LogGroup accessLogs() {
    return accessLogs;
  }

  Optional<DomainName> domain() {
    return domain;
  }
}
