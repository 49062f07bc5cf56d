package dev.dyndns53.docs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark figures in the documentation, and the check that prose quoting one still says what the
 * latest generated table says.
 *
 * <p>{@code npm run bench} writes its table into {@code docs/performance.md} between {@value
 * #BEGIN} and {@value #END}, every figure in it marked with its name: {@code <!--
 * bench:cold.shipped.median -->1271}. Prose anywhere in the documentation quotes a figure in the
 * same form; GitHub renders only the value. A quote whose value differs from the generated one, or
 * that names a figure the table does not have, is a problem: the prose went stale when the
 * benchmark was run again.
 */
public final class BenchFigures {

  /** Starts the region {@code npm run bench} rewrites. */
  public static final String BEGIN = "<!-- bench:begin -->";

  /** Ends the region {@code npm run bench} rewrites. */
  public static final String END = "<!-- bench:end -->";

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]*");
  private static final Pattern BEGIN_LINE =
      Pattern.compile("^" + Pattern.quote(BEGIN) + "[ \\t]*$", Pattern.MULTILINE);
  private static final Pattern END_LINE =
      Pattern.compile("^" + Pattern.quote(END) + "[ \\t]*$", Pattern.MULTILINE);

  /**
   * A figure: a number with optional thousands separators and decimals, and an optional "×" for a
   * ratio. Units stay outside, so "1271 ms" quotes the figure 1271.
   */
  private static final Pattern MARKED =
      Pattern.compile(
          "<!-- bench:(" + NAME.pattern() + ") -->([0-9]+(?:,[0-9]{3})*(?:\\.[0-9]+)?×?)?");

  private BenchFigures() {}

  /** One figure in the generated table's form. */
  public static String mark(String name, String value) {
    if (!NAME.matcher(name).matches() || name.equals("begin") || name.equals("end")) {
      throw new IllegalArgumentException("not a usable figure name: " + name);
    }
    return "<!-- bench:" + name + " -->" + value;
  }

  /**
   * The page with its generated region replaced by {@code generated}.
   *
   * @throws IllegalArgumentException when the page does not hold exactly one region
   */
  public static String replaceGenerated(String page, String generated) {
    String visible = MarkdownLinks.withoutCode(page);
    Matcher begin = BEGIN_LINE.matcher(visible);
    Matcher end = END_LINE.matcher(visible);
    if (!begin.find() || !end.find(begin.end()) || begin.find() || end.find()) {
      throw new IllegalArgumentException(
          "the page must hold one "
              + BEGIN
              + " … "
              + END
              + " region, each marker on a line of its own, for the benchmark's table");
    }
    begin.reset().find();
    end.reset().find(begin.end());
    String body = generated.endsWith("\n") ? generated : generated + "\n";
    return page.substring(0, begin.end()) + "\n" + body + page.substring(end.start());
  }

  /**
   * Every problem with the benchmark figures of these pages, as sentences naming the page and the
   * figure; empty when every quote matches. {@code pages} maps a page's name to its text; exactly
   * one of them must hold the generated region.
   */
  public static List<String> problems(Map<String, String> pages) {
    List<String> problems = new ArrayList<>();
    Map<String, String> generated = new LinkedHashMap<>();
    String generatedPage = null;
    int[] generatedRegion = null;
    for (Map.Entry<String, String> page : pages.entrySet()) {
      int[] region = region(MarkdownLinks.withoutCode(page.getValue()));
      if (region == null) {
        continue;
      }
      if (generatedPage != null) {
        problems.add(
            page.getKey()
                + " holds a second generated region (the first is in "
                + generatedPage
                + ")");
        continue;
      }
      generatedPage = page.getKey();
      generatedRegion = region;
      if (region[1] < 0) {
        problems.add(page.getKey() + ": " + BEGIN + " has no " + END + " after it");
        continue;
      }
      Matcher figure = MARKED.matcher(page.getValue().substring(region[0], region[1]));
      while (figure.find()) {
        if (figure.group(2) == null) {
          problems.add(
              page.getKey()
                  + ": the generated figure "
                  + figure.group(1)
                  + " is not followed by a number");
        } else if (generated.putIfAbsent(figure.group(1), figure.group(2)) != null) {
          problems.add(page.getKey() + ": the generated table names " + figure.group(1) + " twice");
        }
      }
    }
    if (generatedPage == null) {
      problems.add("no page holds the benchmark's generated table (" + BEGIN + " … " + END + ")");
      return problems;
    }
    for (Map.Entry<String, String> page : pages.entrySet()) {
      String visible = MarkdownLinks.withoutCode(page.getValue());
      boolean holdsTable = page.getKey().equals(generatedPage);
      Matcher quote = MARKED.matcher(visible);
      while (quote.find()) {
        String name = quote.group(1);
        String value = quote.group(2);
        if (name.equals("begin")
            || name.equals("end")
            || (holdsTable
                && quote.start() >= generatedRegion[0]
                && (generatedRegion[1] < 0 || quote.start() < generatedRegion[1]))) {
          continue;
        }
        String where = page.getKey() + ":" + lineOf(visible, quote.start());
        if (value == null) {
          problems.add(where + ": the quote of " + name + " is not followed by a number");
        } else if (!generated.containsKey(name)) {
          problems.add(
              where
                  + ": quotes "
                  + name
                  + ", which the generated table in "
                  + generatedPage
                  + " does not have");
        } else if (!generated.get(name).equals(value)) {
          problems.add(
              where
                  + ": quotes "
                  + name
                  + " as "
                  + value
                  + ", but the generated table in "
                  + generatedPage
                  + " says "
                  + generated.get(name)
                  + "; update the prose to the new figure");
        }
      }
    }
    return problems;
  }

  /**
   * Where the generated region's content starts and ends in a page (its markers each on a line of
   * their own, outside code), or null when it has none; the end is -1 when {@link #END} is missing.
   */
  private static int[] region(String visible) {
    Matcher begin = BEGIN_LINE.matcher(visible);
    if (!begin.find()) {
      return null;
    }
    Matcher end = END_LINE.matcher(visible);
    return new int[] {begin.end(), end.find(begin.end()) ? end.start() : -1};
  }

  private static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
