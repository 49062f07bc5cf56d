package dev.dyndns53.infra;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnRule;
import software.amazon.awscdk.CfnRuleAssertion;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.CfnFunction;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The update function: its role (with no permissions of its own; see {@link FunctionPermissions}),
 * its log group, the function with SnapStart, and the alias {@value #ALIAS} of its current
 * published version, which is what API Gateway invokes.
 */
final class UpdateFunction extends Construct {
  static final String HANDLER = "dev.dyndns53.lambda.UpdateHandler::handleRequest";
  static final String ALIAS = "live";
  static final String CONFIG_ENV = "DYNDNS53_CONFIG";
  static final String SECRET_PREFIX_ENV = "DYNDNS53_SECRET_PREFIX";

  /** The function's metrics carry the stack name as their Stack dimension. */
  static final String STACK_NAME_ENV = "DYNDNS53_STACK_NAME";

  /**
   * Regions where Lambda offers no SnapStart (Lambda Developer Guide, "SnapStart supported
   * Regions"), where CloudFormation would fail to create the function with no explanation.
   */
  static final List<String> REGIONS_WITHOUT_SNAPSTART = List.of("ap-southeast-6", "ap-east-2");

  /**
   * The Java runtimes SnapStart supports (Lambda Developer Guide, "Supported features and
   * limitations"); the function is refused with any other.
   */
  static final List<String> SNAPSTART_RUNTIMES = List.of("java11", "java17", "java21", "java25");

  /** Well inside API Gateway's 29-second integration timeout, so the function's own answer wins. */
  static final Duration TIMEOUT = Duration.seconds(20);

  private final Role role;
  private final Function function;
  private final Alias alias;

  UpdateFunction(
      Construct scope,
      String id,
      FunctionSettings settings,
      Path codeDirectory,
      String secretPrefix,
      String stackName,
      String logGroupName,
      int logRetentionDays) {
    super(scope, id);
    if (!SNAPSTART_RUNTIMES.contains(settings.runtime().getName())) {
      throw new IllegalArgumentException(
          settings.runtime().getName()
              + " does not support SnapStart; use one of "
              + SNAPSTART_RUNTIMES);
    }
    role =
        Role.Builder.create(this, "Role")
            .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
            .description("dyndns53 update function")
            .build();
    LogGroup logGroup =
        LogGroup.Builder.create(this, "Logs")
            .logGroupName(logGroupName)
            .retention(LogRetention.ofDays(logRetentionDays))
            // Retention bounds what the logs cost while the stack lives; nobody needs them after
            // it.
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();

    Map<String, String> environment = new LinkedHashMap<>();
    environment.put(CONFIG_ENV, FunctionAsset.CONFIG_PATH_IN_LAMBDA);
    environment.put(SECRET_PREFIX_ENV, secretPrefix);
    environment.put(STACK_NAME_ENV, stackName);
    settings.javaToolOptions().ifPresent(options -> environment.put("JAVA_TOOL_OPTIONS", options));

    function =
        Function.Builder.create(this, "Function")
            .description("dyndns53: the dyndns2 update endpoint behind API Gateway")
            .runtime(settings.runtime())
            .architecture(Architecture.ARM_64)
            .memorySize(settings.memoryMb())
            .timeout(TIMEOUT)
            .handler(HANDLER)
            .code(Code.fromAsset(codeDirectory.toString()))
            .environment(environment)
            .role(role)
            .logGroup(logGroup)
            .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
            .build();
    // cfn-lint's E2530 checks SnapStart against a list of the 22 regions SnapStart had in 2023
    // (rules/resources/lmbd/SnapStartSupported.py, cfn-lint 1.51), and so fails this
    // region-agnostic
    // template for every newer region. Ignored on this resource alone, so that its other check,
    // that the runtime supports SnapStart, still runs on any other function; this one's runtime is
    // pinned by SNAPSTART_RUNTIMES (tested), and its regions by the SnapStartRegion rule below.
    ((CfnFunction) function.getNode().getDefaultChild())
        .addMetadata("cfn-lint", Map.of("config", Map.of("ignore_checks", List.of("E2530"))));
    // CDK warns that SnapStart only applies to published versions. It does here: API Gateway only
    // ever invokes the alias below, which points at function.currentVersion, a published version.
    Annotations.of(function)
        .acknowledgeWarning(
            "@aws-cdk/aws-lambda:snapStartRequirePublish",
            "API Gateway invokes the alias '" + ALIAS + "' of the published currentVersion");
    // The stack is region-agnostic, so the region is checked when CloudFormation knows it, before
    // anything is created. Refused rather than served without SnapStart: the function's priming and
    // its benchmarked settings assume SnapStart, and without it every rare update is a cold start.
    CfnRule.Builder.create(this, "SnapStartRegion")
        .assertions(
            List.of(
                CfnRuleAssertion.builder()
                    .assertValue(
                        Fn.conditionNot(
                            Fn.conditionContains(REGIONS_WITHOUT_SNAPSTART, Aws.REGION)))
                    .assertDescription(
                        "dyndns53 needs Lambda SnapStart, which "
                            + String.join(" and ", REGIONS_WITHOUT_SNAPSTART)
                            + " do not offer; deploy the stack to another region")
                    .build()))
        .build();
    alias =
        Alias.Builder.create(this, "Alias")
            .aliasName(ALIAS)
            .version(function.getCurrentVersion())
            .description("The version API Gateway invokes")
            .build();
  }

  Role role() {
    return role;
  }

  Function function() {
    return function;
  }

  Alias alias() {
    return alias;
  }
}
