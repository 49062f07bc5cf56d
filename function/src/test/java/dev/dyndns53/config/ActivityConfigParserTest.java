package dev.dyndns53.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ActivityConfigParserTest {
  private static String config(String hostExtra, String userExtra, String rootExtra) {
    return """
        {"hosts": {"home.example.com": {"zoneId": "Z1"%s}, "nas.example.com": {"zoneId": "Z1"}},
         "users": {"alice": {"hosts": ["home.example.com", "nas.example.com"]%s},
                   "bob": {"hosts": ["nas.example.com"]}}%s}
        """
        .formatted(hostExtra, userExtra, rootExtra);
  }

  @Test
  void defaults_whenNoKeyIsGiven() {
    ActivityConfig activity = ConfigParser.parse("t.json", config("", "", "")).activity();

    assertEquals(400, activity.historyDays());
    assertTrue(activity.keepSourceAddress());
    assertEquals(3, activity.silentDays());
    assertEquals(ActivityConfig.UserSettings.NONE, activity.user("alice"));
  }

  @Test
  void readsEveryKey() {
    ActivityConfig activity =
        ConfigParser.parse(
                "t.json",
                config(
                    ", \"email\": [\"ops@example.com\", \"ana@example.com\"]",
                    ", \"email\": \"alice@example.com\", \"webhook\": \"https://push.example.com/x?token=t\", \"admin\": true",
                    ", \"history\": {\"days\": 90, \"sourceAddress\": false}, \"notify\": {\"silentDays\": 7}"))
            .activity();

    assertEquals(90, activity.historyDays());
    assertFalse(activity.keepSourceAddress());
    assertEquals(7, activity.silentDays());
    assertEquals(
        List.of("ops@example.com", "ana@example.com"),
        activity.hostEmails().get("home.example.com"));
    ActivityConfig.UserSettings alice = activity.user("alice");
    assertEquals(List.of("alice@example.com"), alice.emails());
    assertEquals(Optional.of(URI.create("https://push.example.com/x?token=t")), alice.webhook());
    assertTrue(alice.admin());
    assertFalse(activity.user("bob").admin());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "|, \"email\": \"not-an-address\"||users.alice.email \"not-an-address\" is not an email address",
        "|, \"webhook\": \"http://push.example.com/x?token=SECRET\"||users.alice.webhook is not a usable webhook URL",
        "|, \"admin\": \"yes\"||users.alice.admin must be true or false",
        ", \"email\": 5|||hosts.\"home.example.com\".email \"5\" is not an email address",
        "||, \"history\": {\"days\": 0}|history.days must be a whole number from 1 to 3653",
        "||, \"history\": {\"keep\": 1}|history.keep is not a known key",
        "||, \"notify\": {\"silentDays\": 30}, \"history\": {\"days\": 30}|notify.silentDays 30 is not shorter than history.days",
      })
  void problems_nameTheKeyAndTheFix(String host, String user, String root, String expected) {
    ConfigException thrown =
        assertThrows(
            ConfigException.class,
            () ->
                ConfigParser.parse(
                    "t.json",
                    config(
                        host == null ? "" : host,
                        user == null ? "" : user,
                        root == null ? "" : root)));

    String message = String.join("\n", thrown.problems());
    assertTrue(message.contains("t.json: " + expected), message);
    assertFalse(message.contains("SECRET"), "a webhook's token stays out of messages: " + message);
  }

  @Test
  void plainHttpWebhook_isAcceptedForLocalhost() {
    ActivityConfig activity =
        ConfigParser.parse(
                "t.json", config("", ", \"webhook\": \"http://127.0.0.1:8080/hook\"", ""))
            .activity();

    assertEquals(
        Optional.of(URI.create("http://127.0.0.1:8080/hook")), activity.user("alice").webhook());
  }
}
