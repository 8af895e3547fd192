package org.bertworkbench.core.finetune;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.checkpoint.Checkpoint;
import org.bertworkbench.core.checkpoint.CheckpointException;
import org.bertworkbench.core.checkpoint.CheckpointLoader;
import org.bertworkbench.core.checkpoint.HfFolderWriter;
import org.bertworkbench.core.checkpoint.SafetensorsWriter;
import org.bertworkbench.core.checkpoint.TensorSchema;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.model.BertModel;
import org.bertworkbench.core.model.BertTrace;
import org.bertworkbench.core.model.BertWeights;
import org.bertworkbench.core.model.BertWeights.Init;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.model.Ops;
import org.bertworkbench.core.model.WeightOptions;
import org.bertworkbench.core.tensor.Engines;
import org.bertworkbench.core.tensor.RawTensor;
import org.bertworkbench.core.tokenize.BertTokenizer;
import org.bertworkbench.core.tokenize.Vocab;

/**
 * BERT with a task head, as Hugging Face's {@code BertForSequenceClassification},
 * {@code BertForTokenClassification} and {@code BertForQuestionAnswering}, on our own blocks:
 * <ul>
 *   <li>sequence classification: {@code classifier(dropout(pooled [CLS]))}; with numeric features
 *       appended to {@code [CLS]}, {@code classifier.weight . dropout(pooled) + }{@value
 *       HeadConfig#FEATURE_WEIGHT}{@code  . z + classifier.bias} — a classifier over the
 *       concatenation {@code [pooled; z]} of the pooled vector and the standardised features z;</li>
 *   <li>token classification: {@code classifier(dropout(h_t))} at every position;</li>
 *   <li>span QA: {@code qa_outputs(h_t)} gives a start and an end score at every position (the
 *       paper's learned start and end vectors S and E).</li>
 * </ul>
 * Shapes: B = batch, T = tokens, H = hidden, C = labels, F = appended features. It is a {@link
 * BertModel} and its head, nothing more (no masked-LM or next-sentence head: a saved folder holds
 * exactly what Hugging Face's class for the task holds). The weights live in one native manager:
 * close the model.
 *
 * <p>Precision: a model made in float16 (mixed precision training) computes its whole forward
 * pass in float16 on float16 working weights, with a float32 master copy of every weight (see
 * {@link BertWeights}); its {@link #logits} are lifted to float32 by type promotion, so the loss
 * is float32, and {@link #save} writes the float32 masters.
 */
public final class FinetuneModel implements AutoCloseable {

  /**
   * One forward pass.
   *
   * @param logits the head's scores, float32 (see {@link #logits})
   * @param trace every intermediate of the BERT underneath, or null when not asked for
   */
  public record Output(NDArray logits, BertTrace trace) {}

  private final BertWeights weights;
  private final BertModel bert;
  private final HeadConfig head;
  private final BertTokenizer tokenizer;
  private final String weightName;
  private final String biasName;
  private final NDArray weight; // (C, H) or (2, H)
  private final NDArray bias; // (C) or (2)
  private final NDArray featureWeight; // (C, F) or null
  private final List<String> notes;

  private FinetuneModel(BertWeights w, BertModel bert, HeadConfig head, BertTokenizer tokenizer, long seed,
      List<String> notes) {
    this.weights = w;
    this.bert = bert;
    this.head = head;
    this.tokenizer = tokenizer;
    long h = bert.config().hiddenSize();
    String prefix = head.task() == TaskKind.QA ? "qa_outputs." : "classifier.";
    weightName = prefix + "weight";
    biasName = prefix + "bias";
    weight = w.headParam(weightName, Init.NORMAL, seed, head.outputs(), h);
    bias = w.headParam(biasName, Init.ZEROS, seed, head.outputs());
    featureWeight = head.appendedFeatures() == 0 ? null
        : w.headParam(HeadConfig.FEATURE_WEIGHT, Init.NORMAL, seed + 1, head.outputs(), head.appendedFeatures());
    this.notes = List.copyOf(notes);
  }

  /**
   * A new head on a base model, ready to train: the base's BERT weights (any head it had is left
   * out) copied into trainable memory, the head initialised as BERT does from {@code seed}.
   */
  public static FinetuneModel create(Checkpoint base, HeadConfig head, Device device, long seed) {
    return create(base, head, device, seed, DataType.FLOAT32);
  }

  /** As {@link #create(Checkpoint, HeadConfig, Device, long)}, computing in {@code dataType} (FLOAT32 or FLOAT16). */
  public static FinetuneModel create(Checkpoint base, HeadConfig head, Device device, long seed, DataType dataType) {
    TensorSchema schema = base.schema();
    Map<String, RawTensor> bertOnly = new LinkedHashMap<>();
    base.tensors().forEach((name, t) -> {
      if (schema.spec(name) != null) {
        bertOnly.put(name, t);
      }
    });
    return build(base, bertOnly, head, device, WeightOptions.forTraining().computingIn(dataType), seed);
  }

  /**
   * A fine-tuned model folder (ours, or one saved by Python's transformers), read-only in float32.
   *
   * @throws CheckpointException when the folder is not a model or holds no fine-tuned head
   */
  public static FinetuneModel open(String nameOrPath, Device device) throws CheckpointException {
    return open(nameOrPath, device, WeightOptions.readOnly());
  }

  /**
   * As {@link #open(String, Device)}, the weights made as {@code options} say: trainable to go on
   * training it, FLOAT16 to go on with a mixed-precision run (the folder's float32 weights become the
   * masters, exactly).
   */
  public static FinetuneModel open(String nameOrPath, Device device, WeightOptions options)
      throws CheckpointException {
    Checkpoint c = CheckpointLoader.open(nameOrPath);
    HeadConfig head;
    try {
      head = HeadConfig.fromConfig(c.extraConfig(), c.id2label());
    } catch (IllegalArgumentException e) {
      throw new CheckpointException(c.location().toString(), Sentences.problemOf(e));
    }
    String needed = head.task() == TaskKind.QA ? "qa_outputs.weight" : "classifier.weight";
    if (!c.has(needed)) {
      throw new CheckpointException(c.location().toString(), Message.of(FinetuneModel.class, "FinetuneModel.noHead",
          head.architecture(), needed));
    }
    try {
      return build(c, c.tensors(), head, device, options, 0);
    } catch (IllegalArgumentException e) {
      throw new CheckpointException(c.location().toString(), Sentences.problemOf(e));
    }
  }

  /** @param seed the fresh head's seed (a head the tensors hold is taken as it is) */
  private static FinetuneModel build(Checkpoint c, Map<String, RawTensor> tensors, HeadConfig head, Device device,
      WeightOptions options, long seed) {
    BertTokenizer tokenizer = new BertTokenizer(Vocab.load(c.vocabFile()), c.lowerCase());
    NDManager manager = Engines.newManager(device);
    try {
      BertWeights weights = BertWeights.fromTensors(manager, tensors, c.config().initializerRange(), options);
      FinetuneModel model = new FinetuneModel(weights, new BertModel(weights, c.config()), head, tokenizer, seed,
          c.notes());
      weights.releaseSource(); // every parameter is made: trainable copies need the checkpoint no more
      return model;
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  public HeadConfig head() {
    return head;
  }

  public BertTokenizer tokenizer() {
    return tokenizer;
  }

  public BertConfig config() {
    return bert.config();
  }

  /** The BERT underneath. */
  public BertModel bert() {
    return bert;
  }

  /** Every weight, BERT's and the head's, in one native manager. */
  public BertWeights weights() {
    return weights;
  }

  /** Parameters the base checkpoint lacked and that were initialised fresh (e.g. a pooler; a new head is not counted). */
  public List<String> initialised() {
    return weights.initialised();
  }

  public Device device() {
    return weights.manager().getDevice();
  }

  /** What the forward pass computes in: FLOAT32, or FLOAT16 (mixed precision). */
  public DataType dataType() {
    return weights.dataType();
  }

  /**
   * The float32 masters of the float16 weights, by Hugging Face name (a superset of {@link
   * #parameters()}' names); empty for a float32 model.
   */
  public Map<String, NDArray> masters() {
    return weights.masters();
  }

  /** What the user should know about the checkpoint it came from. */
  public List<String> notes() {
    return notes;
  }

  /** A manager for one computation on this model's device; close it when its results are read. */
  public NDManager newScope() {
    return weights.manager().newSubManager();
  }

  /** An encoder for this model's task, tokenizer and maximum length. */
  public TaskEncoder encoder() {
    return new TaskEncoder(tokenizer, head);
  }

  /**
   * The head's scores, float32 whatever the model computes in: classification (B, C); tagging
   * (B, T, C); QA (B, T, 2), start then end (not yet restricted to the paragraph: see {@link
   * Batch#paragraphBias()}).
   *
   * @param training apply dropout
   */
  public NDArray logits(Batch batch, boolean training) {
    return forward(batch, training ? ForwardOptions.TRAINING : ForwardOptions.INFERENCE).logits();
  }

  /** The forward pass: the head's float32 scores (see {@link #logits}) and, when asked, BERT's trace. */
  public Output forward(Batch batch, ForwardOptions options) {
    BertModel.Output out = bert.forward(batch.input(), options);
    NDArray logits = headLogits(out, batch.features(), options.training());
    if (logits.getDataType() != DataType.FLOAT32) {
      // A cast would not be recorded for backward (DJL casts without gradient); adding a float32
      // array with a dimension promotes the sum to float32 and passes gradients back as float16.
      NDArray zero = logits.getManager().zeros(new Shape(1), DataType.FLOAT32); // (1)
      logits = logits.add(zero);
    }
    return new Output(logits, out.trace());
  }

  /**
   * The head's scores from a sum of the three embedding parts (B, T, H) on, without dropout: for
   * attributions, whose gradients flow back to the sum. Shapes as {@link #logits}.
   *
   * @param attentionMask (B, T) int64
   * @param features (B, F) standardised appended features, or null when the head has none
   */
  public NDArray logitsFromSum(NDArray sums, NDArray attentionMask, NDArray features) {
    return headLogits(bert.forwardFromSum(sums, attentionMask, ForwardOptions.INFERENCE), features, false);
  }

  private NDArray headLogits(BertModel.Output out, NDArray features, boolean training) {
    double p = bert.config().hiddenDropoutProb();
    if (head.task().isClassification()) {
      NDArray pooled = Ops.dropout(out.pooledOutput(), p, training); // (B, H)
      NDArray logits = Ops.linear(pooled, weight, bias); // (B, C)
      if (featureWeight != null) {
        logits = logits.add(features.matMul(featureWeight.transpose())); // (B, F) x (F, C)
      }
      return logits;
    }
    if (head.task() == TaskKind.TAG) {
      NDArray h = Ops.dropout(out.sequenceOutput(), p, training); // (B, T, H)
      return Ops.linear(h, weight, bias); // (B, T, C)
    }
    return Ops.linear(out.sequenceOutput(), weight, bias); // (B, T, 2)
  }

  /**
   * The parameters of the fine-tuned architecture, by Hugging Face name: BERT's embeddings and
   * encoder, the pooler for classification (Hugging Face leaves it out of tagging and QA), and the
   * head. BERT's pretraining heads are not part of it.
   */
  public Map<String, NDArray> parameters() {
    Map<String, NDArray> out = new LinkedHashMap<>();
    for (Map.Entry<String, NDArray> e : weights.all().entrySet()) {
      String n = e.getKey();
      boolean encoder = n.startsWith("bert.embeddings.") || n.startsWith("bert.encoder.");
      if (encoder || (head.usesPooler() && n.startsWith("bert.pooler."))) {
        out.put(n, e.getValue());
      }
    }
    out.put(weightName, weight);
    out.put(biasName, bias);
    if (featureWeight != null) {
      out.put(HeadConfig.FEATURE_WEIGHT, featureWeight);
    }
    return out;
  }

  /**
   * The parameters that training updates: all of {@link #parameters()} except, when
   * {@code frozenLayers > 0}, the embeddings and encoder layers {@code 0 .. frozenLayers - 1}.
   */
  public Map<String, NDArray> trainableParameters(int frozenLayers) {
    if (frozenLayers < 0 || frozenLayers > config().numHiddenLayers()) {
      throw new BadInputException(Message.of(FinetuneModel.class, "FinetuneModel.frozen", config().numHiddenLayers(),
          frozenLayers));
    }
    Map<String, NDArray> out = new LinkedHashMap<>();
    for (Map.Entry<String, NDArray> e : parameters().entrySet()) {
      if (!isFrozen(e.getKey(), frozenLayers)) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  static boolean isFrozen(String name, int frozenLayers) {
    if (frozenLayers == 0) {
      return false;
    }
    if (name.startsWith("bert.embeddings.")) {
      return true;
    }
    String layer = "bert.encoder.layer.";
    if (name.startsWith(layer)) {
      int index = Integer.parseInt(name.substring(layer.length(), name.indexOf('.', layer.length())));
      return index < frozenLayers;
    }
    return false;
  }

  /**
   * Writes the model as a Hugging Face folder: config.json ({@code architectures}, {@code id2label},
   * {@code label2id}, {@code finetuning_task} and {@value HeadConfig#KEY}), vocab.txt,
   * tokenizer_config.json and model.safetensors with Hugging Face's names, so that Python's
   * {@code AutoModelFor...from_pretrained(dir)} loads it ({@code TransformersCompatibilityTest}
   * loads it strictly into transformers' module tree, rebuilt in plain torch, and compares logits).
   * Always float32 (in mixed precision, the master weights).
   */
  public void save(Path dir) throws IOException {
    Files.createDirectories(dir);
    Map<String, SafetensorsWriter.Deferred> tensors = new LinkedHashMap<>();
    for (Map.Entry<String, NDArray> p : parameters().entrySet()) {
      String name = p.getKey();
      // Copied out one at a time as the file is written: the masters in mixed precision.
      tensors.put(name, new SafetensorsWriter.Deferred(p.getValue().getShape().getShape(),
          () -> weights.float32Tensor(name)));
    }
    HfFolderWriter.writeDeferred(dir, bert.config(), List.of(head.architecture()), head.id2label(),
        head.toConfigJson(), new ArrayList<>(tokenizer.vocab().tokens()), tokenizer.lowerCase(), tensors);
  }

  @Override
  public void close() {
    weights.close();
  }
}
