package dev.dyndns53.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dyndns53.config.ConfigParser;
import dev.dyndns53.config.Dyndns53Config;
import dev.dyndns53.http.GatewayAnswer;
import dev.dyndns53.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The stack synthesized from config/dyndns53.json, the example an operator starts from. */
class ExampleConfigStackTest extends StackSafetyContract {
  private static final String ZONE_1 = "Z0123456789EXAMPLE01";
  private static final String ZONE_2 = "Z0123456789EXAMPLE02";

  @TempDir static Path work;
  static Dyndns53Config config;
  static Dyndns53Stack stack;
  static Template template;

  @BeforeAll
  static void synthesize() {
    config = ConfigParser.load(TestStacks.exampleConfig());
    stack = TestStacks.stack(TestStacks.exampleConfig(), work);
    template = Template.fromStack(stack);
  }

  @Override
  Template template() {
    return template;
  }

  @Override
  Dyndns53Stack stack() {
    return stack;
  }

  @Override
  Dyndns53Config config() {
    return config;
  }

  static String onlyLogicalId(String type) {
    return onlyLogicalIdIn(template, type);
  }

  /** The update function (the stack has a second one, the secret provisioner). */
  static String updateFunctionIdIn(Template template) {
    Map<String, Map<String, Object>> found =
        template.findResources(
            "AWS::Lambda::Function",
            Match.objectLike(
                Map.of("Properties", Match.objectLike(Map.of("Handler", UpdateFunction.HANDLER)))));
    assertEquals(1, found.size(), "update functions");
    return found.keySet().iterator().next();
  }

  /** The update function's role. */
  @SuppressWarnings("unchecked")
  static String updateFunctionRoleIn(Template template) {
    Map<String, Object> function =
        properties(
            template.findResources("AWS::Lambda::Function").get(updateFunctionIdIn(template)));
    return ((List<String>) ((Map<String, Object>) function.get("Role")).get("Fn::GetAtt")).get(0);
  }

  /** The managed policies attached to the update function's role. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> updateFunctionPoliciesIn(Template template) {
    Object role = List.of(Map.of("Ref", updateFunctionRoleIn(template)));
    return template.findResources("AWS::IAM::ManagedPolicy").values().stream()
        .filter(p -> role.equals(properties(p).get("Roles")))
        .toList();
  }

  static String onlyLogicalIdIn(Template template, String type) {
    Map<String, Map<String, Object>> found = template.findResources(type);
    assertEquals(1, found.size(), "resources of type " + type);
    return found.keySet().iterator().next();
  }

  static Map<String, Object> zoneArn(String zoneId) {
    return Map.of(
        "Fn::Join",
        List.of(
            "",
            List.of("arn:", Map.of("Ref", "AWS::Partition"), ":route53:::hostedzone/" + zoneId)));
  }

  /** Statements of all the function's managed policies, in order. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> functionStatements() {
    List<Map<String, Object>> statements = new ArrayList<>();
    for (Map<String, Object> policy : updateFunctionPoliciesIn(template)) {
      Map<String, Object> document =
          (Map<String, Object>)
              ((Map<String, Object>) policy.get("Properties")).get("PolicyDocument");
      statements.addAll((List<Map<String, Object>>) document.get("Statement"));
    }
    return statements;
  }

  static List<Map<String, Object>> statementsWith(String action) {
    return functionStatements().stream()
        .filter(s -> TemplateScans.actions(s).contains(action))
        .toList();
  }

  @Test
  void function_runsJava25OnArm64WithSnapStartAndATimeoutInsideApiGateways() {
    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Match.objectLike(
            Map.of(
                "Runtime",
                "java25",
                "Architectures",
                List.of("arm64"),
                "MemorySize",
                1769,
                "Timeout",
                20,
                "Handler",
                "dev.dyndns53.lambda.UpdateHandler::handleRequest",
                "SnapStart",
                Map.of("ApplyOn", "PublishedVersions"))));
    assertTrue(
        UpdateFunction.TIMEOUT.toSeconds().intValue() < 29, "API Gateway gives up after 29 s");
  }

  @Test
  void function_readsItsConfigurationFromThePackageAndSecretsByStackPrefix() {
    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Match.objectLike(
            Map.of(
                "Environment",
                Map.of(
                    "Variables",
                    Match.objectEquals(
                        Map.of(
                            "JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1",
                            "DYNDNS53_CONFIG", "/var/task/dyndns53.json",
                            "DYNDNS53_SECRET_PREFIX", "dyndns53/Dyndns53/",
                            "DYNDNS53_STACK_NAME", "Dyndns53",
                            // Issue 17: the history table and the notification topic.
                            "DYNDNS53_HISTORY_TABLE",
                                Map.of("Ref", Match.stringLikeRegexp("ActivityHistoryTable.*")),
                            "DYNDNS53_NOTIFY_TOPIC",
                                Map.of(
                                    "Ref",
                                    Match.stringLikeRegexp("ActivityNotificationsTopic.*"))))))));
  }

  @Test
  void function_logsToItsOwnLogGroupKeptForTheConfiguredDays() {
    Capture logGroup = new Capture();
    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Match.objectLike(
            Map.of(
                "Handler",
                UpdateFunction.HANDLER,
                "LoggingConfig",
                Map.of("LogGroup", Map.of("Ref", logGroup)))));
    Map<String, Object> properties =
        properties(template.findResources("AWS::Logs::LogGroup").get(logGroup.asString()));
    assertEquals("/dyndns53/Dyndns53/function", properties.get("LogGroupName"));
    assertEquals(30, ((Number) properties.get("RetentionInDays")).intValue());
  }

  @Test
  void apiGateway_invokesTheLiveAliasOfThePublishedVersion() {
    String version = onlyLogicalId("AWS::Lambda::Version");
    template.hasResourceProperties(
        "AWS::Lambda::Alias",
        Map.of(
            "Name", "live",
            "FunctionName", Map.of("Ref", updateFunctionIdIn(template)),
            "FunctionVersion", Map.of("Fn::GetAtt", List.of(version, "Version")),
            "Description", Match.anyValue()));
    String alias = onlyLogicalId("AWS::Lambda::Alias");
    template.allResourcesProperties(
        "AWS::ApiGateway::Method",
        Match.objectLike(
            Map.of(
                "Integration",
                Match.objectLike(
                    Map.of(
                        "Type",
                        "AWS_PROXY",
                        "Uri",
                        Map.of(
                            "Fn::Join",
                            List.of("", Match.arrayWith(List.of(Map.of("Ref", alias))))))))));
    // One invoke permission per method, for the alias only: none for the console's test-invoke.
    // Issue 17 adds GET /status: 4.
    template.resourceCountIs("AWS::Lambda::Permission", 4);
    template.allResourcesProperties(
        "AWS::Lambda::Permission",
        Match.objectLike(
            Map.of(
                "Action", "lambda:InvokeFunction",
                "FunctionName", Map.of("Ref", alias),
                "Principal", "apigateway.amazonaws.com")));
  }

  @Test
  void functionRole_isAssumedOnlyByLambdaAndHasNoInlineOrAwsManagedPolicy() {
    String role = updateFunctionRoleIn(template);
    template.hasResource(
        "AWS::IAM::Role",
        Match.objectLike(
            Map.of(
                "Properties",
                Match.objectLike(
                    Map.of(
                        "AssumeRolePolicyDocument",
                            Match.objectLike(
                                Map.of(
                                    "Statement",
                                    List.of(
                                        Map.of(
                                            "Action",
                                            "sts:AssumeRole",
                                            "Effect",
                                            "Allow",
                                            "Principal",
                                            Map.of("Service", "lambda.amazonaws.com"))))),
                        "ManagedPolicyArns", Match.absent(),
                        "Policies", Match.absent())))));
    assertInlinePolicies(template);
    // Every managed policy but the secret provisioner's and the release check's is the update
    // function's.
    assertEquals(
        template.findResources("AWS::IAM::ManagedPolicy").size() - 2,
        updateFunctionPoliciesIn(template).size());
  }

  /**
   * The inline policies: the two CDK's LambdaDeploymentGroup writes for the release check
   * (ReleaseRollbackTest: the hook's right to report to CodeDeploy, and CodeDeploy's to invoke the
   * hook), and one on the update function's role holding only the history table's and the topic's
   * statements (issue 17), kept out of the managed policies so that the largest configurations
   * still fit them.
   */
  @SuppressWarnings("unchecked")
  static void assertInlinePolicies(Template template) {
    Map<String, Map<String, Object>> inline = template.findResources("AWS::IAM::Policy");
    List<String> others =
        inline.keySet().stream().filter(id -> !id.startsWith("ReleaseRollback")).toList();
    assertEquals(2, inline.size() - others.size(), String.valueOf(inline.keySet()));
    assertEquals(1, others.size(), String.valueOf(inline.keySet()));
    Map<String, Object> properties =
        (Map<String, Object>) inline.get(others.get(0)).get("Properties");
    Map<String, Object> document = (Map<String, Object>) properties.get("PolicyDocument");
    List<Map<String, Object>> statements = (List<Map<String, Object>>) document.get("Statement");
    assertEquals(
        List.of("HistoryTable", "NotificationTopic"),
        statements.stream().map(statement -> statement.get("Sid")).toList());
  }

  static String onlyRoleAssumedBy(String service) {
    return onlyRoleAssumedByIn(template, service);
  }

  static String onlyRoleAssumedByIn(Template template, String service) {
    Map<String, Map<String, Object>> roles =
        template.findResources(
            "AWS::IAM::Role",
            Match.objectLike(
                Map.of(
                    "Properties",
                    Match.objectLike(
                        Map.of(
                            "AssumeRolePolicyDocument",
                            Match.objectLike(
                                Map.of(
                                    "Statement",
                                    Match.arrayWith(
                                        List.of(
                                            Match.objectLike(
                                                Map.of(
                                                    "Principal",
                                                    Map.of("Service", service))))))))))));
    assertEquals(1, roles.size(), "roles assumed by " + service);
    return roles.keySet().iterator().next();
  }

  @Test
  void logsPolicy_allowsWritingOnlyToTheFunctionsOwnLogGroup() {
    List<Map<String, Object>> logs =
        functionStatements().stream()
            .filter(s -> TemplateScans.actions(s).stream().anyMatch(a -> a.startsWith("logs:")))
            .toList();
    assertEquals(1, logs.size());
    assertEquals(
        List.of("logs:CreateLogStream", "logs:PutLogEvents"), TemplateScans.actions(logs.get(0)));
    String logGroup = ":log-group:/dyndns53/Dyndns53/function";
    assertEquals(
        List.of(logArn(logGroup), logArn(logGroup + ":log-stream:*")), logs.get(0).get("Resource"));
  }

  private static Map<String, Object> logArn(String suffix) {
    return Map.of(
        "Fn::Join",
        List.of(
            "",
            List.of(
                "arn:",
                Map.of("Ref", "AWS::Partition"),
                ":logs:",
                Map.of("Ref", "AWS::Region"),
                ":",
                Map.of("Ref", "AWS::AccountId"),
                suffix)));
  }

  @Test
  void secretsPolicy_allowsOnlyGetSecretValueOnThisStacksSecretNamePrefix() {
    List<Map<String, Object>> secrets =
        functionStatements().stream()
            .filter(
                s ->
                    TemplateScans.actions(s).stream()
                        .anyMatch(a -> a.startsWith("secretsmanager:")))
            .filter(
                s ->
                    !TemplateScans.actions(s).equals(List.of("secretsmanager:BatchGetSecretValue")))
            .toList();
    assertEquals(1, secrets.size());
    assertEquals(List.of("secretsmanager:GetSecretValue"), TemplateScans.actions(secrets.get(0)));
    // The prefix ends in '/' (user names have none), so another stack's dyndns53/Dyndns53Test/...
    // secrets do not match; '*' stands for the user and the six characters Secrets Manager appends.
    assertEquals(
        Map.of(
            "Fn::Join",
            List.of(
                "",
                List.of(
                    "arn:",
                    Map.of("Ref", "AWS::Partition"),
                    ":secretsmanager:",
                    Map.of("Ref", "AWS::Region"),
                    ":",
                    Map.of("Ref", "AWS::AccountId"),
                    ":secret:dyndns53/Dyndns53/*"))),
        secrets.get(0).get("Resource"));
  }

  @Test
  void secrets_allHaveNamesUnderThePrefixTheRoleMayRead() {
    Map<String, Map<String, Object>> secrets = template.findResources(UserSecrets.RESOURCE_TYPE);
    assertEquals(config.users().size(), secrets.size());
    for (Map<String, Object> secret : secrets.values()) {
      assertTrue(
          ((String) properties(secret).get("SecretName"))
              .startsWith(Dyndns53Stack.secretPrefix("Dyndns53")));
    }
  }

  @Test
  void secretsPolicy_allowsBatchGetSecretValueOnResourceStar_inAStatementOfItsOwn() {
    List<Map<String, Object>> batch =
        functionStatements().stream()
            .filter(s -> TemplateScans.actions(s).contains("secretsmanager:BatchGetSecretValue"))
            .toList();
    assertEquals(1, batch.size());
    assertEquals(
        List.of("secretsmanager:BatchGetSecretValue"), TemplateScans.actions(batch.get(0)));
    assertEquals("*", batch.get(0).get("Resource"));
    assertEquals("Allow", batch.get(0).get("Effect"));
    assertNull(batch.get(0).get("Condition"));
  }

  @Test
  void routeChangePolicy_coversOnlyConfiguredZones() {
    Map<Object, Object> namesByZone = new LinkedHashMap<>();
    for (Map<String, Object> statement : statementsWith("route53:ChangeResourceRecordSets")) {
      namesByZone.put(
          statement.get("Resource"),
          forAllValues(statement).get(PermissionStatements.NORMALIZED_NAMES));
    }
    assertEquals(
        Map.of(
            zoneArn(ZONE_1), List.of("home.example.com", "office.example.com"),
            zoneArn(ZONE_2), List.of("nas.example.org")),
        namesByZone);
  }

  @Test
  void routeChangePolicy_limitsEachZoneToItsConfiguredRecordTypesAndTheActionsTheFunctionUses() {
    Map<String, Object> zone1 =
        Map.of(
            "Action", "route53:ChangeResourceRecordSets",
            "Resource", zoneArn(ZONE_1),
            "Condition",
                Map.of(
                    "ForAllValues:StringEquals",
                        Map.of(
                            PermissionStatements.NORMALIZED_NAMES,
                                List.of("home.example.com", "office.example.com"),
                            PermissionStatements.RECORD_TYPES, List.of("A", "AAAA"),
                            PermissionStatements.CHANGE_ACTIONS, List.of("UPSERT", "DELETE")),
                    "Null",
                        Map.of(
                            PermissionStatements.NORMALIZED_NAMES, "false",
                            PermissionStatements.RECORD_TYPES, "false",
                            PermissionStatements.CHANGE_ACTIONS, "false")));
    Map<String, Object> zone2 =
        Map.of(
            "Action", "route53:ChangeResourceRecordSets",
            "Resource", zoneArn(ZONE_2),
            "Condition",
                Match.objectLike(
                    Map.of(
                        "ForAllValues:StringEquals",
                        Map.of(
                            PermissionStatements.NORMALIZED_NAMES, List.of("nas.example.org"),
                            PermissionStatements.RECORD_TYPES, List.of("AAAA"),
                            PermissionStatements.CHANGE_ACTIONS, List.of("UPSERT", "DELETE")))));
    Object statements = Match.arrayWith(List.of(Match.objectLike(zone1), Match.objectLike(zone2)));
    template.hasResourceProperties(
        "AWS::IAM::ManagedPolicy",
        Match.objectLike(
            Map.of("PolicyDocument", Match.objectLike(Map.of("Statement", statements)))));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> forAllValues(Map<String, Object> statement) {
    return (Map<String, Object>)
        ((Map<String, Object>) statement.get("Condition")).get("ForAllValues:StringEquals");
  }

  @Test
  void listRecordSets_isAllowedOnlyOnTheConfiguredZones() {
    List<Map<String, Object>> list = statementsWith("route53:ListResourceRecordSets");
    assertEquals(1, list.size());
    assertEquals(List.of(zoneArn(ZONE_1), zoneArn(ZONE_2)), list.get(0).get("Resource"));
    assertEquals(List.of("route53:ListResourceRecordSets"), TemplateScans.actions(list.get(0)));
  }

  @Test
  void functionPermissions_holdNoOtherRoute53Action() {
    Set<String> route53 = new java.util.TreeSet<>();
    functionStatements()
        .forEach(
            s ->
                TemplateScans.actions(s).stream()
                    .filter(a -> a.startsWith("route53:"))
                    .forEach(route53::add));
    assertEquals(
        Set.of("route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets"), route53);
  }

  @Test
  void secrets_areOneCustomResourcePerUser_namingTheSecretAndTheUserOnly() {
    template.resourceCountIs(UserSecrets.RESOURCE_TYPE, config.users().size());
    template.resourceCountIs("AWS::SecretsManager::Secret", 0);
    for (String user : config.users().keySet()) {
      template.hasResourceProperties(
          UserSecrets.RESOURCE_TYPE,
          Match.objectEquals(
              Map.of(
                  "ServiceToken",
                  Match.anyValue(),
                  "SecretName",
                  "dyndns53/Dyndns53/" + user,
                  "UserName",
                  user)));
    }
    assertTrue(UserSecrets.PASSWORD_LENGTH >= 32);
  }

  @Test
  void api_answersGetAndPostOnNicUpdate_getOnCheckip_andNoAcmeWithoutAnAcmeHost() {
    template.resourceCountIs("AWS::ApiGateway::RestApi", 1);
    template.hasResourceProperties(
        "AWS::ApiGateway::RestApi",
        Match.objectLike(Map.of("EndpointConfiguration", Map.of("Types", List.of("REGIONAL")))));
    Capture nic = new Capture();
    template.hasResourceProperties(
        "AWS::ApiGateway::Resource",
        Map.of(
            "PathPart",
            "nic",
            "ParentId",
            Match.objectLike(Map.of("Fn::GetAtt", Match.anyValue())),
            "RestApiId",
            Match.anyValue()));
    template.hasResourceProperties(
        "AWS::ApiGateway::Resource",
        Map.of(
            "PathPart", "update", "ParentId", Map.of("Ref", nic), "RestApiId", Match.anyValue()));
    assertEquals(
        "nic",
        properties(template.findResources("AWS::ApiGateway::Resource").get(nic.asString()))
            .get("PathPart"));
    template.hasResourceProperties(
        "AWS::ApiGateway::Resource",
        Map.of(
            "PathPart",
            "checkip",
            "ParentId",
            Match.objectLike(Map.of("Fn::GetAtt", Match.anyValue())),
            "RestApiId",
            Match.anyValue()));
    assertTrue(
        template
            .findResources(
                "AWS::ApiGateway::Resource",
                Match.objectLike(
                    Map.of("Properties", Match.objectLike(Map.of("PathPart", "acme")))))
            .isEmpty());
    template.resourceCountIs("AWS::ApiGateway::Method", 4); // issue 17: GET /status
    for (String method : List.of("GET", "POST")) {
      template.hasResourceProperties(
          "AWS::ApiGateway::Method",
          Match.objectLike(Map.of("HttpMethod", method, "AuthorizationType", "NONE")));
    }
    template.allResourcesProperties(
        "AWS::ApiGateway::Method", Match.objectLike(Map.of("AuthorizationType", "NONE")));
  }

  @Test
  void methods_declareATextPlainResponseForEveryStatusTheFunctionAnswers() {
    List<Object> responses = new ArrayList<>();
    for (String status : List.of("200", "400", "401", "403", "404", "500")) {
      responses.add(Map.of("StatusCode", status, "ResponseModels", Map.of("text/plain", "Empty")));
    }
    List<Object> checkip =
        List.of(
            Map.of("StatusCode", "200", "ResponseModels", Map.of("text/html", "Empty")),
            Map.of("StatusCode", "500", "ResponseModels", Map.of("text/html", "Empty")));
    List<Object> status = new ArrayList<>();
    for (String code : ActivityResources.STATUS_STATUSES) {
      status.add(Map.of("StatusCode", code, "ResponseModels", Map.of("text/html", "Empty")));
    }
    Map<String, Integer> methodsByResponses = new java.util.HashMap<>();
    for (Map<String, Object> method : template.findResources("AWS::ApiGateway::Method").values()) {
      Object declared = properties(method).get("MethodResponses");
      methodsByResponses.merge(
          declared.equals(responses)
              ? "update"
              : declared.equals(checkip) ? "checkip" : declared.equals(status) ? "status" : "other",
          1,
          Integer::sum);
    }
    assertEquals(Map.of("update", 2, "checkip", 1, "status", 1), methodsByResponses);
  }

  @Test
  void stage_isNamedAndThrottledAsConfigured() {
    // API Gateway applies limits per method: GET and POST /nic/update share the configured 5/s and
    // 10 (POST 20 %), /checkip and the stage-wide fallback admit 1/s and 2.
    template.hasResourceProperties(
        "AWS::ApiGateway::Stage",
        Match.objectLike(
            Map.of(
                "StageName",
                "v1",
                "MethodSettings",
                Match.arrayWith(
                    List.of(
                        throttle("*", "/*", 1, 2),
                        throttle("GET", "/~1nic~1update", 4, 8),
                        throttle("POST", "/~1nic~1update", 1, 2),
                        throttle("GET", "/~1checkip", 1, 2),
                        // Issue 17: GET /status, api.throttling.status's defaults.
                        throttle("GET", "/~1status", 1, 5))))));
  }

  @Test
  @SuppressWarnings("unchecked")
  void stage_throttlesEveryMethodExplicitly_andServesNoAcmeLimitWithoutAcme() {
    Map<String, Object> stage =
        template.findResources("AWS::ApiGateway::Stage").values().iterator().next();
    List<Map<String, Object>> settings =
        (List<Map<String, Object>>) properties(stage).get("MethodSettings");
    assertEquals(
        List.of("*", "GET", "POST", "GET", "GET"),
        settings.stream().map(s -> s.get("HttpMethod")).toList());
  }

  static Object throttle(String method, String path, double rate, int burst) {
    return Match.objectLike(
        Map.of(
            "HttpMethod",
            method,
            "ResourcePath",
            path,
            "ThrottlingRateLimit",
            rate,
            "ThrottlingBurstLimit",
            burst));
  }

  @Test
  void stage_writesAccessLogsToTheirOwnLogGroupKeptForTheConfiguredDays() {
    Capture destination = new Capture();
    template.hasResourceProperties(
        "AWS::ApiGateway::Stage",
        Match.objectLike(
            Map.of(
                "AccessLogSetting",
                Match.objectLike(
                    Map.of("DestinationArn", Map.of("Fn::GetAtt", List.of(destination, "Arn")))))));
    Map<String, Object> logGroup =
        properties(template.findResources("AWS::Logs::LogGroup").get(destination.asString()));
    assertEquals("/dyndns53/Dyndns53/api-access", logGroup.get("LogGroupName"));
    assertEquals(30, ((Number) logGroup.get("RetentionInDays")).intValue());
  }

  @Test
  @SuppressWarnings("unchecked")
  void accessLogFormat_isOneJsonObjectPerRequestWithWhoWhatAndHowLong() {
    Capture format = new Capture();
    template.hasResourceProperties(
        "AWS::ApiGateway::Stage",
        Match.objectLike(Map.of("AccessLogSetting", Match.objectLike(Map.of("Format", format)))));
    // As API Gateway fills it in: a quoted string for messageString, the value for the others.
    String sample =
        format
            .asString()
            .replace("$context.error.messageString", "\"Missing Authentication Token\"");
    Matcher variable = Pattern.compile("\\$context\\.[A-Za-z.]+").matcher(sample);
    Map<String, Object> line = (Map<String, Object>) Json.parse(variable.replaceAll("sample"));
    assertTrue(
        line.keySet()
            .containsAll(
                List.of(
                    "requestId",
                    "ip",
                    "requestTime",
                    "httpMethod",
                    "resourcePath",
                    "status",
                    "protocol",
                    "responseLength",
                    "userAgent",
                    "integrationLatency",
                    "functionStatus",
                    "integrationError",
                    "errorMessage")),
        line.keySet().toString());
    assertEquals("Missing Authentication Token", line.get("errorMessage"));
  }

  /** The gateway responses the issue asks for, by API Gateway response type. */
  private static final Map<String, GatewayAnswer> EXPECTED_GATEWAY_RESPONSES =
      new TreeMap<>(
          Map.ofEntries(
              Map.entry("MISSING_AUTHENTICATION_TOKEN", GatewayAnswer.UNKNOWN_PATH),
              Map.entry("RESOURCE_NOT_FOUND", GatewayAnswer.UNKNOWN_PATH),
              Map.entry("DEFAULT_4XX", GatewayAnswer.BAD_REQUEST),
              Map.entry("BAD_REQUEST_BODY", GatewayAnswer.BAD_REQUEST),
              Map.entry("BAD_REQUEST_PARAMETERS", GatewayAnswer.BAD_REQUEST),
              Map.entry("REQUEST_TOO_LARGE", GatewayAnswer.BAD_REQUEST),
              Map.entry("THROTTLED", GatewayAnswer.THROTTLED),
              Map.entry("QUOTA_EXCEEDED", GatewayAnswer.THROTTLED),
              Map.entry("INTEGRATION_FAILURE", GatewayAnswer.INTEGRATION_FAILURE),
              Map.entry("INTEGRATION_TIMEOUT", GatewayAnswer.INTEGRATION_TIMEOUT),
              Map.entry("DEFAULT_5XX", GatewayAnswer.SERVER_ERROR)));

  @Test
  void gatewayResponses_rewriteApiGatewaysOwnAnswersIntoPlainTextGatewayAnswers() {
    EXPECTED_GATEWAY_RESPONSES.forEach(
        (type, answer) ->
            template.hasResourceProperties(
                "AWS::ApiGateway::GatewayResponse",
                Match.objectLike(
                    Map.of(
                        "ResponseType", type,
                        "StatusCode", Integer.toString(answer.status()),
                        "ResponseParameters",
                            Map.of(
                                "gatewayresponse.header.Content-Type",
                                "'text/plain; charset=utf-8'"),
                        "ResponseTemplates",
                            Map.of(
                                "application/json", answer.body(), "text/plain", answer.body())))));
    Set<GatewayAnswer> covered = new java.util.HashSet<>(EXPECTED_GATEWAY_RESPONSES.values());
    covered.add(GatewayAnswer.BAD_CREDENTIALS); // with its challenge header, in the next test
    assertEquals(Set.of(GatewayAnswer.values()), covered, "every gateway answer is deployed");
  }

  @Test
  void gatewayResponses_answerBadCredentialsWithBadauthAndABasicChallenge() {
    for (String type : List.of("UNAUTHORIZED", "ACCESS_DENIED")) {
      template.hasResourceProperties(
          "AWS::ApiGateway::GatewayResponse",
          Map.of(
              "ResponseType", type,
              "StatusCode", "401",
              "RestApiId", Match.anyValue(),
              "ResponseParameters",
                  Map.of(
                      "gatewayresponse.header.Content-Type", "'text/plain; charset=utf-8'",
                      "gatewayresponse.header.WWW-Authenticate", "'Basic realm=\"dyndns53\"'"),
              "ResponseTemplates",
                  Map.of("application/json", "badauth\n", "text/plain", "badauth\n")));
    }
    template.resourceCountIs(
        "AWS::ApiGateway::GatewayResponse", EXPECTED_GATEWAY_RESPONSES.size() + 2);
  }

  @Test
  @SuppressWarnings("unchecked")
  void gatewayResponses_makeClientsRetryServerTroubleAndNeverReadAsSuccess() {
    for (Map<String, Object> response :
        template.findResources("AWS::ApiGateway::GatewayResponse").values()) {
      Map<String, Object> p = properties(response);
      String type = (String) p.get("ResponseType");
      int status = Integer.parseInt((String) p.get("StatusCode"));
      if (Set.of(
              "THROTTLED",
              "QUOTA_EXCEEDED",
              "INTEGRATION_FAILURE",
              "INTEGRATION_TIMEOUT",
              "DEFAULT_5XX")
          .contains(type)) {
        // inadyn retries a 5xx in 600 s and gives up for good on a 429; ddclient retries both.
        assertTrue(status >= 500 && status <= 599, type + " answers " + status);
      }
      for (Object body : ((Map<String, Object>) p.get("ResponseTemplates")).values()) {
        for (String success : List.of("ok", "good", "true", "updated", "nochg")) {
          assertTrue(
              !body.toString().toLowerCase().contains(success),
              type + " body reads as success: " + body);
        }
      }
    }
  }

  @Test
  void outputs_giveTheUpdateUrlTheEdgeRouterServerAndOneSecretNameRuleForAllUsers() {
    Object api = Map.of("Ref", onlyLogicalId("AWS::ApiGateway::RestApi"));
    Object stage = Map.of("Ref", onlyLogicalId("AWS::ApiGateway::Stage"));
    Object region = Map.of("Ref", "AWS::Region");
    Object urlSuffix = Map.of("Ref", "AWS::URLSuffix");
    Object updateUrl =
        join(
            List.of(
                "https://",
                api,
                ".execute-api.",
                region,
                ".",
                urlSuffix,
                "/",
                stage,
                "/nic/update"));
    template.hasOutput("UpdateUrl", Match.objectLike(Map.of("Value", updateUrl)));
    Object server = join(List.of(api, ".execute-api.", region, ".", urlSuffix, "/v1"));
    template.hasOutput("EdgeRouterServer", Match.objectLike(Map.of("Value", server)));
    template.hasOutput("SecretNamePrefix", Match.objectLike(Map.of("Value", "dyndns53/Dyndns53/")));
    Object command =
        join(
            List.of(
                "aws secretsmanager get-secret-value --region ",
                region,
                " --secret-id dyndns53/Dyndns53/<user> --query SecretString --output text"));
    template.hasOutput("PasswordCommand", Match.objectLike(Map.of("Value", command)));
    assertEquals(
        Set.of("UpdateUrl", "EdgeRouterServer", "SecretNamePrefix", "PasswordCommand"),
        template.findOutputs("*").keySet());
  }

  @Test
  @SuppressWarnings("unchecked")
  void accessLog_labelsTheFunctionsStatusAndLambdasOwnStatusTruthfully() {
    Capture format = new Capture();
    template.hasResourceProperties(
        "AWS::ApiGateway::Stage",
        Match.objectLike(Map.of("AccessLogSetting", Match.objectLike(Map.of("Format", format)))));
    Map<String, Object> line =
        (Map<String, Object>)
            Json.parse(format.asString().replace("$context.error.messageString", "\"\""));
    // integration.status: the statusCode the function returned; integration.integrationStatus:
    // the status of Lambda's Invoke call (API Gateway Developer Guide, access logging variables).
    assertEquals("$context.integration.status", line.get("functionStatus"));
    assertEquals("$context.integration.integrationStatus", line.get("lambdaServiceStatus"));
    assertTrue(
        !line.containsKey("integrationStatus"), "the ambiguous label is gone: " + line.keySet());
  }

  @Test
  void apiGatewayAccountSetting_isNeverPartOfTheDyndns53Stack() {
    template.resourceCountIs("AWS::ApiGateway::Account", 0);
    assertEquals(
        Map.of(),
        template.findResources(
            "AWS::IAM::Role",
            Match.objectLike(
                Map.of(
                    "Properties",
                    Match.objectLike(
                        Map.of(
                            "AssumeRolePolicyDocument",
                            Match.objectLike(
                                Map.of(
                                    "Statement",
                                    Match.arrayWith(
                                        List.of(
                                            Match.objectLike(
                                                Map.of(
                                                    "Principal",
                                                    Map.of(
                                                        "Service",
                                                        "apigateway.amazonaws.com")))))))))))));
  }

  @Test
  void api_isDualStack() {
    template.hasResourceProperties(
        "AWS::ApiGateway::RestApi",
        Match.objectLike(
            Map.of(
                "EndpointConfiguration",
                Map.of("Types", List.of("REGIONAL"), "IpAddressType", "dualstack"))));
  }

  @Test
  void secrets_areRetainedWhenTheyLeaveTheStack() {
    template.allResources(
        UserSecrets.RESOURCE_TYPE,
        Match.objectLike(Map.of("DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain")));
  }

  @Test
  void secrets_keepTheirLogicalIdWhateverElseTheConfigurationChanges() {
    // A changed logical id would make CloudFormation create a new secret (a new password) and drop
    // the old one from the stack; the id depends on the user name alone.
    Path other =
        TestStacks.write(
            work.resolve("other/users.json"),
            """
        {"hosts": {"vpn.example.net": {"zoneId": "Z0123456789EXAMPLE09"}},
         "users": {"fritzbox": {"hosts": ["vpn.example.net"]}, "office-unifi": {"hosts": ["vpn.example.net"]}}}
        """);
    Template changed = Template.fromStack(TestStacks.stack(other, work.resolve("other")));
    assertEquals(secretIdOf(template, "office-unifi"), secretIdOf(changed, "office-unifi"));
  }

  private static String secretIdOf(Template template, String user) {
    Map<String, Map<String, Object>> found =
        template.findResources(
            UserSecrets.RESOURCE_TYPE,
            Match.objectLike(
                Map.of(
                    "Properties",
                    Match.objectLike(Map.of("SecretName", "dyndns53/Dyndns53/" + user)))));
    assertEquals(1, found.size(), "secrets of " + user);
    return found.keySet().iterator().next();
  }

  @Test
  void snapStart_isOnlyEverSetWithARuntimeThatSupportsIt_andOnlyThatFunctionSkipsCfnLintsCheck() {
    Map<String, Map<String, Object>> withSnapStart =
        template.findResources(
            "AWS::Lambda::Function",
            Match.objectLike(
                Map.of(
                    "Properties",
                    Match.objectLike(
                        Map.of("SnapStart", Map.of("ApplyOn", "PublishedVersions"))))));
    assertEquals(1, withSnapStart.size());
    for (Map<String, Object> function : withSnapStart.values()) {
      assertTrue(
          UpdateFunction.SNAPSTART_RUNTIMES.contains(properties(function).get("Runtime")),
          properties(function).get("Runtime").toString());
      assertEquals(
          Map.of("config", Map.of("ignore_checks", List.of("E2530"))),
          ((Map<?, ?>) function.get("Metadata")).get("cfn-lint"));
    }
    Map<String, Map<String, Object>> ignoringE2530 =
        template.findResources(
            "AWS::Lambda::Function",
            Match.objectLike(
                Map.of(
                    "Metadata",
                    Match.objectLike(
                        Map.of(
                            "cfn-lint",
                            Map.of("config", Map.of("ignore_checks", List.of("E2530"))))))));
    assertEquals(withSnapStart.keySet(), ignoringE2530.keySet());
    // The secret provisioner (no SnapStart, on purpose) ignores only cfn-lint's SnapStart hint.
    template.hasResource(
        "AWS::Lambda::Function",
        Match.objectLike(
            Map.of(
                "Properties",
                Match.objectLike(
                    Map.of("Handler", SecretProvisioner.HANDLER, "SnapStart", Match.absent())),
                "Metadata",
                Match.objectLike(
                    Map.of(
                        "cfn-lint",
                        Map.of("config", Map.of("ignore_checks", List.of("I2530"))))))));
  }

  @Test
  void snapStart_withARuntimeWithoutIt_isRefusedAtSynthesis() {
    IllegalArgumentException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () ->
                new Dyndns53Stack(
                    TestStacks.app(Map.of()),
                    "NoSnapStart",
                    new Dyndns53StackProps(
                        config,
                        TestStacks.exampleConfig(),
                        TestStacks.standInJar(work.resolve("nosnap")),
                        work.resolve("nosnap/asset"),
                        new FunctionSettings(
                            software.amazon.awscdk.services.lambda.Runtime.NODEJS_22_X,
                            512,
                            java.util.Optional.empty()))));
    assertTrue(
        refused.getMessage().startsWith("nodejs22.x does not support SnapStart"),
        refused.getMessage());
  }

  @Test
  @SuppressWarnings("unchecked")
  void deployment_isRefusedInRegionsWithoutSnapStart() {
    Map<String, Object> rule =
        (Map<String, Object>)
            withoutBootstrapRule(template.toJSON().get("Rules")).values().stream()
                .filter(r -> r.toString().contains("SnapStart"))
                .findFirst()
                .orElseThrow();
    List<Map<String, Object>> assertions = (List<Map<String, Object>>) rule.get("Assertions");
    assertEquals(1, assertions.size());
    assertEquals(
        Map.of(
            "Fn::Not",
            List.of(
                Map.of(
                    "Fn::Contains",
                    List.of(
                        List.of("ap-southeast-6", "ap-east-2"), Map.of("Ref", "AWS::Region"))))),
        assertions.get(0).get("Assert"));
    assertEquals(
        "dyndns53 needs Lambda SnapStart, which ap-southeast-6 and ap-east-2 do not offer; deploy the"
            + " stack to another region",
        assertions.get(0).get("AssertDescription"));
  }

  @Test
  void resources_areTaggedWithTheProject() {
    Object tag = Match.arrayWith(List.of(Map.of("Key", "project", "Value", "dyndns53")));
    for (String type :
        List.of(
            "AWS::Lambda::Function",
            "AWS::IAM::Role",
            "AWS::Logs::LogGroup",
            "AWS::ApiGateway::RestApi",
            "AWS::ApiGateway::Stage")) {
      template.allResourcesProperties(type, Match.objectLike(Map.of("Tags", tag)));
    }
  }

  @Test
  void customDomain_isAbsentUnlessConfigured() {
    template.resourceCountIs("AWS::ApiGateway::DomainName", 0);
    template.resourceCountIs("AWS::ApiGateway::BasePathMapping", 0);
    assertEquals(
        List.of(),
        withoutBootstrapRule(template.toJSON().getOrDefault("Rules", Map.of())).keySet().stream()
            .filter(id -> id.contains("Certificate"))
            .toList());
  }

  /** Rules other than CDK's bootstrap check, by logical id. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> withoutBootstrapRule(Object rules) {
    Map<String, Object> rest = new LinkedHashMap<>((Map<String, Object>) rules);
    rest.remove("CheckBootstrapVersion");
    return rest;
  }

  static Object join(List<Object> parts) {
    return Map.of("Fn::Join", List.of("", parts));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> properties(Map<String, Object> resource) {
    return (Map<String, Object>) resource.get("Properties");
  }
}
