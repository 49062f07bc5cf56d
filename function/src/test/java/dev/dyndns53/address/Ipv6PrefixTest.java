package dev.dyndns53.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Ipv6PrefixTest {
  private static IpAddress ip(String text) {
    return IpAddress.parse(text).orElseThrow();
  }

  @ParameterizedTest(name = "{0}/{1} + {2} = {3}")
  @CsvSource({
    "2001:db8:20:1::, 64, ::1:2:3:4, 2001:db8:20:1:1:2:3:4",
    "2001:db8:20:1::99, 64, ::1:2:3:4, 2001:db8:20:1:1:2:3:4",
    "2001:db8:20:100::, 56, ::1:2:3:4, 2001:db8:20:100:1:2:3:4",
    "2001:db8:20:1ff::, 56, ::1:2:3:4, 2001:db8:20:100:1:2:3:4",
    "2001:db8:20::, 48, ::1:2:3:4, 2001:db8:20:0:1:2:3:4",
    "2001:db8:20:1::, 64, ::ffff:ffff:ffff:ffff, 2001:db8:20:1:ffff:ffff:ffff:ffff",
    "2001:db8:20:1::, 64, ::5, 2001:db8:20:1::5",
    "2001:db8:20:1:0:ffff::, 96, ::5, 2001:db8:20:1:0:ffff:0:5",
    "2001:db8:20:1:1:2:3:0, 127, ::1, 2001:db8:20:1:1:2:3:1",
    "2001:db8:20:1::, 80, ::1:2:3:4, -",
    "2001:db8:20:1::, 96, ::1:0:5, -",
    "2001:db8:20:1::, 128, ::1, -",
    "2001:db8:20:1::, 64, 203.0.113.7, -",
  })
  void withInterfaceId_putsTheIdInTheHostPartOnlyWhenItFits(
      String address, int length, String interfaceId, String expected) {
    Optional<IpAddress> combined =
        Ipv6Prefix.of(ip(address), length).withInterfaceId(ip(interfaceId));

    assertEquals(expected, combined.map(IpAddress::toString).orElse("-"));
  }

  @Test
  void of_dropsTheBitsAfterThePrefix_andPrintsWithItsLength() {
    assertEquals("2001:db8:20::/52", Ipv6Prefix.of(ip("2001:db8:20:fff::1"), 52).toString());
  }

  @Test
  void constructor_refusesHostBitsAndIpv4() {
    assertThrows(IllegalArgumentException.class, () -> new Ipv6Prefix(ip("2001:db8::1"), 64));
    assertThrows(IllegalArgumentException.class, () -> new Ipv6Prefix(ip("203.0.113.0"), 24));
  }
}
