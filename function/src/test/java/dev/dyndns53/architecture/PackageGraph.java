package dev.dyndns53.architecture;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

/**
 * Which package imports which, read from compiled classes by the JDK's own {@code jdeps}: what the
 * bytecode really references (types in signatures, fields, calls, annotations), not what import
 * lines say.
 */
final class PackageGraph {
  private static final Pattern EDGE = Pattern.compile("^\\s*(\\S+)\\s+->\\s+(\\S+)\\s");

  private final Map<String, Set<String>> imports;

  private PackageGraph(Map<String, Set<String>> imports) {
    this.imports = imports;
  }

  /**
   * The dependencies between the packages under {@code root} of the classes in {@code classes}.
   *
   * @param classes a directory of compiled classes
   * @param root a package name, such as {@code dev.dyndns53}; only packages at or under it count
   */
  static PackageGraph read(Path classes, String root) {
    ToolProvider jdeps =
        ToolProvider.findFirst("jdeps")
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "jdeps is missing: run the tests on a full JDK (21 or newer), not a JRE"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String under = Pattern.quote(root) + "(\\..*)?";
    int status =
        jdeps.run(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            "-verbose:package",
            "-filter:package",
            "-include",
            under + "\\.[^.]+",
            "-e",
            under,
            classes.toString());
    if (status != 0) {
      throw new IllegalStateException(
          "jdeps failed (" + status + "): " + err.toString(StandardCharsets.UTF_8));
    }
    Map<String, Set<String>> imports = new TreeMap<>();
    for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
      Matcher edge = EDGE.matcher(line);
      if (edge.find() && edge.group(2).startsWith(root)) {
        imports.computeIfAbsent(edge.group(1), p -> new TreeSet<>()).add(edge.group(2));
        imports.computeIfAbsent(edge.group(2), p -> new TreeSet<>());
      }
    }
    return new PackageGraph(imports);
  }

  /** Every package that imports or is imported, with what it imports. */
  Map<String, Set<String>> imports() {
    return imports;
  }

  /** The packages that import {@code target}. */
  Set<String> importersOf(String target) {
    Set<String> out = new TreeSet<>();
    imports.forEach(
        (from, to) -> {
          if (to.contains(target)) {
            out.add(from);
          }
        });
    return out;
  }

  /**
   * Each group of packages that import one another, directly or through others (a strongly
   * connected component of more than one package), in Tarjan's order.
   */
  List<Set<String>> cycles() {
    List<Set<String>> out = new ArrayList<>();
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    for (String start : imports.keySet()) {
      if (!index.containsKey(start)) {
        connect(start, index, low, stack, onStack, out);
      }
    }
    return out;
  }

  private void connect(
      String node,
      Map<String, Integer> index,
      Map<String, Integer> low,
      Deque<String> stack,
      Set<String> onStack,
      List<Set<String>> out) {
    index.put(node, index.size());
    low.put(node, index.get(node));
    stack.push(node);
    onStack.add(node);
    for (String next : imports.getOrDefault(node, Set.of())) {
      if (!index.containsKey(next)) {
        connect(next, index, low, stack, onStack, out);
        low.put(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.contains(next)) {
        low.put(node, Math.min(low.get(node), index.get(next)));
      }
    }
    if (low.get(node).equals(index.get(node))) {
      Set<String> component = new TreeSet<>();
      String member;
      do {
        member = stack.pop();
        onStack.remove(member);
        component.add(member);
      } while (!member.equals(node));
      if (component.size() > 1) {
        out.add(component);
      }
    }
  }

  /**
   * Every import of an entry-point package by a package that is not allowed to import it, as {@code
   * "importer -> entry point"}.
   *
   * @param entryPoints each entry-point package with the packages allowed to import it
   */
  List<String> entryPointImports(Map<String, Set<String>> entryPoints) {
    List<String> out = new ArrayList<>();
    entryPoints.forEach(
        (entryPoint, allowed) -> {
          for (String importer : importersOf(entryPoint)) {
            if (!allowed.contains(importer)) {
              out.add(importer + " -> " + entryPoint);
            }
          }
        });
    return out;
  }

  /**
   * Every import that {@code allowed} does not list, as {@code "importer -> imported"}; a package
   * missing from {@code allowed} may import nothing.
   */
  List<String> importsBeyond(Map<String, Set<String>> allowed) {
    List<String> out = new ArrayList<>();
    imports.forEach(
        (from, to) -> {
          for (String target : to) {
            if (!allowed.getOrDefault(from, Set.of()).contains(target)) {
              out.add(from + " -> " + target);
            }
          }
        });
    return out;
  }
}
