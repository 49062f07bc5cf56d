package dev.dyndns53.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ListingOrderTest {

  @Test
  void route53Order_reversesLabels_andSortsAHyphenatedLabelBeforeItsPrefix() {
    List<String> names =
        new ArrayList<>(
            List.of(
                "b.example.com.",
                "sub.a.example.com.",
                "a.example.com.",
                "example.com.",
                "a-b.example.com."));

    names.sort(ListingOrder.ROUTE53);

    // As Route 53 documents it: com.example. < com.example.a-b. < com.example.a. < ...
    assertEquals(
        List.of(
            "example.com.",
            "a-b.example.com.",
            "a.example.com.",
            "sub.a.example.com.",
            "b.example.com."),
        names);
  }

  @ParameterizedTest
  @CsvSource({
    "home.example.com.,     zz.example.com.,    true",
    "example.com.,          home.example.com.,  true",
    "home.example.com.,     sub.home.example.com., true",
    // Route 53 and moto disagree on these two: neither is certain.
    "a-b.example.com.,      a.example.com.,     false",
    "a.example.com.,        a-b.example.com.,   false",
    // A wildcard lists as \\052: '*' sorts before digits, '\\' after them; neither is certain.
    "\\052.example.com.,    0a.example.com.,    false",
    "0a.example.com.,       \\052.example.com., false",
    // Both '*' and '\\' sort before lower-case letters.
    "\\052.example.com.,    home.example.com.,  true",
  })
  void certainlyBefore_onlyWhenEveryPlausibleOrderAgrees(String a, String b, boolean expected) {
    assertEquals(expected, ListingOrder.certainlyBefore(a, b));
  }

  @Test
  void certainlyBefore_isFalseForTheSameName() {
    assertFalse(ListingOrder.certainlyBefore("home.example.com.", "home.example.com."));
    assertTrue(ListingOrder.certainlyBefore("a.example.com.", "b.example.com."));
  }
}
