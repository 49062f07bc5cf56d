package dev.dyndns53.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.PolicyViolatingResource;
import software.amazon.awscdk.PolicyViolation;
import software.amazon.awscdk.Stack;

/**
 * cdk-nag's AwsSolutions rules over every stack the app synthesizes, built the way {@code cdk
 * synth} builds them, with every optional part switched on (custom domain, alert address). Each
 * finding that is acceptable is acknowledged next to the resource, in the main code, with its
 * reason ({@code Validations.of(...).acknowledge}); anything else, such as a new resource with a
 * new finding, fails here.
 */
class CdkNagTest {
  @TempDir static Path root;
  static App app;

  @BeforeAll
  static void buildTheApp() throws IOException {
    Files.createDirectories(root.resolve("config"));
    TestStacks.write(
        root.resolve("config/dyndns53.json"),
        """
        {
          "hosts": {
            "home.example.com": { "zoneId": "Z0123456789EXAMPLE01" },
            "nas.example.org": { "zoneId": "Z0123456789EXAMPLE02", "recordTypes": ["AAAA"] }
          },
          "users": {
            "edgerouter": { "hosts": ["home.example.com", "nas.example.org"] },
            "office-unifi": { "hosts": ["home.example.com"] }
          },
          "api": { "customDomain": { "domainName": "dyndns.example.com",
            "certificateArn": "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab" } },
          "alerts": { "email": "ops@example.com" }
        }
        """);
    TestStacks.write(root.resolve(Dyndns53App.FUNCTION_JAR), "stand-in jar");
    app = TestStacks.app(Map.of());
    assertEquals(java.util.Optional.empty(), Dyndns53App.build(app, root));
  }

  private static Stack stack(Class<? extends Stack> type) {
    return app.getNode().getChildren().stream()
        .filter(type::isInstance)
        .map(Stack.class::cast)
        .findFirst()
        .orElseThrow();
  }

  /** Each unacknowledged finding as "rule at construct path: description". */
  private static List<String> findings(Stack stack) {
    List<String> findings = new ArrayList<>();
    for (PolicyViolation violation :
        new AwsSolutionsChecks(app).validateScope(stack).getViolations()) {
      for (PolicyViolatingResource resource : violation.getViolatingResources()) {
        findings.add(
            violation.getRuleName()
                + " at "
                + resource.getConstructPath()
                + " "
                + resource.getLocations()
                + ": "
                + violation.getDescription());
      }
    }
    return findings;
  }

  @Test
  void dyndns53Stack_hasNoUnacknowledgedFinding() {
    assertEquals(List.of(), findings(stack(Dyndns53Stack.class)));
  }

  @Test
  void apiGatewayAccountStack_hasNoUnacknowledgedFinding() {
    assertEquals(List.of(), findings(stack(ApiGatewayAccountStack.class)));
  }
}
