package dev.dyndns53.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code api.throttling}: per-method limits that add up to what the configuration says. */
class ApiThrottlingConfigTest {
  private static ApiThrottling parse(String throttling) {
    return ConfigParser.parse(
            "c.json",
            "{\"hosts\": {\"home.example.com\": {\"zoneId\": \"Z123\"}},"
                + " \"users\": {\"alice\": {\"hosts\": [\"home.example.com\"]}},"
                + " \"api\": {\"throttling\": "
                + throttling
                + "}}")
        .api()
        .throttling();
  }

  private static List<String> problems(String throttling) {
    return assertThrows(ConfigException.class, () -> parse(throttling)).problems();
  }

  @Test
  void defaults_updateGetAndPostSumToFivePerSecondAndBurstTen_checkipAndAcmeLower() {
    ApiThrottling throttling = parse("{}");

    assertEquals(new ApiThrottling.Limit(4, 8), throttling.updateGet());
    assertEquals(new ApiThrottling.Limit(1, 2), throttling.updatePost());
    assertEquals(new ApiThrottling.Limit(1, 2), throttling.checkip());
    assertEquals(new ApiThrottling.Limit(1, 2), throttling.acmeEach());
    assertEquals(new ApiThrottling.Limit(1, 5), throttling.status());
    assertEquals(new ApiThrottling.Limit(9, 21), throttling.total(true));
    assertEquals(new ApiThrottling.Limit(7, 17), throttling.total(false));
  }

  @Test
  void status_isReadFromItsOwnKey_andAnUnknownKeyUnderItIsNamed() {
    assertEquals(
        new ApiThrottling.Limit(0.5, 3),
        parse("{\"status\": {\"rateLimit\": 0.5, \"burstLimit\": 3}}").status());
    assertEquals(
        List.of(
            "c.json: api.throttling.status.rate is not a known key; the keys here are rateLimit,"
                + " burstLimit (check the spelling against docs/configuration.md)"),
        problems("{\"status\": {\"rate\": 2}}"));
  }

  @ParameterizedTest
  @CsvSource({
    "5, 10, 0.2, 4, 8, 1, 2",
    "5, 10, 0.5, 2.5, 5, 2.5, 5",
    "2, 2, 0.05, 1.9, 1, 0.1, 1",
    "100, 200, 0.25, 75, 150, 25, 50"
  })
  void update_isSplitBetweenGetAndPost_soTheTwoAddUpToTheConfiguredLimits(
      double rate,
      int burst,
      double postShare,
      double getRate,
      int getBurst,
      double postRate,
      int postBurst) {
    ApiThrottling throttling =
        parse(
            "{\"update\": {\"rateLimit\": "
                + rate
                + ", \"burstLimit\": "
                + burst
                + ", \"postShare\": "
                + postShare
                + "}}");

    assertEquals(new ApiThrottling.Limit(getRate, getBurst), throttling.updateGet());
    assertEquals(new ApiThrottling.Limit(postRate, postBurst), throttling.updatePost());
    assertEquals(rate, throttling.updateGet().rateLimit() + throttling.updatePost().rateLimit());
    assertEquals(burst, throttling.updateGet().burstLimit() + throttling.updatePost().burstLimit());
  }

  @Test
  void earlierReleasesKeys_directlyUnderThrottling_stillMeanTheUpdateEndpoints() {
    ApiThrottling throttling =
        parse(
            "{\"rateLimit\": 2, \"burstLimit\": 4, \"checkip\": {\"rateLimit\": 0.5, \"burstLimit\": 1}}");

    assertEquals(new ApiThrottling.Limit(2, 4), throttling.update());
    assertEquals(new ApiThrottling.Limit(0.5, 1), throttling.checkip());
  }

  @Test
  void bothShapesAtOnce_isRefusedWithTheFix() {
    assertEquals(
        List.of(
            "c.json: api.throttling sets the update endpoint's limits twice: give them in"
                + " \"update\" (rateLimit, burstLimit) or, as earlier releases did, directly under"
                + " \"throttling\", not both"),
        problems("{\"rateLimit\": 2, \"update\": {\"rateLimit\": 3}}"));
  }

  @Test
  void aBurstSharedByTwoMethods_mustBeAtLeastTwo() {
    List<String> found = problems("{\"acme\": {\"burstLimit\": 1}}");
    assertEquals(1, found.size(), found.toString());
    assertEquals(true, found.get(0).contains("api.throttling.acme.burstLimit"), found.toString());
    assertEquals(
        true, found.get(0).contains("at least 2 (it is shared by two methods)"), found.toString());
  }

  @Test
  void postShareOutsideItsRange_andUnknownKeys_areRefused() {
    List<String> found =
        problems(
            "{\"update\": {\"postShare\": 1.0, \"ratelimit\": 3}, \"checkip\": {\"postShare\": 0.5}}");
    assertEquals(3, found.size(), found.toString());
    assertEquals(
        true,
        found.stream().anyMatch(p -> p.contains("api.throttling.update.postShare")),
        found.toString());
    assertEquals(
        true,
        found.stream()
            .anyMatch(p -> p.contains("api.throttling.update.ratelimit is not a known key")),
        found.toString());
    assertEquals(
        true,
        found.stream()
            .anyMatch(p -> p.contains("api.throttling.checkip.postShare is not a known key")),
        found.toString());
  }
}
