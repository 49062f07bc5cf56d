package dev.dyndns53.testing;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The fixed credentials local endpoints accept; moto and the stand-in ignore the signature. */
public final class TestCredentials {
  public static final String ACCESS_KEY_ID = "testing";
  public static final String SECRET_ACCESS_KEY = "testing";

  private TestCredentials() {}

  public static AwsCredentialsProvider provider() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
  }
}
