package dev.dyndns53.infra;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whole-template checks for what must never be anywhere in it. They walk the parsed template rather
 * than searching its text, and each reports what it found, so a failure names the culprit.
 */
final class TemplateScans {
  /** Tokens of 20 or more letters and digits mixing upper case, lower case and digits. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9]{20,}");

  private TemplateScans() {}

  /** Calls {@code visit(path, value)} for every map, list and scalar in the tree. */
  static void walk(Object node, String path, BiConsumer<String, Object> visit) {
    visit.accept(path, node);
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> walk(v, path + "/" + k, visit));
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        walk(list.get(i), path + "[" + i + "]", visit);
      }
    }
  }

  /**
   * Every string (keys included) that contains a long random-looking token, such as a generated
   * password, once the template's own identifiers are taken out: logical ids (which end in a hash)
   * and the configured hosted zone ids. CDK's usage metadata resource is compressed data and is
   * skipped.
   */
  @SuppressWarnings("unchecked")
  static List<String> passwordLikeStrings(
      Map<String, Object> template, Collection<String> knownIds) {
    Set<String> identifiers = new LinkedHashSet<>(knownIds);
    for (String section :
        List.of("Resources", "Outputs", "Parameters", "Conditions", "Rules", "Mappings")) {
      Object entries = template.get(section);
      if (entries instanceof Map<?, ?> map) {
        map.keySet().forEach(k -> identifiers.add(String.valueOf(k)));
      }
    }
    // CDK names a nested stack's parameters after the parent's resources they carry
    // ("referenceto<Stack><LogicalId>Arn"): identifiers too.
    Object allResources = template.get("Resources");
    if (allResources instanceof Map<?, ?> byId) {
      for (Object resource : byId.values()) {
        if (resource instanceof Map<?, ?> r
            && "AWS::CloudFormation::Stack".equals(r.get("Type"))
            && r.get("Properties") instanceof Map<?, ?> properties
            && properties.get("Parameters") instanceof Map<?, ?> parameters) {
          parameters.keySet().forEach(k -> identifiers.add(String.valueOf(k)));
        }
      }
    }
    List<String> longestFirst = new ArrayList<>(identifiers);
    longestFirst.sort(Comparator.comparingInt(String::length).reversed());

    List<String> found = new ArrayList<>();
    Map<String, Object> resources =
        (Map<String, Object>) template.getOrDefault("Resources", Map.of());
    Map<String, Object> scanned = new java.util.LinkedHashMap<>(template);
    Map<String, Object> keptResources = new java.util.LinkedHashMap<>();
    resources.forEach(
        (id, r) -> {
          if (!"AWS::CDK::Metadata".equals(((Map<String, Object>) r).get("Type"))) {
            keptResources.put(id, r);
          }
        });
    scanned.put("Resources", keptResources);
    walk(
        scanned,
        "",
        (path, node) -> {
          List<String> strings = new ArrayList<>();
          if (node instanceof String s) {
            strings.add(s);
          } else if (node instanceof Map<?, ?> map) {
            map.keySet().forEach(k -> strings.add(String.valueOf(k)));
          }
          for (String s : strings) {
            String rest = s;
            for (String id : longestFirst) {
              rest = rest.replace(id, " ");
            }
            Matcher m = TOKEN.matcher(rest);
            while (m.find()) {
              String token = m.group();
              if (token.chars().anyMatch(Character::isUpperCase)
                  && token.chars().anyMatch(Character::isLowerCase)
                  && token.chars().anyMatch(Character::isDigit)) {
                found.add(path + ": " + s);
              }
            }
          }
        });
    return found;
  }

  /**
   * Paths of every Resource or NotResource that is, or lists, "*", except a statement that allows
   * exactly {@link PermissionStatements#BATCH_READ_SECRETS} and nothing else (that action accepts
   * no other resource; see there why it is harmless).
   */
  static List<String> wildcardResources(Map<String, Object> template) {
    List<String> found = new ArrayList<>();
    walk(
        template,
        "",
        (path, node) -> {
          if (node instanceof Map<?, ?> map
              && !isAloneOnStar(map, PermissionStatements.BATCH_READ_SECRETS)
              && !isAloneOnStar(map, SecretProvisioner.GENERATE_PASSWORD)) {
            for (String key : List.of("Resource", "NotResource")) {
              Object value = map.get(key);
              if ("*".equals(value) || (value instanceof List<?> list && list.contains("*"))) {
                found.add(path + "/" + key);
              }
            }
          }
        });
    return found;
  }

  /**
   * A statement allowing one action that has no resource type, and nothing else: {@code
   * BatchGetSecretValue} (see {@link PermissionStatements#BATCH_READ_SECRETS}) and {@code
   * GetRandomPassword} (see {@link SecretProvisioner#GENERATE_PASSWORD}).
   */
  private static boolean isAloneOnStar(Map<?, ?> statement, String onlyAction) {
    Object action = statement.get("Action");
    return "Allow".equals(statement.get("Effect"))
        && statement.get("NotResource") == null
        && (onlyAction.equals(action) || List.of(onlyAction).equals(action));
  }

  /** Every IAM statement (a map with Effect and Action), wherever it sits. */
  static List<Map<String, Object>> statements(Map<String, Object> template) {
    List<Map<String, Object>> found = new ArrayList<>();
    walk(
        template,
        "",
        (path, node) -> {
          if (node instanceof Map<?, ?> map
              && map.containsKey("Effect")
              && map.containsKey("Action")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> statement = (Map<String, Object>) map;
            found.add(statement);
          }
        });
    return found;
  }

  static List<String> actions(Map<String, Object> statement) {
    Object action = statement.get("Action");
    return action instanceof List<?> list
        ? list.stream().map(String::valueOf).toList()
        : List.of(String.valueOf(action));
  }

  /** Whether an IAM action pattern (with * and ?) covers {@code action}, case-insensitively. */
  static boolean covers(String pattern, String action) {
    String regex =
        ("\\Q" + pattern.toLowerCase() + "\\E").replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
    return action.toLowerCase().matches(regex);
  }

  /**
   * Statements that allow route53:ChangeResourceRecordSets (by name or wildcard) without both the
   * ForAllValues:StringEquals list of record names and the Null test that the key is present.
   */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> unconditionedRecordChanges(Map<String, Object> template) {
    List<Map<String, Object>> found = new ArrayList<>();
    for (Map<String, Object> statement : statements(template)) {
      boolean grantsChange =
          actions(statement).stream().anyMatch(a -> covers(a, "route53:ChangeResourceRecordSets"));
      if (!grantsChange || !"Allow".equals(statement.get("Effect"))) {
        continue;
      }
      Map<String, Object> condition =
          (Map<String, Object>) statement.getOrDefault("Condition", Map.of());
      Map<String, Object> forAll =
          (Map<String, Object>) condition.getOrDefault("ForAllValues:StringEquals", Map.of());
      Map<String, Object> isNull = (Map<String, Object>) condition.getOrDefault("Null", Map.of());
      Object names = forAll.get(PermissionStatements.NORMALIZED_NAMES);
      boolean named =
          names instanceof List<?> list
              && !list.isEmpty()
              && list.stream().noneMatch(n -> String.valueOf(n).contains("*"));
      boolean present = "false".equals(isNull.get(PermissionStatements.NORMALIZED_NAMES));
      if (!named || !present) {
        found.add(statement);
      }
    }
    return found;
  }
}
