package org.bertworkbench.core.checkpoint;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.run.AtomicFiles;
import org.bertworkbench.core.tensor.RawTensor;

/**
 * Writes a Hugging Face DistilBERT folder (config.json with model_type "distilbert", vocab.txt,
 * tokenizer_config.json, model.safetensors under DistilBERT's names, see {@link DistilBertNames})
 * that transformers' {@code DistilBertModel} or {@code DistilBertForMaskedLM} loads and {@link
 * CheckpointLoader} opens. Segment embeddings, pooler and NSP head are not written: DistilBERT has none.
 *
 * <p>{@link #writeStudent} makes the folder DistilBERT's paper starts its student from: a BERT's
 * embeddings (without segments) and one of every two encoder layers.
 */
public final class DistilBertFolderWriter {

  /** DistilBertForMaskedLM: the base under {@code distilbert.} and the MLM head. */
  public static final String MASKED_LM = "DistilBertForMaskedLM";
  /** A bare DistilBertModel: the base alone, without prefix. */
  public static final String MODEL = "DistilBertModel";

  private static final Pattern LAYER = Pattern.compile("^bert\\.encoder\\.layer\\.(\\d{1,6})\\.(.+)$");

  private DistilBertFolderWriter() {
  }

  /**
   * @param config the sizes (its segments are not written)
   * @param architecture {@link #MASKED_LM} (needs the MLM head in {@code tensors}) or {@link #MODEL}
   * @param vocab the tokens, one per line; its size must equal {@code config.vocabSize()}
   * @param tensors our names ({@code bert.encoder.layer.0.attention.self.query.weight}, ...)
   */
  public static void write(Path dir, BertConfig config, String architecture, List<String> vocab, boolean lowerCase,
      Map<String, RawTensor> tensors) throws IOException {
    boolean maskedLm = switch (architecture) {
      case MASKED_LM -> true;
      case MODEL -> false;
      default -> throw new IllegalArgumentException(architecture + " is not " + MASKED_LM + " or " + MODEL);
    };
    if (vocab.size() != config.vocabSize()) {
      throw new IllegalArgumentException(vocab.size() + " tokens but vocab_size " + config.vocabSize());
    }
    Map<String, RawTensor> named = DistilBertNames.fromOurs(tensors, maskedLm);
    for (TensorSchema.TensorSpec s : TensorSchema.of(config).specs().values()) {
      String n = DistilBertNames.distilName(s.name());
      boolean head = s.component() == TensorSchema.Component.MLM_HEAD;
      if (n == null || (head && !maskedLm)) {
        continue;
      }
      RawTensor t = named.get(head || !maskedLm ? n : DistilBertNames.PREFIX + n);
      if (t == null || !Arrays.equals(t.hfShape(), s.shape())) {
        throw new IllegalArgumentException(s.name() + (t == null ? " is missing" : " has shape "
            + Arrays.toString(t.hfShape()) + ", the config says " + Arrays.toString(s.shape())));
      }
    }
    Files.createDirectories(dir);
    AtomicFiles.writeString(dir.resolve(HfFolderLoader.CONFIG),
        ConfigJson.toDistilBertJson(config, List.of(architecture)));
    AtomicFiles.writeString(dir.resolve(HfFolderLoader.VOCAB), String.join("\n", vocab) + "\n");
    JsonObject tok = new JsonObject();
    tok.addProperty("do_lower_case", lowerCase);
    tok.addProperty("tokenizer_class", "DistilBertTokenizer");
    AtomicFiles.writeString(dir.resolve(HfFolderLoader.TOKENIZER_CONFIG), tok + "\n");
    SafetensorsWriter.write(dir.resolve(HfFolderLoader.WEIGHTS), named);
  }

  /**
   * A DistilBERT student initialised from {@code teacher}: its embeddings without segments, its
   * encoder layers {@code layers} (in that order, as the student's 0, 1, ...), and with {@link
   * #MASKED_LM} its MLM head.
   */
  public static void writeStudent(Path dir, Checkpoint teacher, int[] layers, String architecture)
      throws IOException {
    BertConfig t = teacher.config();
    for (int l : layers) {
      if (l < 0 || l >= t.numHiddenLayers()) {
        throw new IllegalArgumentException("layer " + l + " is outside 0-" + (t.numHiddenLayers() - 1));
      }
    }
    BertConfig student = new BertConfig(t.vocabSize(), t.hiddenSize(), layers.length, t.numAttentionHeads(),
        t.intermediateSize(), t.hiddenAct(), t.hiddenDropoutProb(), t.attentionProbsDropoutProb(),
        t.maxPositionEmbeddings(), DistilBertNames.SEGMENTS, t.initializerRange(), t.layerNormEps(),
        t.padTokenId());
    Map<String, RawTensor> picked = new LinkedHashMap<>();
    for (RawTensor r : teacher.tensors().values()) {
      Matcher m = LAYER.matcher(r.name());
      if (!m.matches()) {
        picked.put(r.name(), r);
        continue;
      }
      int from = Integer.parseInt(m.group(1));
      for (int i = 0; i < layers.length; i++) {
        if (layers[i] == from) {
          String n = "bert.encoder.layer." + i + "." + m.group(2);
          picked.put(n, new RawTensor(n, r.shape(), r.data(), r.transposed()));
        }
      }
    }
    write(dir, student, architecture, Files.readAllLines(teacher.vocabFile()), teacher.lowerCase(), picked);
  }

  /** Layers 0, 2, 4, ... of a teacher of {@code teacherLayers}: one of every two, as DistilBERT's paper takes them. */
  public static int[] everyOtherLayer(int teacherLayers) {
    int[] out = new int[(teacherLayers + 1) / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = 2 * i;
    }
    return out;
  }
}
