package dev.dyndns53.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.dyndns53.Dyndns53;
import dev.dyndns53.config.ConfigParser;
import dev.dyndns53.credentials.SecretsManagerCredentialStore;
import dev.dyndns53.records.Route53RecordStore;
import dev.dyndns53.testing.MotoServer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * A LAN host that follows the router's IPv6 prefix ({@code "ipv6InterfaceId"}), end to end on the
 * real SDK clients against moto: what moto holds after a Fritz!Box-shaped request that sends the
 * router's IPv4 address and its LAN prefix.
 */
class Ipv6LanHostIT {
  @RegisterExtension static final MotoServer moto = new MotoServer();

  private static final String PREFIX = "dyndns53/Test/";
  private static final String PASSWORD = "Fz8qT2mLw9nRs4VxY6bCd3eGh7jKp5Na";

  private final List<String> log = new ArrayList<>();
  private String zoneId;
  private Route53RecordStore route53;
  private UpdateHandler handler;

  @BeforeEach
  void deploy() {
    zoneId = moto.createHostedZone("example.com");
    moto.createSecret(PREFIX + "fritzbox", "fritzbox", PASSWORD);
    String config =
        """
        {"hosts": {
           "fritz.example.com": {"zoneId": "%1$s"},
           "nas.example.com":   {"zoneId": "%1$s", "recordTypes": ["AAAA"], "ipv6InterfaceId": "::1:2:3:4"}},
         "users": {"fritzbox": {"hosts": ["fritz.example.com", "nas.example.com"]}}}
        """
            .formatted(zoneId);
    route53 = new Route53RecordStore(moto.route53());
    handler =
        new UpdateHandler(
            Dyndns53.of(
                    ConfigParser.parse("it.json", config),
                    new SecretsManagerCredentialStore(moto.secretsManager(), PREFIX),
                    route53,
                    Clock.systemUTC(),
                    log::add)
                .envelope());
  }

  private APIGatewayProxyResponseEvent fritzBox(String myip) {
    return handler.handleRequest(
        ProxyEventBuilder.get()
            .basicAuth("fritzbox", PASSWORD)
            .header("User-Agent", "Fritz!Box DDNS/1.0.1")
            .param("hostname", "fritz.example.com,nas.example.com")
            .param("myip", myip)
            .build(),
        null);
  }

  /** What moto holds for a name: type → "ttl value[,value]". */
  private Map<String, String> records(String name) {
    Map<String, String> out = new TreeMap<>();
    for (ResourceRecordSet set : moto.recordSets(zoneId, name)) {
      out.put(
          set.typeAsString(),
          set.ttl()
              + " "
              + String.join(
                  ",", set.resourceRecords().stream().map(ResourceRecord::value).toList()));
    }
    return out;
  }

  @Test
  void lanPrefix_writesTheRoutersARecordAndTheNasPrefixPlusInterfaceId() {
    APIGatewayProxyResponseEvent response = fritzBox("198.51.100.20,2001:db8:20:1::/64");

    assertEquals(200, response.getStatusCode());
    assertEquals("good 198.51.100.20\ngood 2001:db8:20:1:1:2:3:4\n", response.getBody());
    assertEquals(Map.of("A", "60 198.51.100.20"), records("fritz.example.com"));
    assertEquals(Map.of("AAAA", "60 2001:db8:20:1:1:2:3:4"), records("nas.example.com"));
  }

  @Test
  void newLanPrefix_movesTheNas_andMotoHoldsOnlyTheNewAddress() {
    fritzBox("198.51.100.20,2001:db8:20:1::/64");

    APIGatewayProxyResponseEvent response = fritzBox("198.51.100.20,2001:db8:77:1::/64");

    assertEquals("nochg 198.51.100.20\ngood 2001:db8:77:1:1:2:3:4\n", response.getBody());
    assertEquals(Map.of("AAAA", "60 2001:db8:77:1:1:2:3:4"), records("nas.example.com"));
  }

  @Test
  void samePrefixAgain_isNochgFromOneReadOfTheZone() {
    fritzBox("198.51.100.20,2001:db8:20:1::/64");
    long before = route53.callCount();

    APIGatewayProxyResponseEvent response = fritzBox("198.51.100.20,2001:db8:20:1::/64");

    assertEquals("nochg 198.51.100.20\nnochg 2001:db8:20:1:1:2:3:4\n", response.getBody());
    // nochg only from a read made during the request: both hosts in one listing, no write.
    assertEquals(1, route53.callCount() - before);
  }

  @Test
  void prefixAlone_isRefusedForTheRouterHost_andWrittenForTheNas() {
    APIGatewayProxyResponseEvent response = fritzBox("2001:db8:20:1::/64");

    assertEquals("badagent\ngood 2001:db8:20:1:1:2:3:4\n", response.getBody());
    assertEquals(Map.of(), records("fritz.example.com"));
    assertEquals(Map.of("AAAA", "60 2001:db8:20:1:1:2:3:4"), records("nas.example.com"));
    String line = log.get(log.size() - 1);
    assertTrue(line.contains("2001:db8:20:1::/64 (a prefix, not an address"), line);
  }
}
