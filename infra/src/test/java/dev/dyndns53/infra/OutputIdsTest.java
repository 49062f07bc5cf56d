package dev.dyndns53.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputIdsTest {
  @Test
  void userNames_becomeReadableAlphanumericIds() {
    assertEquals(Map.of("edgerouter", "Edgerouter", "office-unifi", "OfficeUnifi", "fritz.box@home", "FritzBoxHome",
            "router_2", "Router2"),
        OutputIds.forUsers(List.of("edgerouter", "office-unifi", "fritz.box@home", "router_2")));
  }

  @Test
  void namesThatWouldCollide_getDistinctStableIds() {
    Map<String, String> ids = OutputIds.forUsers(List.of("a.b", "a-b", "ab"));

    assertNotEquals(ids.get("a.b"), ids.get("a-b"));
    assertEquals(3, ids.values().stream().distinct().count());
    assertEquals(ids, OutputIds.forUsers(List.of("ab", "a-b", "a.b")));
    ids.values().forEach(id -> assertTrue(id.matches("[A-Za-z0-9]+"), id));
  }

  @Test
  void aNameWithoutLettersOrDigits_stillGetsAnId() {
    String id = OutputIds.forUsers(List.of("._-")).get("._-");

    assertTrue(id.matches("[A-Za-z0-9]+"), id);
  }
}
