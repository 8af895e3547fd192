package org.bertworkbench.core.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.tensor.Engines;
import org.bertworkbench.core.tensor.RawTensor;

/**
 * BERT with its two pretraining heads, as Hugging Face's {@code BertForPreTraining}: the object the
 * workbench loads, inspects, pretrains and saves. It owns the native memory of its weights: close it.
 */
public final class BertForPreTraining implements AutoCloseable {

  private final BertConfig config;
  private final BertWeights weights;
  private final BertModel bert;
  private final BertPreTrainingHeads heads;

  private BertForPreTraining(BertWeights weights, BertConfig config) {
    this.config = config;
    this.weights = weights;
    this.bert = new BertModel(weights, config);
    this.heads = new BertPreTrainingHeads(weights, config, bert.embeddings().wordEmbeddings());
  }

  /**
   * Builds the model from checkpoint tensors (Hugging Face names). The embeddings and every encoder
   * layer must be there; a missing pooler or head is initialised fresh (see {@link #initialised()}).
   */
  public static BertForPreTraining fromTensors(Map<String, RawTensor> tensors, BertConfig config,
      Device device) {
    return fromTensors(tensors, config, device, false);
  }

  /**
   * As {@link #fromTensors(Map, BertConfig, Device)}; {@code trainable} copies the weights into the
   * engine's own memory so that they can take gradients (see {@link BertWeights#fromTensors}).
   */
  public static BertForPreTraining fromTensors(Map<String, RawTensor> tensors, BertConfig config,
      Device device, boolean trainable) {
    return fromTensors(tensors, config, device, trainable, DataType.FLOAT32);
  }

  /**
   * As {@link #fromTensors(Map, BertConfig, Device, boolean)}, computing in {@code dataType}
   * (FLOAT32, or FLOAT16 for mixed precision: float16 working weights, float32 masters when
   * trainable; see {@link BertWeights}).
   */
  public static BertForPreTraining fromTensors(Map<String, RawTensor> tensors, BertConfig config,
      Device device, boolean trainable, DataType dataType) {
    NDManager manager = Engines.newManager(device);
    try {
      return new BertForPreTraining(BertWeights.fromTensors(manager, tensors, false, trainable,
          config.initializerRange(), 42, dataType), config);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /** A new, untrained model with BERT's initialisation, reproducible from the seed. */
  public static BertForPreTraining random(BertConfig config, Device device, long seed) {
    NDManager manager = Engines.newManager(device);
    return new BertForPreTraining(BertWeights.random(manager, config.initializerRange(), seed), config);
  }

  public BertConfig config() {
    return config;
  }

  public BertModel bert() {
    return bert;
  }

  public BertPreTrainingHeads heads() {
    return heads;
  }

  public BertWeights weights() {
    return weights;
  }

  /** What the forward pass computes in: FLOAT32, or FLOAT16 (mixed precision). */
  public DataType dataType() {
    return weights.dataType();
  }

  public Device device() {
    return weights.manager().getDevice();
  }

  /** Parameters the checkpoint lacked and that were initialised fresh (e.g. the NSP head). */
  public List<String> initialised() {
    return weights.initialised();
  }

  /** A manager for one computation on this model's device; close it when its results are read. */
  public NDManager newScope() {
    return weights.manager().newSubManager();
  }

  /** The forward pass; see {@link BertModel#forward}. */
  public BertModel.Output forward(BertInput input, ForwardOptions options) {
    return bert.forward(input, options);
  }

  /** Exact parameter counts per component; the MLM decoder is the word embeddings, not counted twice. */
  public Map<String, Long> parameterCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("embeddings", weights.count("bert.embeddings."));
    counts.put("encoder", weights.count("bert.encoder."));
    counts.put("pooler", weights.count("bert.pooler."));
    counts.put("mlm_head", weights.count("cls.predictions."));
    counts.put("nsp_head", weights.count("cls.seq_relationship."));
    counts.put("bert", weights.count("bert."));
    counts.put("total", weights.count(""));
    return counts;
  }

  /** Logits over the vocabulary at the given positions of one sequence's output (T, H) -> (M, V). */
  public NDArray mlmLogitsAt(NDArray sequenceOutput, long[] positions) {
    NDManager m = sequenceOutput.getManager();
    NDArray rows = sequenceOutput.get(m.create(positions)); // (M, H)
    return heads.mlmLogits(rows);
  }

  @Override
  public void close() {
    weights.close();
  }
}
