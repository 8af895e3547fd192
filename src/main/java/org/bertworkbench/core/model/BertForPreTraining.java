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
   * Builds the model from checkpoint tensors (Hugging Face names), read-only in float32. The
   * embeddings and every encoder layer must be there; a missing pooler or head is initialised fresh
   * (see {@link #initialised()}).
   */
  public static BertForPreTraining fromTensors(Map<String, RawTensor> tensors, BertConfig config,
      Device device) {
    return fromTensors(tensors, config, device, WeightOptions.readOnly());
  }

  /** As {@link #fromTensors(Map, BertConfig, Device)}, the weights made as {@code options} say. */
  public static BertForPreTraining fromTensors(Map<String, RawTensor> tensors, BertConfig config,
      Device device, WeightOptions options) {
    NDManager manager = Engines.newManager(device);
    try {
      return new BertForPreTraining(BertWeights.fromTensors(manager, tensors, config.initializerRange(), options),
          config);
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

  /**
   * Whether the masked-LM head is the checkpoint's own: false when the checkpoint held no
   * {@code cls.predictions} weights (a fine-tuned or encoder-only model) and the head was made
   * fresh, so its guesses would be noise. A model made from scratch has one (untrained, but real).
   */
  public boolean hasMlmHead() {
    return initialised().stream().noneMatch(n -> n.startsWith("cls.predictions."));
  }

  /** As {@link #hasMlmHead()}, for the next-sentence head ({@code cls.seq_relationship}). */
  public boolean hasNspHead() {
    return initialised().stream().noneMatch(n -> n.startsWith("cls.seq_relationship."));
  }

  /** A manager for one computation on this model's device; close it when its results are read. */
  public NDManager newScope() {
    return weights.manager().newSubManager();
  }

  /** The forward pass; see {@link BertModel#forward}. */
  public BertModel.Output forward(BertInput input, ForwardOptions options) {
    return bert.forward(input, options);
  }

  /**
   * What the pretraining pass computed, as Hugging Face's {@code BertForPreTrainingOutput} but with
   * masked-LM scores only at the positions asked for (all (B, T, V) of them would be mostly waste).
   *
   * @param mlmLogits (M, V) vocabulary scores at the M positions
   * @param nspLogits (B, 2) next-sentence scores, index 0 "B follows A" (IsNext)
   * @param bert the BERT pass underneath, with its trace when one was asked for
   */
  public record PreTrainingOutput(NDArray mlmLogits, NDArray nspLogits, BertModel.Output bert) {

    /** Every intermediate of the pass, or null when not asked for. */
    public BertTrace trace() {
      return bert.trace();
    }
  }

  /**
   * The pretraining forward pass: BERT, the masked-LM head at {@code positions} (flat indices
   * {@code b * T + t} into the batch) and the next-sentence head on the pooled {@code [CLS]}.
   */
  public PreTrainingOutput forward(BertInput input, ForwardOptions options, long[] positions) {
    BertModel.Output out = bert.forward(input, options);
    NDManager m = input.inputIds().getManager();
    NDArray rows = out.sequenceOutput().reshape(-1, config.hiddenSize()).get(m.create(positions)); // (M, H)
    return new PreTrainingOutput(heads.mlmLogits(rows), heads.nspLogits(out.pooledOutput()), out);
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
