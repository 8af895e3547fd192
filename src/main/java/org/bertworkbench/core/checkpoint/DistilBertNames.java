package org.bertworkbench.core.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bertworkbench.core.checkpoint.TensorSchema.Component;
import org.bertworkbench.core.checkpoint.TensorSchema.TensorSpec;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.tensor.RawTensor;

/**
 * Hugging Face's DistilBERT names ({@code DistilBertModel}, {@code DistilBertForMaskedLM}) and ours.
 *
 * <p>DistilBERT is BERT's encoder without segment embeddings, pooler or next-sentence head: its
 * {@code embeddings.word_embeddings}, {@code position_embeddings} and {@code LayerNorm} are BERT's;
 * a layer's {@code attention.q_lin/k_lin/v_lin} are BERT's query/key/value, {@code out_lin} and
 * {@code sa_layer_norm} the attention output's dense and LayerNorm, {@code ffn.lin1} / {@code lin2}
 * the intermediate and output dense, {@code output_layer_norm} the output's LayerNorm (the same
 * post-LayerNorm residual order). DistilBertForMaskedLM's {@code vocab_transform}, GELU, {@code
 * vocab_layer_norm} and {@code vocab_projector} (tied to the word embeddings, its own bias) are
 * BERT's MLM transform, activation, LayerNorm and decoder, in the same order.
 *
 * <p>In our blocks the missing segment table is a zero {@code [2, H]} one, so every view works and
 * segment ids change nothing. The base model's names have the {@code distilbert.} prefix in
 * DistilBertForMaskedLM (and the other task classes), none in a bare DistilBertModel.
 */
final class DistilBertNames {

  /** The base model's prefix in DistilBertForMaskedLM and DistilBERT's task classes. */
  static final String PREFIX = "distilbert.";
  /** The tied MLM decoder weight: the word embeddings, not stored twice. */
  static final String PROJECTOR_WEIGHT = "vocab_projector.weight";
  /** Segments in our zero table: a pair's two segments, both adding nothing. */
  static final int SEGMENTS = 2;

  private static final String OURS_EMBEDDINGS = "bert.embeddings.";
  private static final String TYPES = "bert.embeddings.token_type_embeddings.weight";
  private static final Pattern OUR_LAYER = Pattern.compile("^bert\\.encoder\\.layer\\.(\\d{1,6})\\.(.+)$");
  private static final Pattern DISTIL_LAYER = Pattern.compile("^transformer\\.layer\\.(\\d{1,6})\\.(.+)$");
  /** Our layer suffix, DistilBERT's, pairwise (weight and bias follow each). */
  private static final List<String[]> LAYER_PARTS = List.of(
      new String[] {"attention.self.query.", "attention.q_lin."},
      new String[] {"attention.self.key.", "attention.k_lin."},
      new String[] {"attention.self.value.", "attention.v_lin."},
      new String[] {"attention.output.dense.", "attention.out_lin."},
      new String[] {"attention.output.LayerNorm.", "sa_layer_norm."},
      new String[] {"intermediate.dense.", "ffn.lin1."},
      new String[] {"output.dense.", "ffn.lin2."},
      new String[] {"output.LayerNorm.", "output_layer_norm."});
  /** The MLM head: ours, DistilBERT's. */
  private static final List<String[]> HEAD_PARTS = List.of(
      new String[] {"cls.predictions.transform.dense.", "vocab_transform."},
      new String[] {"cls.predictions.transform.LayerNorm.", "vocab_layer_norm."},
      new String[] {"cls.predictions.bias", "vocab_projector.bias"});

  private DistilBertNames() {
  }

  /**
   * DistilBERT's name (without the {@code distilbert.} prefix) for one of ours, or null when
   * DistilBERT has no such tensor (segment embeddings, pooler, NSP head, anything not BERT's).
   */
  static String distilName(String ours) {
    if (ours.startsWith(OURS_EMBEDDINGS)) {
      return ours.equals(TYPES) ? null : ours.substring("bert.".length());
    }
    Matcher m = OUR_LAYER.matcher(ours);
    if (m.matches()) {
      for (String[] p : LAYER_PARTS) {
        if (m.group(2).startsWith(p[0])) {
          return "transformer.layer." + m.group(1) + "." + p[1] + m.group(2).substring(p[0].length());
        }
      }
      return null;
    }
    for (String[] p : HEAD_PARTS) {
      if (ours.startsWith(p[0])) {
        return p[1] + ours.substring(p[0].length());
      }
    }
    return null;
  }

  /** Our name for a DistilBERT one (with or without the prefix), or null when it is not one of BERT's tensors. */
  static String ourName(String stored) {
    String n = stored.startsWith(PREFIX) ? stored.substring(PREFIX.length()) : stored;
    if (n.startsWith("embeddings.")) {
      return n.equals("embeddings.position_ids") ? null : "bert." + n;
    }
    Matcher m = DISTIL_LAYER.matcher(n);
    if (m.matches()) {
      for (String[] p : LAYER_PARTS) {
        if (m.group(2).startsWith(p[1])) {
          return "bert.encoder.layer." + m.group(1) + "." + p[0] + m.group(2).substring(p[1].length());
        }
      }
      return null;
    }
    for (String[] p : HEAD_PARTS) {
      if (n.startsWith(p[1])) {
        return p[0] + n.substring(p[1].length());
      }
    }
    return null;
  }

  /**
   * A DistilBERT file's tensors under our names, checked against {@code config}'s schema with
   * DistilBERT's own names in every refusal; a zero segment table is added. Tensors that are not
   * DistilBERT's (a task head such as {@code pre_classifier}) are kept under their stored names;
   * the tied {@value #PROJECTOR_WEIGHT} and the {@code position_ids} buffer are dropped.
   */
  static Map<String, RawTensor> toOurs(String file, BertConfig config, Map<String, RawTensor> stored)
      throws CheckpointException {
    Map<String, RawTensor> out = new LinkedHashMap<>();
    Map<String, String> storedNameOf = new LinkedHashMap<>();
    for (RawTensor t : stored.values()) {
      String bare = t.name().startsWith(PREFIX) ? t.name().substring(PREFIX.length()) : t.name();
      if (bare.equals(PROJECTOR_WEIGHT) || bare.equals("embeddings.position_ids")) {
        continue;
      }
      String n = ourName(t.name());
      n = n == null ? t.name() : n;
      String earlier = storedNameOf.put(n, t.name());
      if (earlier != null) {
        throw new CheckpointException(file, Message.of(DistilBertNames.class, "storedTwice", bare, earlier,
            t.name()));
      }
      out.put(n, new RawTensor(n, t.shape(), t.data(), t.transposed()));
    }
    boolean prefixed = stored.keySet().stream().anyMatch(n -> n.startsWith(PREFIX));
    check(file, config, out, storedNameOf, prefixed ? PREFIX : "");
    int hidden = config.hiddenSize();
    ByteBuffer zeros = ByteBuffer.allocateDirect(SEGMENTS * hidden * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    out.put(TYPES, new RawTensor(TYPES, new long[] {SEGMENTS, hidden}, zeros, false));
    return out;
  }

  /**
   * Required tensors present with the config's shapes, the MLM head whole or absent; refusals name
   * the stored tensor.
   */
  private static void check(String file, BertConfig config, Map<String, RawTensor> tensors,
      Map<String, String> storedNameOf, String basePrefix) throws CheckpointException {
    TensorSchema schema = TensorSchema.of(config);
    Message configFile = Message.verbatim(HfFolderLoader.CONFIG);
    for (Component c : List.of(Component.EMBEDDINGS, Component.ENCODER, Component.MLM_HEAD)) {
      String firstMissing = null;
      int present = 0;
      for (TensorSpec s : schema.component(c)) {
        String distil = distilName(s.name());
        if (distil == null) {
          continue; // the segment table, made here
        }
        RawTensor t = tensors.get(s.name());
        if (t == null) {
          firstMissing = firstMissing == null ? (c == Component.MLM_HEAD ? distil : basePrefix + distil) : firstMissing;
          continue;
        }
        present++;
        if (!Arrays.equals(t.hfShape(), s.shape())) {
          throw new CheckpointException(file, Message.of(DistilBertNames.class, "shapeDisagrees",
              storedNameOf.get(s.name()), Arrays.toString(t.hfShape()), configFile, Arrays.toString(s.shape())));
        }
      }
      if (firstMissing != null && (c.required() || present > 0)) {
        throw new CheckpointException(file, c.required()
            ? Message.of(DistilBertNames.class, "missingTensor", firstMissing)
            : Message.of(DistilBertNames.class, "incomplete", c.title(), firstMissing));
      }
    }
  }

  /**
   * Our tensors under DistilBERT's names: the embeddings without segments, the encoder, and the MLM
   * head as DistilBertForMaskedLM's when {@code maskedLm} (the base then with the {@code distilbert.}
   * prefix); a bare DistilBertModel's names otherwise. Pooler, NSP head and other tensors are left out.
   */
  static Map<String, RawTensor> fromOurs(Map<String, RawTensor> ours, boolean maskedLm) {
    Map<String, RawTensor> out = new LinkedHashMap<>();
    for (RawTensor t : ours.values()) {
      String n = distilName(t.name());
      if (n == null) {
        continue;
      }
      boolean head = HEAD_PARTS.stream().anyMatch(p -> t.name().startsWith(p[0]));
      if (head && !maskedLm) {
        continue;
      }
      String name = head || !maskedLm ? n : PREFIX + n;
      out.put(name, new RawTensor(name, t.shape(), t.data(), t.transposed()));
    }
    return out;
  }
}
