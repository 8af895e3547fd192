package org.bertworkbench.core.run;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bertworkbench.core.tensor.Engines;

/** What a run record needs to be repeatable: content hashes and the versions that ran it. */
public final class Provenance {

  private Provenance() {}

  /**
   * SHA-256 of a file, or of a folder's regular files in sorted path order (each file's relative
   * path and bytes are hashed), as lower-case hex.
   */
  public static String sha256(Path path) throws IOException {
    MessageDigest digest = newDigest();
    if (Files.isDirectory(path)) {
      List<Path> files;
      try (Stream<Path> all = Files.walk(path)) {
        files = all.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path f : files) {
        digest.update(path.relativize(f).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        update(digest, f);
      }
    } else {
      update(digest, path);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** SHA-256 of some text (UTF-8), as lower-case hex. */
  public static String sha256(String text) {
    MessageDigest digest = newDigest();
    digest.update(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Java, DJL, PyTorch and operating-system versions. */
  public static Map<String, String> versions() {
    Engine engine = Engines.pytorch();
    Map<String, String> v = new LinkedHashMap<>();
    v.put("java", System.getProperty("java.version"));
    v.put("java_vendor", System.getProperty("java.vendor"));
    v.put("djl", Engine.getDjlVersion());
    v.put("pytorch", engine.getVersion());
    v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch"));
    v.put("processors", Integer.toString(Runtime.getRuntime().availableProcessors()));
    return v;
  }

  private static void update(MessageDigest digest, Path file) throws IOException {
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
    }
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
