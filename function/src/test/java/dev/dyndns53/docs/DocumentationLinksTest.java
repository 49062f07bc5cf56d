package dev.dyndns53.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every relative link and anchor in README.md, CONTRIBUTING.md and docs/ resolves, so moving a
 * section or renaming a heading cannot leave a dead link behind; and the checker itself fails on
 * the kinds of broken link it is there to catch.
 */
class DocumentationLinksTest {

  /** The repository root: Maven runs the tests in the module's folder, {@code function/}. */
  static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

  static List<Path> documentationPages() throws IOException {
    List<Path> pages = new ArrayList<>();
    pages.add(REPOSITORY.resolve("README.md"));
    pages.add(REPOSITORY.resolve("CONTRIBUTING.md"));
    try (Stream<Path> docs = Files.list(REPOSITORY.resolve("docs"))) {
      docs.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  @Test
  void everyRelativeLinkAndAnchor_inTheRepositorysDocumentation_resolves() throws IOException {
    List<Path> pages = documentationPages();
    assertTrue(pages.size() > 2, "docs/ holds the documentation pages");

    List<String> problems = MarkdownLinks.problems(REPOSITORY, pages);

    assertEquals(List.of(), problems, () -> String.join("\n", problems));
  }

  @Test
  void linkToAMissingFile_isAProblemNamingPageLineAndTarget(@TempDir Path root) throws IOException {
    Files.writeString(root.resolve("README.md"), "# Title\n\nSee [the guide](docs/guide.md).\n");

    List<String> problems = MarkdownLinks.problems(root, List.of(root.resolve("README.md")));

    assertEquals(
        List.of("README.md:3: link (docs/guide.md) names docs/guide.md, which does not exist"),
        problems);
  }

  @Test
  void anchorNoHeadingGives_isAProblem_andOneAHeadingGives_isNot(@TempDir Path root)
      throws IOException {
    Files.createDirectories(root.resolve("docs"));
    Files.writeString(
        root.resolve("docs/deploy.md"), "# Deploy\n\n## API Gateway's account-wide role\n");
    Files.writeString(
        root.resolve("README.md"),
        "[ok](docs/deploy.md#api-gateways-account-wide-role)\n"
            + "[stale](docs/deploy.md#account-wide-role)\n");

    List<String> problems = MarkdownLinks.problems(root, List.of(root.resolve("README.md")));

    assertEquals(1, problems.size(), problems::toString);
    assertTrue(
        problems
            .get(0)
            .startsWith(
                "README.md:2: link (docs/deploy.md#account-wide-role) names the anchor"
                    + " #account-wide-role, which docs/deploy.md does not have"),
        problems.get(0));
  }

  @Test
  void anchorInTheSamePage_isCheckedAgainstItsOwnHeadings(@TempDir Path root) throws IOException {
    Files.writeString(
        root.resolve("page.md"),
        "# Page\n\n## Set-up: two commands\n\n[a](#set-up-two-commands) [b](#setup)\n");

    List<String> problems = MarkdownLinks.problems(root, List.of(root.resolve("page.md")));

    assertEquals(1, problems.size(), problems::toString);
    assertTrue(problems.get(0).startsWith("page.md:5: link (#setup) names the anchor #setup"));
  }

  @Test
  void linksInCodeCommentsAndExternalLinks_areNotChecked(@TempDir Path root) throws IOException {
    Files.writeString(
        root.resolve("page.md"),
        "```md\n[in a fence](missing.md)\n```\n"
            + "Code `[in a span](missing.md)` and <!-- [in a comment](missing.md) -->\n"
            + "[web](https://example.com/x.md) [mail](mailto:ops@example.com)\n");

    assertEquals(List.of(), MarkdownLinks.problems(root, List.of(root.resolve("page.md"))));
  }

  @Test
  void headingAnchors_followGitHubsRules() {
    String page =
        "# dyndns53\n"
            + "## Fritz!Box\n"
            + "## Certificates: ACME DNS-01 for your hosts\n"
            + "## What `npm test` runs\n"
            + "## IPv6 hosts behind the router (NAS, home server) that follow its prefix\n"
            + "### Notes\n"
            + "### Notes\n"
            + "```\n# not a heading\n```\n"
            + "## snake_case and [a link](x.md) ##\n";

    assertEquals(
        List.of(
            "dyndns53",
            "fritzbox",
            "certificates-acme-dns-01-for-your-hosts",
            "what-npm-test-runs",
            "ipv6-hosts-behind-the-router-nas-home-server-that-follow-its-prefix",
            "notes",
            "notes-1",
            "snake_case-and-a-link"),
        MarkdownLinks.headingAnchors(page));
  }
}
