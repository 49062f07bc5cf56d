package dev.dyndns53.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's pebble (Let's Encrypt's ACME test server) as a child process on loopback, validating
 * DNS-01 against a given DNS server.
 *
 * <p>Debian's package ships the binary without the test certificates of pebble's repository ({@code
 * test/certs/}), so the HTTPS certificate of its ACME API is made here, per run, with the JDK's
 * keytool: a self-signed one for {@code localhost} and {@code 127.0.0.1}, which lego then trusts
 * through {@code LEGO_CA_CERTIFICATES}.
 *
 * <p>{@code PEBBLE_VA_NOSLEEP=1} skips the random wait before each validation and {@code
 * PEBBLE_WFE_NONCEREJECT=0} the random bad nonces, both of which pebble adds by default to shake
 * out client bugs; neither is what this suite tests.
 */
final class PebbleServer implements AutoCloseable {
  private static final Duration STARTUP_LIMIT = Duration.ofSeconds(30);

  private final Process process;
  private final int port;
  private final Path caCertificate;

  private PebbleServer(Process process, int port, Path caCertificate) {
    this.process = process;
    this.port = port;
    this.caCertificate = caCertificate;
  }

  /**
   * Starts pebble with its files in {@code directory}, validating against {@code dnsServer}
   * (host:port).
   */
  static PebbleServer start(Path directory, String dnsServer) {
    try {
      Files.createDirectories(directory);
      Path keystore = directory.resolve("pebble-tls.p12");
      Files.deleteIfExists(keystore);
      run(
          List.of(
              Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
              "-genkeypair",
              "-alias",
              "pebble",
              "-keyalg",
              "EC",
              "-groupname",
              "secp256r1",
              "-sigalg",
              "SHA256withECDSA",
              "-dname",
              "CN=localhost",
              "-ext",
              "san=dns:localhost,ip:127.0.0.1",
              "-validity",
              "2",
              "-storetype",
              "PKCS12",
              "-keystore",
              keystore.toString(),
              "-storepass",
              "pebble-test",
              "-keypass",
              "pebble-test"));
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keystore)) {
        store.load(in, "pebble-test".toCharArray());
      }
      Certificate certificate = store.getCertificate("pebble");
      PrivateKey key = (PrivateKey) store.getKey("pebble", "pebble-test".toCharArray());
      Path certificateFile =
          Files.writeString(
              directory.resolve("pebble-tls.crt"), pem("CERTIFICATE", certificate.getEncoded()));
      Path keyFile =
          Files.writeString(
              directory.resolve("pebble-tls.key"), pem("PRIVATE KEY", key.getEncoded()));

      int port = freePort();
      Path config =
          Files.writeString(
              directory.resolve("pebble-config.json"),
              """
          {"pebble": {"listenAddress": "127.0.0.1:%d", "managementListenAddress": "127.0.0.1:%d",
                      "certificate": "%s", "privateKey": "%s", "httpPort": %d, "tlsPort": %d,
                      "ocspResponderURL": "", "externalAccountBindingRequired": false}}
          """
                  .formatted(port, freePort(), certificateFile, keyFile, freePort(), freePort()));
      Path log = directory.resolve("pebble.log");
      ProcessBuilder builder =
          new ProcessBuilder("pebble", "-config", config.toString(), "-dnsserver", dnsServer)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().put("PEBBLE_VA_NOSLEEP", "1");
      builder.environment().put("PEBBLE_WFE_NONCEREJECT", "0");
      Process process = builder.start();
      long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
      while (!Files.readString(log).contains("Listening on")) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          process.destroyForcibly();
          throw new IllegalStateException(
              "pebble did not start; its output (" + log + "):\n" + Files.readString(log));
        }
        Thread.sleep(100);
      }
      return new PebbleServer(process, port, certificateFile);
    } catch (IOException | java.security.GeneralSecurityException e) {
      throw new IllegalStateException("could not set up pebble in " + directory, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The ACME directory URL, lego's {@code --server}. */
  String directoryUrl() {
    return "https://127.0.0.1:" + port + "/dir";
  }

  /** The certificate pebble's API presents, for lego's {@code LEGO_CA_CERTIFICATES}. */
  Path caCertificate() {
    return caCertificate;
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
