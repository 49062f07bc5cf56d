package dev.dyndns53.testing;

import java.util.List;

/**
 * Route 53 response bodies in the exact shape of the samples in {@code aws-wire/}, for answers the
 * samples do not cover (routing-policy record sets, aliases, paging within one name). Serve them
 * with {@link AwsWireStandIn.Reply#xml}.
 */
public final class Route53WireXml {
  private static final String NAMESPACE = "https://route53.amazonaws.com/doc/2013-04-01/";

  private Route53WireXml() {}

  /** A complete, untruncated {@code ListResourceRecordSetsResponse}. */
  public static String listResponse(String... recordSets) {
    return listResponse(List.of(recordSets), null, null, null);
  }

  /**
   * A {@code ListResourceRecordSetsResponse}; truncated, with the given next record, when {@code
   * nextName} is not null.
   */
  public static String listResponse(
      List<String> recordSets, String nextName, String nextType, String nextIdentifier) {
    StringBuilder xml =
        new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .append("<ListResourceRecordSetsResponse xmlns=\"")
            .append(NAMESPACE)
            .append("\">\n  <ResourceRecordSets>\n");
    recordSets.forEach(xml::append);
    xml.append("  </ResourceRecordSets>\n");
    if (nextName == null) {
      xml.append("  <IsTruncated>false</IsTruncated>\n");
    } else {
      xml.append("  <IsTruncated>true</IsTruncated>\n")
          .append("  <NextRecordName>")
          .append(nextName)
          .append("</NextRecordName>\n")
          .append("  <NextRecordType>")
          .append(nextType)
          .append("</NextRecordType>\n");
      if (nextIdentifier != null) {
        xml.append("  <NextRecordIdentifier>")
            .append(nextIdentifier)
            .append("</NextRecordIdentifier>\n");
      }
    }
    return xml.append("  <MaxItems>8</MaxItems>\n</ListResourceRecordSetsResponse>\n").toString();
  }

  /** A simple record set. */
  public static String recordSet(String name, String type, long ttl, String... values) {
    return "    <ResourceRecordSet>\n"
        + "      <Name>"
        + name
        + "</Name>\n      <Type>"
        + type
        + "</Type>\n      <TTL>"
        + ttl
        + "</TTL>\n"
        + resourceRecords(values)
        + "    </ResourceRecordSet>\n";
  }

  /** A weighted record set (one with a set identifier). */
  public static String weightedRecordSet(
      String name, String type, String setIdentifier, long weight, long ttl, String... values) {
    return "    <ResourceRecordSet>\n"
        + "      <Name>"
        + name
        + "</Name>\n      <Type>"
        + type
        + "</Type>\n      <SetIdentifier>"
        + setIdentifier
        + "</SetIdentifier>\n      <Weight>"
        + weight
        + "</Weight>\n      <TTL>"
        + ttl
        + "</TTL>\n"
        + resourceRecords(values)
        + "    </ResourceRecordSet>\n";
  }

  /** An alias record set (no TTL, no values of its own). */
  public static String aliasRecordSet(
      String name, String type, String targetZoneId, String targetDnsName) {
    return "    <ResourceRecordSet>\n"
        + "      <Name>"
        + name
        + "</Name>\n      <Type>"
        + type
        + "</Type>\n      <AliasTarget>\n        <HostedZoneId>"
        + targetZoneId
        + "</HostedZoneId>\n        <DNSName>"
        + targetDnsName
        + "</DNSName>\n        <EvaluateTargetHealth>false</EvaluateTargetHealth>\n"
        + "      </AliasTarget>\n    </ResourceRecordSet>\n";
  }

  /** An {@code ErrorResponse} as Route 53 sends it. */
  public static String error(String type, String code, String message) {
    return "<?xml version=\"1.0\"?>\n<ErrorResponse xmlns=\""
        + NAMESPACE
        + "\"><Error><Type>"
        + type
        + "</Type><Code>"
        + code
        + "</Code><Message>"
        + message
        + "</Message></Error><RequestId>b3d152ee-4c60-11e6-b37d-d531c61ec201</RequestId>"
        + "</ErrorResponse>";
  }

  private static String resourceRecords(String... values) {
    StringBuilder xml = new StringBuilder("      <ResourceRecords>\n");
    for (String value : values) {
      xml.append("        <ResourceRecord><Value>")
          .append(value)
          .append("</Value></ResourceRecord>\n");
    }
    return xml.append("      </ResourceRecords>\n").toString();
  }
}
