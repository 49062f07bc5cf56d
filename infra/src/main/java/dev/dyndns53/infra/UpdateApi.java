package dev.dyndns53.infra;

import dev.dyndns53.config.ApiConfig;
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
import software.amazon.awscdk.services.apigateway.DomainName;
import software.amazon.awscdk.services.apigateway.EndpointConfiguration;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.LambdaIntegration;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
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
 * ACME challenges, all proxied to the function's alias, with API Gateway's own error answers rewritten into dyndns2 answers, stage
 * throttling, an access log that never records credentials, and an optional custom domain.
 */
final class UpdateApi extends Construct {
  static final String UPDATE_PATH = "/nic/update";
  /**
   * The statuses the function answers with: 200 for every dyndns2 outcome, 401 for bad credentials
   * and 5xx to retry, plus 400, 403 and 404 under the "status-codes" response style.
   */
  static final List<String> FUNCTION_STATUSES = List.of("200", "400", "401", "403", "404", "500");
  static final String CHECKIP_PATH = "/checkip";
  /** The checkip page, or 500 when API Gateway gave no source address. */
  static final List<String> CHECKIP_STATUSES = List.of("200", "500");
  static final String ACME_PATH = "/acme";
  /** lego's httpreq and acme.sh's acmeproxy read 2xx as done and anything else as failed. */
  static final List<String> ACME_STATUSES = List.of("200", "400", "401", "403", "409", "500", "503");

  private final RestApi api;
  private final Optional<DomainName> domain;

  UpdateApi(
      Construct scope,
      String id,
      ApiConfig config,
      IFunction target,
      String restApiName,
      String accessLogGroupName,
      int logRetentionDays,
      boolean manageApiGatewayCloudWatchRole,
      boolean acme) {
    super(scope, id);
    LogGroup accessLogs = LogGroup.Builder.create(this, "AccessLogs")
        .logGroupName(accessLogGroupName)
        .retention(LogRetention.ofDays(logRetentionDays))
        .removalPolicy(RemovalPolicy.DESTROY)
        .build();

    RestApi.Builder builder = RestApi.Builder.create(this, "Api")
        .restApiName(restApiName)
        .description("dyndns53: dyndns2 updates for Route 53")
        .endpointConfiguration(EndpointConfiguration.builder().types(List.of(EndpointType.REGIONAL)).build())
        // API Gateway can only write access logs after the account's "CloudWatch log role ARN" is
        // set in this region (otherwise the stage fails to deploy with "CloudWatch Logs role ARN
        // must be set in account settings to enable logging"; API Gateway Developer Guide, "Set up
        // CloudWatch logging for REST APIs"). A fresh account has none, so by default the stack
        // creates the role (AWS's AmazonAPIGatewayPushToCloudWatchLogs policy: AWS requires that
        // policy's account-wide scope, since the one role serves every API in the region) and sets
        // it with AWS::ApiGateway::Account. RETAIN keeps the role when the stack is deleted, because
        // the setting outlives the stack and other APIs may rely on it by then. Accounts that
        // already manage the setting centrally deploy with -c apiGatewayCloudWatchRole=false.
        .cloudWatchRole(manageApiGatewayCloudWatchRole)
        .deployOptions(StageOptions.builder()
            .stageName(config.stageName())
            .description("dyndns2 update endpoint")
            .throttlingRateLimit(config.rateLimit())
            .throttlingBurstLimit(config.burstLimit())
            .accessLogDestination(new LogGroupLogDestination(accessLogs))
            .accessLogFormat(AccessLogFormat.custom(ApiAccessLog.format()))
            // Execution logs at INFO, and data tracing above all, log request details; the access
            // log above says enough.
            .loggingLevel(MethodLoggingLevel.OFF)
            .dataTraceEnabled(false)
            .metricsEnabled(false)
            .tracingEnabled(false)
            .build());
    if (manageApiGatewayCloudWatchRole) {
      builder.cloudWatchRoleRemovalPolicy(RemovalPolicy.RETAIN);
    }
    api = builder.build();
    // RestApi outputs its root URL, where routers get only "badagent"; the stack outputs the
    // update URL instead.
    api.getNode().tryRemoveChild("Endpoint");

    Resource update = api.getRoot().addResource("nic").addResource("update");
    // allowTestInvoke(false): no invoke permission for the console's test-invoke-stage.
    LambdaIntegration integration = LambdaIntegration.Builder.create(target)
        .proxy(true)
        .allowTestInvoke(false)
        .build();
    MethodOptions options = MethodOptions.builder()
        .methodResponses(methodResponses(FUNCTION_STATUSES, "text/plain")).build();
    // ddclient and inadyn use GET; Dyn's protocol also allows POST, which some routers send.
    update.addMethod("GET", integration, options);
    update.addMethod("POST", integration, options);

    // No credentials: the caller's own address; the stage throttling bounds the cost.
    api.getRoot().addResource("checkip").addMethod("GET", integration,
        MethodOptions.builder().methodResponses(methodResponses(CHECKIP_STATUSES, "text/html")).build());
    // Only when a host allows ACME challenges: otherwise there is nothing to serve.
    if (acme) {
      Resource challenges = api.getRoot().addResource("acme");
      MethodOptions acmeOptions = MethodOptions.builder()
          .methodResponses(methodResponses(ACME_STATUSES, "application/json")).build();
      challenges.addResource("present").addMethod("POST", integration, acmeOptions);
      challenges.addResource("cleanup").addMethod("POST", integration, acmeOptions);
    }

    GatewayResponses.addTo(api);

    domain = config.customDomain().map(d -> customDomain(d, config.stageName()));
  }

  private static List<MethodResponse> methodResponses(List<String> statuses, String contentType) {
    List<MethodResponse> responses = new ArrayList<>();
    for (String status : statuses) {
      responses.add(MethodResponse.builder()
          .statusCode(status)
          .responseModels(Map.of(contentType, Model.EMPTY_MODEL))
          .build());
    }
    return responses;
  }

  private DomainName customDomain(ApiConfig.CustomDomain config, String stageName) {
    DomainName name = DomainName.Builder.create(this, "CustomDomain")
        .domainName(config.domainName())
        .certificate(Certificate.fromCertificateArn(this, "Certificate", config.certificateArn()))
        .endpointType(EndpointType.REGIONAL)
        .securityPolicy(SecurityPolicy.TLS_1_2)
        .build();
    // The stage name as base path keeps the path the same on both host names:
    // https://<domain>/<stage>/nic/update, and an EdgeRouter "server" of <domain>/<stage>.
    name.addBasePathMapping(api, BasePathMappingOptions.builder()
        .basePath(stageName)
        .stage(api.getDeploymentStage())
        .build());
    // A regional custom domain needs its certificate in the stack's own region. The stack is
    // region-agnostic, so check at deploy time, before anything is created.
    String certificateRegion = config.certificateArn().split(":")[3];
    CfnRule.Builder.create(this, "CertificateInStackRegion")
        .assertions(List.of(CfnRuleAssertion.builder()
            .assertValue(Fn.conditionEquals(Aws.REGION, certificateRegion))
            .assertDescription("api.customDomain.certificateArn is in " + certificateRegion
                + "; deploy the stack to that region, or use a certificate from the stack's region")
            .build()))
        .build();
    return name;
  }

  RestApi api() {
    return api;
  }

  Optional<DomainName> domain() {
    return domain;
  }
}
