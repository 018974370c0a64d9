package quantlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/** Downloads a file into place only if its content has the expected SHA-256. */
final class Download {
  private Download() {}

  /**
   * Downloads {@code url} to a temporary file beside {@code target}, checks the SHA-256 of its
   * uncompressed bytes (gunzipped when the file is gzip) against {@code sha256}, then moves it to
   * {@code target} atomically; on any failure the temporary file is deleted and {@code target}
   * is left untouched.
   */
  static void verified(URI url, Path target, String sha256) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".part");
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NORMAL).build();
      HttpRequest req = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(5)).GET().build();
      HttpResponse<Path> resp;
      try {
        resp = client.send(req, HttpResponse.BodyHandlers.ofFile(tmp));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while downloading " + url, e);
      }
      if (resp.statusCode() != 200) {
        throw new IOException("GET " + url + " answered HTTP " + resp.statusCode());
      }
      if (sha256 != null) {
        String actual = sha256OfContent(tmp);
        if (!actual.equalsIgnoreCase(sha256)) {
          throw new IOException("SHA-256 mismatch for " + url + ": expected " + sha256
              + ", got " + actual + "; the download was discarded");
        }
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** SHA-256 (hex) of a file's bytes, gunzipped first when it starts with the gzip magic. */
  static String sha256OfContent(Path file) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    boolean gzip;
    try (InputStream in = Files.newInputStream(file)) {
      gzip = in.read() == 0x1f && in.read() == 0x8b;
    }
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = new DigestInputStream(gzip ? new GZIPInputStream(raw) : raw, md)) {
      byte[] buf = new byte[1 << 16];
      while (in.read(buf) >= 0) {
        // digest only
      }
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      throw new IOException(file + ": corrupted gzip: " + e.getMessage(), e);
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
