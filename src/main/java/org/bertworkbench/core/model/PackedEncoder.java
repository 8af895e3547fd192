package org.bertworkbench.core.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.tensor.TorchScript;

/**
 * The encoder stack for inference on the CPU in float32, computed in one TorchScript call with
 * oneDNN's pre-packed linear layers: the same layers, operations and order as {@link BertLayer} and
 * {@link BertAttention} (queries, keys and values in one projection, the scaling and the mask fused
 * into the score product, GELU into the feed-forward product), returning every intermediate they
 * return. Measured against ONNX Runtime in docs/decisions/0011-packed-encoder.md.
 *
 * <p>The packed weights are copies (BERT-Base: 340 MB), made once per model on first use and
 * freed with the model's weights; only read-only weights are packed, since trained ones change.
 * The system property {@value #SWITCH}{@code =false} keeps every pass on the blocks.
 */
final class PackedEncoder {

  /** The system property that turns the packed encoder off ({@code false}). */
  static final String SWITCH = "bertworkbench.packedEncoder";

  /**
   * A batch runs in chunks of rows of about this many tokens in all: a chunk's activations stay in
   * the caches, which is faster than one large product (measured in docs/decisions/0011).
   */
  static final int TOKENS_PER_CHUNK = 512;

  /** The system property that sets {@link #TOKENS_PER_CHUNK} instead. */
  static final String ROWS_SWITCH = "bertworkbench.packedEncoder.chunkTokens";

  private static final int PER_LAYER_IN = 16;
  private static final int PER_LAYER_OUT = 6;
  /** Passes run packed so far in this process (tests read it to know which path ran). */
  static final AtomicLong PASSES = new AtomicLong();

  private static TorchScript script;
  private static String unavailable;

  private final NDArray[] packed;
  private final BertConfig config;
  private final boolean bf16;

  private PackedEncoder(NDArray[] packed, BertConfig config, boolean bf16) {
    this.packed = packed;
    this.config = config;
    this.bf16 = bf16;
  }

  /**
   * Whether this CPU multiplies bfloat16 in hardware (AVX512_BF16 or AMX-BF16): elsewhere oneDNN
   * would emulate it, slower than float32.
   */
  static boolean bfloat16Hardware() {
    try {
      String info = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/cpuinfo"));
      return info.contains(" avx512_bf16") || info.contains(" amx_bf16");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Whether a pass may use the packed encoder: read-only float32 weights on the CPU, nothing to
   * train, no gradient wanted back to the input ({@code gradientToInput}; the packed operators
   * have no backward).
   */
  static boolean applies(NDArray x, NDArray maskBias, boolean frozenWeights, ForwardOptions options,
      boolean gradientToInput) {
    return frozenWeights
        && !gradientToInput
        && !options.training()
        && !"false".equals(System.getProperty(SWITCH))
        && x.getDataType() == DataType.FLOAT32
        && maskBias.getDataType() == DataType.FLOAT32
        && Device.Type.CPU.equals(x.getDevice().getDeviceType());
  }

  /**
   * Packs the layers' weights (in bfloat16 when {@code bf16}: linear weights and biases; the
   * LayerNorms stay float32), or returns null (and says why once on stderr) when this libtorch
   * cannot: the passes then stay on the blocks.
   */
  static PackedEncoder pack(List<BertLayer> layers, BertConfig config, boolean bf16) {
    TorchScript s = script();
    if (s == null) {
      return null;
    }
    List<NDArray> weights = new ArrayList<>(layers.size() * PER_LAYER_IN);
    for (BertLayer layer : layers) {
      weights.addAll(layer.weights());
    }
    try {
      NDArray[] packed = s.run(bf16 ? "pack_bf16" : "pack", weights.get(0).getManager(), weights);
      return new PackedEncoder(packed, config, bf16);
    } catch (RuntimeException e) {
      giveUp("the weights could not be packed: " + e.getMessage());
      return null;
    }
  }

  /**
   * The encoder's output for (B, T, H) embeddings and the additive mask (B, 1, 1|T, T); each
   * layer's intermediates only when {@code trace} (otherwise its list of layers is empty).
   */
  BertEncoder.Output forward(NDArray x, NDArray maskBias, boolean trace) {
    double scale = 1.0 / Math.sqrt(config.headSize());
    long t = x.getShape().get(1);
    int rows = (int) Math.max(1, Integer.getInteger(ROWS_SWITCH, TOKENS_PER_CHUNK) / t);
    PASSES.incrementAndGet();
    NDArray[] out = script.run("forward", x.getManager(), packed, x, maskBias,
        config.numAttentionHeads(), config.layerNormEps(), scale, trace, rows, bf16);
    if (!trace) {
      return new BertEncoder.Output(out[0], List.of());
    }
    int n = out.length / PER_LAYER_OUT;
    List<BertLayer.Output> layers = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int o = i * PER_LAYER_OUT;
      BertAttention.Output attention = new BertAttention.Output(out[o], out[o + 2], out[o + 3], out[o + 4], out[o + 5]);
      layers.add(new BertLayer.Output(out[o + 1], attention));
    }
    return new BertEncoder.Output(layers.get(n - 1).hidden(), layers);
  }

  private static synchronized TorchScript script() {
    if (script == null && unavailable == null) {
      try (InputStream in = PackedEncoder.class.getResourceAsStream("PackedEncoder.torchscript")) {
        script = TorchScript.compile("PackedEncoder", new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (RuntimeException e) {
        giveUp("libtorch did not compile it: " + e.getMessage());
      }
    }
    return script;
  }

  private static synchronized void giveUp(String why) {
    if (unavailable == null) {
      unavailable = why;
      System.err.println("note: the packed encoder is off (" + why + "); passes run on the blocks");
    }
  }
}
