package dev.dyndns53.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that the relative links of Markdown pages resolve: the file or folder exists, and a {@code
 * #fragment} names a heading (or an HTML {@code id}/{@code name}) of the target page, with the
 * anchors GitHub gives headings. External links ({@code https:}, {@code mailto:} …) are not
 * followed; links inside code blocks, code spans and HTML comments are not links.
 */
public final class MarkdownLinks {

  private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");
  private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})[ \\t]+(.*?)[ \\t#]*$");
  private static final Pattern INLINE_LINK =
      Pattern.compile(
          "!?\\[((?:[^\\[\\]]|\\[[^\\[\\]]*\\])*)\\]\\(\\s*<?([^)\\s>]*)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
  private static final Pattern REFERENCE_DEFINITION =
      Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*<?([^\\s>]+)>?");
  private static final Pattern HTML_ANCHOR =
      Pattern.compile("<a\\s[^>]*(?:name|id)=\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);
  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

  private final Map<Path, Set<String>> anchorsByPage = new HashMap<>();

  private MarkdownLinks() {}

  /**
   * Every link in {@code pages} that does not resolve, as one sentence each naming the page, the
   * line and the link; empty when all resolve.
   */
  public static List<String> problems(Path root, List<Path> pages) {
    MarkdownLinks checker = new MarkdownLinks();
    List<String> problems = new ArrayList<>();
    for (Path page : pages) {
      checker.check(root.toAbsolutePath().normalize(), page.toAbsolutePath().normalize(), problems);
    }
    return problems;
  }

  /**
   * The anchors GitHub gives the headings of a page, in order: lower-case, punctuation other than
   * '-' and '_' dropped, each space a '-'; a repeated anchor gets "-1", "-2", …
   */
  public static List<String> headingAnchors(String markdown) {
    List<String> anchors = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (String line : blankComments(blankFences(markdown)).split("\n", -1)) {
      Matcher heading = HEADING.matcher(line);
      if (!heading.matches()) {
        continue;
      }
      String slug = slug(heading.group(2));
      int count = seen.merge(slug, 1, Integer::sum);
      anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
    }
    return anchors;
  }

  static String slug(String headingText) {
    // A link in a heading contributes its text only.
    String text = INLINE_LINK.matcher(headingText).replaceAll("$1");
    StringBuilder slug = new StringBuilder();
    text.toLowerCase(Locale.ROOT)
        .codePoints()
        .forEach(
            c -> {
              if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                slug.appendCodePoint(c);
              } else if (c == ' ') {
                slug.append('-');
              }
            });
    return slug.toString();
  }

  private void check(Path root, Path page, List<String> problems) {
    String name = root.relativize(page).toString();
    String[] lines = blankCodeSpans(blankComments(blankFences(read(page)))).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      List<String> targets = new ArrayList<>();
      Matcher link = INLINE_LINK.matcher(lines[i]);
      while (link.find()) {
        targets.add(link.group(2));
      }
      Matcher definition = REFERENCE_DEFINITION.matcher(lines[i]);
      if (definition.find()) {
        targets.add(definition.group(1));
      }
      for (String target : targets) {
        String problem = resolve(root, page, target);
        if (problem != null) {
          problems.add(name + ":" + (i + 1) + ": link (" + target + ") " + problem);
        }
      }
    }
  }

  /** Why {@code target}, linked from {@code page}, does not resolve; null when it does. */
  private String resolve(Path root, Path page, String target) {
    if (target.isEmpty()) {
      return "is empty";
    }
    if (SCHEME.matcher(target).find() || target.startsWith("//")) {
      return null;
    }
    int hash = target.indexOf('#');
    String file = hash < 0 ? target : target.substring(0, hash);
    String fragment = hash < 0 ? null : target.substring(hash + 1);
    Path resolved;
    if (file.isEmpty()) {
      resolved = page;
    } else if (file.startsWith("/")) {
      resolved = root.resolve(file.substring(1)).normalize();
    } else {
      resolved = page.getParent().resolve(decode(file)).normalize();
    }
    if (!resolved.startsWith(root)) {
      return "points outside the repository";
    }
    if (!Files.exists(resolved)) {
      return "names " + root.relativize(resolved) + ", which does not exist";
    }
    if (fragment == null) {
      return null;
    }
    if (!resolved.getFileName().toString().endsWith(".md") || Files.isDirectory(resolved)) {
      return "has an anchor, but " + root.relativize(resolved) + " is not a Markdown page";
    }
    Set<String> anchors = anchorsByPage.computeIfAbsent(resolved, MarkdownLinks::anchorsOf);
    if (!anchors.contains(decode(fragment))) {
      return "names the anchor #"
          + fragment
          + ", which "
          + root.relativize(resolved)
          + " does not have (its headings give: "
          + String.join(", ", anchors)
          + ")";
    }
    return null;
  }

  private static Set<String> anchorsOf(Path page) {
    String text = read(page);
    Set<String> anchors = new LinkedHashSet<>(headingAnchors(text));
    for (String line : blankComments(blankFences(text)).split("\n", -1)) {
      Matcher html = HTML_ANCHOR.matcher(line);
      while (html.find()) {
        anchors.add(html.group(1));
      }
    }
    return anchors;
  }

  private static String decode(String part) {
    return java.net.URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String read(Path page) {
    try {
      return Files.readString(page, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The page with its fenced code blocks and code spans blanked out, every other character where it
   * was: what a reader sees as prose (and HTML comments), for checks that must not count examples.
   */
  static String withoutCode(String markdown) {
    return blankCodeSpans(blankFences(markdown));
  }

  /**
   * The page with the lines of fenced code blocks blanked, so offsets and line numbers stay right.
   */
  private static String blankFences(String markdown) {
    String[] lines = markdown.split("\n", -1);
    String fence = null;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (fence == null) {
        Matcher opening = FENCE.matcher(line);
        if (opening.find()) {
          fence = opening.group(1);
          lines[i] = " ".repeat(line.length());
        }
        continue;
      }
      String stripped = line.strip();
      char fenceChar = fence.charAt(0);
      if (stripped.length() >= fence.length() && stripped.chars().allMatch(c -> c == fenceChar)) {
        fence = null;
      }
      lines[i] = " ".repeat(line.length());
    }
    return String.join("\n", lines);
  }

  /** HTML comments replaced by spaces, keeping the line breaks so line numbers stay right. */
  private static String blankComments(String markdown) {
    StringBuilder out = new StringBuilder(markdown);
    int start = markdown.indexOf("<!--");
    while (start >= 0) {
      int end = markdown.indexOf("-->", start + 4);
      int stop = end < 0 ? markdown.length() : end + 3;
      for (int i = start; i < stop; i++) {
        if (out.charAt(i) != '\n') {
          out.setCharAt(i, ' ');
        }
      }
      start = end < 0 ? -1 : markdown.indexOf("<!--", stop);
    }
    return out.toString();
  }

  /**
   * The text with the content of its code spans (`…`, ``…``) blanked out, line breaks kept: a link
   * inside one is text. A span may continue on the next line but never past a blank line.
   */
  private static String blankCodeSpans(String text) {
    StringBuilder out = new StringBuilder(text);
    int i = 0;
    while (i < text.length()) {
      if (text.charAt(i) != '`') {
        i++;
        continue;
      }
      int run = 0;
      while (i + run < text.length() && text.charAt(i + run) == '`') {
        run++;
      }
      int paragraphEnd = text.indexOf("\n\n", i);
      int limit = paragraphEnd < 0 ? text.length() : paragraphEnd;
      int close = closingRun(text, i + run, run, limit);
      if (close < 0) {
        i += run;
        continue;
      }
      for (int k = i; k < close + run; k++) {
        if (out.charAt(k) != '\n') {
          out.setCharAt(k, ' ');
        }
      }
      i = close + run;
    }
    return out.toString();
  }

  /** Where a run of exactly {@code run} backticks starts at or after {@code from}; -1 if none. */
  private static int closingRun(String text, int from, int run, int limit) {
    int k = from;
    while (k < limit) {
      if (text.charAt(k) != '`') {
        k++;
        continue;
      }
      int length = 0;
      while (k + length < text.length() && text.charAt(k + length) == '`') {
        length++;
      }
      if (length == run && k + length <= limit) {
        return k;
      }
      k += length;
    }
    return -1;
  }
}
