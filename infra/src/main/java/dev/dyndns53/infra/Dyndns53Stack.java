package dev.dyndns53.infra;

import dev.dyndns53.config.ApiConfig;
import dev.dyndns53.config.Dyndns53Config;
import dev.dyndns53.config.HostConfig;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.TagProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.constructs.Construct;

/**
 * The whole deployment: user secrets, the update function with least-privilege permissions, the
 * REST API in front of it, a health check every four hours, alarms and a dashboard.
 * Environment-agnostic, so it synthesizes offline with no account. The account-wide API Gateway
 * logging role is not here but in {@link ApiGatewayAccountStack}.
 */
public final class Dyndns53Stack extends Stack {
  public static final String DEFAULT_NAME = "Dyndns53";

  /** Stands for a user name in the {@code PasswordCommand} output. */
  static final String USER_PLACEHOLDER = "<user>";

  public Dyndns53Stack(Construct scope, String id, Dyndns53StackProps props) {
    super(
        scope,
        id,
        StackProps.builder()
            .description("dyndns53: a dyndns2 update endpoint for Route 53 hosted zones")
            .build());
    Dyndns53Config config = props.config();
    String stackName = getStackName();
    // The function reads the secret of user u as secretPrefix + u. The namespace is the stack's
    // name unless the operator keeps an earlier one (a renamed stack keeps its routers' passwords).
    String secretPrefix = secretPrefix(props.secretNamespace().orElse(stackName));
    String functionLogGroup = "/dyndns53/" + stackName + "/function";
    Path code =
        FunctionAsset.stage(props.functionJar(), props.configFile(), props.assetDirectory());

    SecretProvisioner provisioner =
        new SecretProvisioner(
            this,
            "SecretProvisioner",
            props.function().runtime(),
            code,
            secretPrefix,
            "/dyndns53/" + stackName + "/secret-provisioner",
            config.logRetentionDays());
    UserSecrets secrets =
        new UserSecrets(
            this,
            "UserSecrets",
            provisioner.function().getFunctionArn(),
            secretPrefix,
            List.copyOf(config.users().values()));
    UpdateFunction function =
        new UpdateFunction(
            this,
            "UpdateFunction",
            props.function(),
            code,
            secretPrefix,
            stackName,
            functionLogGroup,
            config.logRetentionDays());
    // The role has no other managed policy, so all of IAM's quota is the permissions'.
    FunctionPermissions permissions =
        new FunctionPermissions(
            this,
            "FunctionPermissions",
            function.role(),
            PolicySize.MANAGED_POLICIES_PER_ROLE,
            functionLogGroup,
            config.hosts().values(),
            secretPrefix);
    // The version is published (and SnapStart runs the function's initialisation) only once the
    // function may do its work. Nothing refers to the secrets (they are read by name), so the
    // order is stated here.
    function.function().getNode().addDependency(permissions, secrets);

    UpdateApi api =
        new UpdateApi(
            this,
            "UpdateApi",
            config.api(),
            function.alias(),
            stackName,
            "/dyndns53/" + stackName + "/api-access",
            config.logRetentionDays(),
            config.hosts().values().stream().anyMatch(HostConfig::acme));

    new HealthCheckSchedule(this, "HealthCheck", function.alias());
    ServiceMetrics metrics = new ServiceMetrics(stackName);
    Alarms alarms =
        new Alarms(this, "Alarms", metrics, function.alias(), api.accessLogs(), config.alerts());
    // Issue 17: history table, notification topic, GET /status, their IAM and alarm. The status
    // method's throttle is UpdateApi's, with the other methods' (api.throttling.status).
    new ActivityResources(this, "Activity", stackName, config, function, api.api(), alarms.topic());
    new OperationsDashboard(
        this,
        "Dashboard",
        metrics,
        function.alias(),
        api.api().getDeploymentStage(),
        alarms.alarms());

    new ReleaseRollback(
        this,
        "ReleaseRollback",
        props.function().runtime(),
        code,
        function.alias(),
        function.function().getCurrentVersion(),
        alarms.releaseAlarms(),
        "/dyndns53/" + stackName + "/release-check",
        config.logRetentionDays());

    addOutputs(api, secretPrefix, config.api());
    addEndpointOutputs(api, config);
    // Not on the dashboard: CDK 2.263 renders Tags for AWS::CloudWatch::Dashboard, but cfn-lint's
    // resource schema (1.51) has no Tags there (E3002); a tag is not worth a doubtful deploy.
    Tags.of(this)
        .add(
            "project",
            "dyndns53",
            TagProps.builder().excludeResourceTypes(List.of("AWS::CloudWatch::Dashboard")).build());
  }

  /**
   * The prefix of every user's secret name, such as {@code dyndns53/Dyndns53/}: the namespace is
   * the stack's name unless {@code -c secretNamespace=} keeps another.
   */
  public static String secretPrefix(String namespace) {
    return "dyndns53/" + namespace + "/";
  }

  private void addEndpointOutputs(UpdateApi api, Dyndns53Config config) {
    if (config.hosts().values().stream().anyMatch(HostConfig::acme)) {
      CfnOutput.Builder.create(this, "AcmeEndpoint")
          .description(
              "lego's HTTPREQ_ENDPOINT and acme.sh's ACMEPROXY_ENDPOINT for ACME DNS-01 challenges")
          .value(api.api().urlForPath(UpdateApi.ACME_PATH))
          .build();
    }
  }

  /**
   * Outputs that do not grow with the configuration: CloudFormation allows 200 per template, so one
   * per user would cap the users at fewer than 100.
   */
  private void addOutputs(UpdateApi api, String secretPrefix, ApiConfig config) {
    RestApi restApi = api.api();
    String stage = config.stageName();
    CfnOutput.Builder.create(this, "UpdateUrl")
        .description("The dyndns2 update URL")
        .value(restApi.urlForPath(UpdateApi.UPDATE_PATH))
        .build();
    String executeApiHost =
        Fn.join(
            "", List.of(restApi.getRestApiId(), ".execute-api.", Aws.REGION, ".", Aws.URL_SUFFIX));
    String routerHost =
        config.customDomain().map(ApiConfig.CustomDomain::domainName).orElse(executeApiHost);
    CfnOutput.Builder.create(this, "EdgeRouterServer")
        .description(
            "The EdgeRouter 'server' value (host and stage path, no scheme); also ddclient's 'server'")
        .value(Fn.join("", List.of(routerHost, "/", stage)))
        .build();
    config
        .customDomain()
        .ifPresent(
            domain -> {
              CfnOutput.Builder.create(this, "CustomDomainUpdateUrl")
                  .description("The dyndns2 update URL on the custom domain")
                  .value("https://" + domain.domainName() + "/" + stage + UpdateApi.UPDATE_PATH)
                  .build();
              CfnOutput.Builder.create(this, "CustomDomainTarget")
                  .description(
                      "Point Route 53 alias records of both types, A and AAAA (the API is"
                          + " dual-stack), for "
                          + domain.domainName()
                          + " at this name; or a CNAME, outside a zone apex")
                  .value(api.domain().orElseThrow().getDomainNameAliasDomainName())
                  .build();
            });

    CfnOutput.Builder.create(this, "SecretNamePrefix")
        .description("Each user's login is in the secret named this prefix + the user name")
        .value(secretPrefix)
        .build();
    CfnOutput.Builder.create(this, "PasswordCommand")
        .description(
            "Put a user name in for "
                + USER_PLACEHOLDER
                + " to print {\"username\",\"password\"} of that"
                + " user (add | jq -r .password for the password alone)")
        .value(
            Fn.join(
                "",
                List.of(
                    "aws secretsmanager get-secret-value --region ",
                    Aws.REGION,
                    " --secret-id ",
                    secretPrefix + USER_PLACEHOLDER,
                    " --query SecretString --output text")))
        .build();
  }
}
