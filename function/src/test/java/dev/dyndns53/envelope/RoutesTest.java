package dev.dyndns53.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoutesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "/nic/update, UPDATE",
    "/v1/nic/update, UPDATE",
    "/checkip, CHECKIP",
    "/v1/checkip, CHECKIP",
    "/prod-2/checkip, CHECKIP",
    "/acme/present, ACME_PRESENT",
    "/v1/acme/present, ACME_PRESENT",
    "/acme/cleanup, ACME_CLEANUP",
    "/v1/acme/cleanup, ACME_CLEANUP",
  })
  void match_findsTheRouteWithOrWithoutAStage(String path, Routes expected) {
    assertEquals(Optional.of(expected), Routes.match(path));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "/",
    "/acme",
    "/acme/",
    "/v1/v2/checkip",
    "/checkip/x",
    "/acmepresent",
    "checkip",
    "/v1/acme/present/x"
  })
  void match_anyOtherPath_isNoRoute_andServedAsTheUpdateAsBefore(String path) {
    assertEquals(Optional.empty(), Routes.match(path));
    assertEquals(Routes.UPDATE, Routes.of(path));
  }

  @ParameterizedTest(name = "{0} {1}: {2}")
  @CsvSource({
    "UPDATE, GET, true",
    "UPDATE, POST, true",
    "UPDATE, PUT, false",
    "CHECKIP, GET, true",
    "CHECKIP, POST, false",
    "ACME_PRESENT, POST, true",
    "ACME_PRESENT, GET, false",
    "ACME_CLEANUP, POST, true",
    "ACME_CLEANUP, DELETE, false",
  })
  void serves_onlyTheMethodsTheApiDefines(Routes route, String method, boolean served) {
    assertEquals(served, route.serves(method));
  }
}
