package org.bertworkbench.core.checkpoint;

import com.google.gson.JsonElement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.tensor.RawTensor;

/**
 * A BERT-architecture ONNX graph, as Hugging Face's and PyTorch's exporters write them, read into a
 * {@link Checkpoint}: its weights go into Workbench's own blocks, the graph is never run.
 *
 * <p>Embeddings, biases and LayerNorms keep their Hugging Face names as initializers
 * ({@code encoder.layer.0.attention.self.query.bias}); the linear weights are anonymous initializers
 * ({@code onnx::MatMul_787}) stored {@code [in, out]}, placed by the MatMul node that uses them
 * ({@code /encoder/layer.0/attention/self/query/MatMul} gives {@code
 * bert.encoder.layer.0.attention.self.query.weight}, marked {@link RawTensor#transposed()}); a Gemm
 * node is read by its {@code transB}. The config comes from the shapes (layers, hidden size,
 * intermediate size, positions, segments, vocabulary); the number of heads from the constants of
 * the attention's Reshape, else from a config.json beside the file; LayerNorm's epsilon from the
 * constant added before its square root, else BERT's 1e-12. The vocabulary comes from the model's
 * tokenizer.json (or a vocab.txt beside the file).
 */
final class OnnxBertImport {

  static final String CONFIG = "config.json";
  static final String TOKENIZER = "tokenizer.json";
  private static final Message SHAPES = Message.of(OnnxBertImport.class, "OnnxBertImport.theGraph");
  private static final String WORDS = "bert.embeddings.word_embeddings.weight";
  private static final String POSITIONS = "bert.embeddings.position_embeddings.weight";
  private static final String TYPES = "bert.embeddings.token_type_embeddings.weight";
  private static final String INTERMEDIATE = "bert.encoder.layer.0.intermediate.dense.weight";
  private static final Pattern LAYER = Pattern.compile("^bert\\.encoder\\.layer\\.(\\d{1,6})\\.");
  /** A node named by its module path, as PyTorch 1.13+ names it: /encoder/layer.0/attention/self/query/MatMul. */
  private static final Pattern MODULE_NODE =
      Pattern.compile("^/?((?:[A-Za-z0-9_.]+/)*[A-Za-z0-9_.]+)/(MatMul|Gemm)(_\\d+)?$");
  /** A Hugging Face parameter name: dotted identifiers. */
  private static final Pattern HF_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)+$");

  private OnnxBertImport() {
  }

  /**
   * Opens an .onnx file. The vocabulary is the first found of {@code <name>-tokenizer.json},
   * {@code tokenizer.json} (beside the file, then in its parent folder, as in a Hugging Face
   * repository's {@code onnx/} folder) or {@code vocab.txt} there; a tokenizer.json's vocabulary is
   * written as vocab.txt into the model cache.
   */
  static Checkpoint open(Path onnx) throws CheckpointException {
    Path file = onnx.toAbsolutePath().normalize();
    String stem = stem(file);
    List<Path> folders = new ArrayList<>(List.of(file.getParent()));
    if (file.getParent().getParent() != null) {
      folders.add(file.getParent().getParent());
    }
    for (Path dir : folders) {
      for (Path tokenizer : List.of(dir.resolve(stem + "-" + TOKENIZER), dir.resolve(TOKENIZER))) {
        if (Files.isRegularFile(tokenizer)) {
          return open(file, name(file), file, tokenizer, vocabCache(tokenizer));
        }
      }
    }
    for (Path dir : folders) {
      Path vocab = dir.resolve(HfFolderLoader.VOCAB);
      if (Files.isRegularFile(vocab)) {
        return load(file, name(file), file, null, vocab);
      }
    }
    throw new CheckpointException(file.getFileName().toString(), Message.of(OnnxBertImport.class,
        "OnnxBertImport.noVocab", file.getParent()));
  }

  /** Opens {@code onnx} as {@code name}, its vocabulary from {@code tokenizerJson} written into {@code vocabDir}. */
  static Checkpoint open(Path onnx, String name, Path location, Path tokenizerJson, Path vocabDir)
      throws CheckpointException {
    return load(onnx, name, location, TokenizerJsonVocab.read(tokenizerJson, vocabDir), null)
        .withTokenizerFile(tokenizerJson.toAbsolutePath());
  }

  private static Checkpoint load(Path onnx, String name, Path location, TokenizerJsonVocab.Read fromJson,
      Path vocabTxt) throws CheckpointException {
    String file = onnx.getFileName().toString();
    OnnxReader.Model graph = OnnxReader.read(onnx);
    if (graph.initializers().keySet().stream().noneMatch(n -> HfNames.normalize(n).equals(WORDS))) {
      throw new CheckpointException(file, Message.of(OnnxBertImport.class, "OnnxBertImport.notBert",
          "embeddings.word_embeddings.weight", graph.initializers().size(), graph.nodes().size()));
    }
    List<String> notes = new ArrayList<>();
    Map<String, RawTensor> tensors = place(graph, file, notes);
    BertConfig config = config(graph, tensors, onnx, file, notes);
    requireAll(config, tensors, file);
    Path vocabFile = fromJson != null ? fromJson.vocabFile() : vocabTxt;
    List<String> tokens = VocabFile.read(vocabFile, SHAPES, config.vocabSize());
    Boolean lower = fromJson != null ? fromJson.lowerCase() : null;
    notes.add(0, "ONNX graph (opset " + graph.opset() + (graph.producer().isEmpty() ? "" : ", " + graph.producer())
        + ", " + graph.nodes().size() + " nodes): its weights are read into Workbench's own BERT blocks; "
        + "the graph itself is not run");
    notes.add(fromJson != null ? "vocabulary: the tokenizer's model.vocab, written as " + vocabFile
        : "vocabulary: " + vocabFile);
    if (lower == null) {
      notes.add("the tokenizer does not say whether it lower-cases: guessed from the vocabulary");
    }
    notes.addAll(CheckpointValidator.check(config, tensors, file, SHAPES));
    return new Checkpoint(name, Checkpoint.SOURCE_ONNX, location, config, vocabFile,
        lower != null ? lower : VocabFile.looksUncased(tokens), tensors, notes, Map.of());
  }

  /** Initializers by Hugging Face name: named ones as they are, MatMul/Gemm weights by their node. */
  static Map<String, RawTensor> place(OnnxReader.Model graph, String file, List<String> notes)
      throws CheckpointException {
    Map<String, RawTensor> stored = new LinkedHashMap<>();
    Map<String, String> storedAs = new HashMap<>();
    TreeSet<String> linear = new TreeSet<>();
    int transposed = 0;
    for (OnnxReader.Node n : graph.nodes()) {
      boolean matMul = n.opType().equals("MatMul");
      if (!matMul && !n.opType().equals("Gemm")) {
        continue;
      }
      OnnxReader.Tensor w = graph.initializers().get(n.input(1));
      if (w == null) {
        continue; // activations times activations: attention scores
      }
      if (w.dataType() != OnnxReader.FLOAT || w.dims().length != 2) {
        throw new CheckpointException(file, Message.of(OnnxBertImport.class, "OnnxBertImport.notMatrix",
            w.name(), n.opType(), n.name(), Arrays.toString(w.dims()), w.dataType()));
      }
      Matcher m = MODULE_NODE.matcher(n.name());
      String module = m.matches() ? m.group(1).replace('/', '.') : null;
      String hf = HF_NAME.matcher(w.name()).matches() && w.name().endsWith(".weight") ? w.name()
          : module == null ? null : module + ".weight";
      if (hf == null) {
        throw new CheckpointException(file, Message.of(OnnxBertImport.class, "OnnxBertImport.unplaced",
            w.name(), n.opType(), n.name()));
      }
      OnnxReader.Attribute transB = n.attribute("transB");
      boolean inOut = matMul || transB == null || transB.i() == 0;
      put(stored, storedAs, new RawTensor(hf, w.dims(), w.data(), inOut), w.name(), file);
      transposed += inOut ? 1 : 0;
      linear.add(w.name());
      OnnxReader.Tensor bias = graph.initializers().get(n.input(2));
      if (!matMul && bias != null && module != null && !HF_NAME.matcher(bias.name()).matches()) {
        put(stored, storedAs, new RawTensor(module + ".bias", bias.dims(), bias.data(), false), bias.name(), file);
        linear.add(bias.name());
      }
    }
    List<String> skipped = new ArrayList<>();
    for (OnnxReader.Tensor t : graph.initializers().values()) {
      if (linear.contains(t.name()) || !HF_NAME.matcher(t.name()).matches()) {
        continue; // placed above, or an anonymous constant of the graph
      }
      if (t.dataType() != OnnxReader.FLOAT) {
        skipped.add(t.name() + " (data type " + t.dataType() + ")");
        continue;
      }
      put(stored, storedAs, new RawTensor(t.name(), t.dims(), t.data(), false), t.name(), file);
    }
    if (transposed > 0) {
      notes.add(transposed + " linear weights are stored [in, out] as MatMul inputs: those tensors have "
          + "RawTensor.transposed() = true");
    }
    if (!skipped.isEmpty()) {
      notes.add("skipped initializers that are not weights: " + String.join(", ", skipped));
    }
    return HfNames.normalizeAll(file, stored);
  }

  private static void put(Map<String, RawTensor> stored, Map<String, String> storedAs, RawTensor t, String from,
      String file) throws CheckpointException {
    String earlier = storedAs.put(t.name(), from);
    if (earlier != null && !earlier.equals(from)) {
      throw new CheckpointException(file, Message.of(OnnxBertImport.class, "OnnxBertImport.twice", t.name(),
          earlier, from));
    }
    stored.put(t.name(), t);
  }

  /** The config the shapes and the graph's constants give. */
  static BertConfig config(OnnxReader.Model graph, Map<String, RawTensor> tensors, Path onnx, String file,
      List<String> notes) throws CheckpointException {
    long[] words = matrix(tensors, WORDS, file);
    long[] positions = matrix(tensors, POSITIONS, file);
    long[] types = matrix(tensors, TYPES, file);
    TreeSet<Integer> layers = new TreeSet<>();
    for (String n : tensors.keySet()) {
      Matcher m = LAYER.matcher(n);
      if (m.find()) {
        layers.add(Integer.valueOf(m.group(1)));
      }
    }
    if (layers.isEmpty()) {
      throw new CheckpointException(file, Message.of(OnnxBertImport.class, "OnnxBertImport.noLayers"));
    }
    for (int i = 0; i <= layers.last(); i++) {
      if (!layers.contains(i)) {
        throw missing("bert.encoder.layer." + i + ".attention.self.query.weight", file);
      }
    }
    long[] intermediate = matrix(tensors, INTERMEDIATE, file);
    int hidden = (int) words[1];
    int heads = heads(graph, hidden, onnx, file, notes);
    OptionalDouble eps = OnnxGraphConstants.layerNormEps(graph);
    notes.add(eps.isPresent() ? "layer_norm_eps " + eps.getAsDouble() + " read from the graph's LayerNorm"
        : "the graph does not show LayerNorm's epsilon: BERT's " + BertConfig.DEFAULT_LAYER_NORM_EPS + " assumed");
    requireGelu(graph, file);
    try {
      return new BertConfig((int) words[0], hidden, layers.last() + 1, heads, (int) intermediate[0], "gelu",
          0.1, 0.1, (int) positions[0], (int) types[0], 0.02, eps.orElse(BertConfig.DEFAULT_LAYER_NORM_EPS), 0);
    } catch (IllegalArgumentException ex) {
      throw new CheckpointException(file, Message.of(OnnxBertImport.class, "OnnxBertImport.badConfig",
          Message.verbatim(ex.getMessage())), ex);
    }
  }

  private static long[] matrix(Map<String, RawTensor> tensors, String name, String file) throws CheckpointException {
    RawTensor t = tensors.get(name);
    if (t == null) {
      throw missing(name, file);
    }
    long[] s = t.hfShape();
    if (s.length != 2 || s[0] > Integer.MAX_VALUE || s[1] > Integer.MAX_VALUE) {
      throw new CheckpointException(file, Message.of(OnnxBertImport.class, "OnnxBertImport.badShape", name,
          Arrays.toString(s)));
    }
    return s;
  }

  /** Every tensor the embeddings and the encoder need, before the validator's generic word for it. */
  private static void requireAll(BertConfig config, Map<String, RawTensor> tensors, String file)
      throws CheckpointException {
    for (TensorSchema.TensorSpec s : TensorSchema.of(config).specs().values()) {
      if (s.component().required() && !tensors.containsKey(s.name())) {
        throw missing(s.name(), file);
      }
    }
  }

  /** A missing weight, saying where in the graph it would be. */
  static CheckpointException missing(String hfName, String file) {
    String stored = hfName.startsWith("bert.") ? hfName.substring("bert.".length()) : hfName;
    if (stored.endsWith(".weight") && !stored.contains("LayerNorm") && !stored.contains("embeddings")) {
      String node = "/" + stored.substring(0, stored.length() - ".weight".length()).replace('.', '/')
          .replaceAll("/(\\d+)(?=/|$)", ".$1") + "/MatMul";
      return new CheckpointException(file, Message.of(OnnxBertImport.class, "OnnxBertImport.missingLinear",
          hfName, node));
    }
    return new CheckpointException(file, Message.of(OnnxBertImport.class, "OnnxBertImport.missingWeight",
        hfName, stored));
  }

  /** The number of heads: the graph's attention Reshape, else config.json beside the file. */
  private static int heads(OnnxReader.Model graph, int hidden, Path onnx, String file, List<String> notes)
      throws CheckpointException {
    OptionalInt fromGraph = OnnxGraphConstants.heads(graph, hidden);
    if (fromGraph.isPresent()) {
      notes.add("num_attention_heads " + fromGraph.getAsInt() + " read from the graph's attention Reshape");
      return fromGraph.getAsInt();
    }
    Path parent = onnx.toAbsolutePath().getParent();
    for (Path config : List.of(parent.resolve(CONFIG), parent.getParent() == null ? parent.resolve(CONFIG)
        : parent.getParent().resolve(CONFIG))) {
      if (Files.isRegularFile(config)) {
        try {
          JsonElement h = JsonText.parseObject(CONFIG, JsonText.FILE, Files.readString(config)).get("num_attention_heads");
          if (h != null && h.isJsonPrimitive() && h.getAsJsonPrimitive().isNumber()) {
            notes.add("num_attention_heads " + h.getAsInt() + " read from " + config);
            return h.getAsInt();
          }
        } catch (IOException ex) {
          throw new CheckpointException(CONFIG, Message.of(OnnxBertImport.class, "OnnxBertImport.cannotRead",
              Message.verbatim(String.valueOf(ex.getMessage()))), ex);
        }
      }
    }
    throw new CheckpointException(file, Message.of(OnnxBertImport.class, "OnnxBertImport.noHeads", hidden));
  }

  /** Workbench's blocks compute the exact (erf) GELU: Tanh's approximation or another activation is refused. */
  private static void requireGelu(OnnxReader.Model graph, String file) throws CheckpointException {
    boolean erf = graph.nodes().stream().anyMatch(n -> n.opType().equals("Erf") || n.opType().equals("Gelu"));
    if (!erf) {
      throw new CheckpointException(file, Message.of(OnnxBertImport.class, "OnnxBertImport.activation"));
    }
  }

  /** The model's name: the file's, or its folder's for a {@code model.onnx} (skipping an {@code onnx/} folder). */
  static String name(Path onnx) {
    String stem = stem(onnx);
    if (!stem.equals("model")) {
      return stem;
    }
    Path dir = onnx.toAbsolutePath().getParent();
    if (dir.getFileName() != null && dir.getFileName().toString().equals("onnx") && dir.getParent() != null
        && dir.getParent().getFileName() != null) {
      dir = dir.getParent();
    }
    return dir.getFileName() == null ? stem : dir.getFileName().toString();
  }

  private static String stem(Path onnx) {
    String f = onnx.getFileName().toString();
    return f.endsWith(".onnx") ? f.substring(0, f.length() - ".onnx".length()) : f;
  }

  /** {@code <model cache>/onnx-vocab/<first 16 hex digits of the tokenizer file's SHA-256>}. */
  private static Path vocabCache(Path tokenizer) throws CheckpointException {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(tokenizer));
      return EasyBertJar.modelsCache().resolve("onnx-vocab").resolve(HexFormat.of().formatHex(digest, 0, 8));
    } catch (IOException ex) {
      throw new CheckpointException(tokenizer.getFileName().toString(), Message.of(OnnxBertImport.class,
          "OnnxBertImport.cannotRead", Message.verbatim(String.valueOf(ex.getMessage()))), ex);
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException("every Java has SHA-256", ex);
    }
  }
}
