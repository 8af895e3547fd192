package org.bertworkbench.core.finetune;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bertworkbench.core.device.Precision;
import org.bertworkbench.core.finetune.DataColumns.FeatureMode;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.run.AtomicFiles;

/**
 * Everything a fine-tuning run needs, validated: the run specification file ({@code spec.json})
 * that the wizard writes and the command line accepts with {@code --spec}; the run directory keeps
 * a copy, so a run can be repeated from it.
 *
 * @param task the task family
 * @param train the training file
 * @param dev the dev file, or null to split {@code devFraction} of the training file off
 * @param devFraction share of the training file held out as dev set when there is no dev file
 *     (0.1); ignored with a dev file
 * @param columns which columns hold what (TSV/CSV/JSON Lines), and numeric features
 * @param model the base model: a known name or a folder (pretrained or fine-tuned here)
 * @param out the run directory
 * @param epochs passes over the training set (the paper: 2, 3 or 4)
 * @param batchSize examples per step (the paper: 16 or 32)
 * @param learningRate peak rate (the paper: 5e-5, 3e-5 or 2e-5)
 * @param warmupFraction share of the steps with a linear warm-up (0.1)
 * @param weightDecay decoupled weight decay (0.01), not on LayerNorm or biases
 * @param maxLength longest input in word pieces, special tokens included (128)
 * @param seed the head's initialisation, the dev split, the data order and dropout all derive from it
 * @param frozenLayers 0 trains everything; K > 0 freezes the embeddings and encoder layers 0..K-1
 * @param device "cpu", "gpu0", ..., "all"
 * @param precision "auto" (float16 mixed precision on GPUs with tensor cores, float32 elsewhere),
 *     "float32" or "float16"; see {@link org.bertworkbench.core.device.DeviceSelection}
 * @param skipBadRows go on without the rows a dataset report lists; otherwise a bad row stops the run
 * @param evalEvery evaluate on the dev set every this many steps; 0: at the end of each epoch
 * @param checkpointEvery write a checkpoint every this many steps; 0: at the end of each epoch
 */
public record FinetuneSpec(TaskKind task, String train, String dev, double devFraction, DataColumns columns,
    String model, String out, int epochs, int batchSize, double learningRate, double warmupFraction,
    double weightDecay, int maxLength, long seed, int frozenLayers, String device, String precision, boolean skipBadRows,
    long evalEvery, long checkpointEvery) {

  public static final int DEFAULT_EPOCHS = 3;
  public static final int DEFAULT_BATCH_SIZE = 32;
  public static final double DEFAULT_LEARNING_RATE = 5e-5;
  public static final double DEFAULT_WARMUP = 0.1;
  public static final double DEFAULT_WEIGHT_DECAY = 0.01;
  public static final int DEFAULT_MAX_LENGTH = 128;
  public static final long DEFAULT_SEED = 42;
  public static final double DEFAULT_DEV_FRACTION = 0.1;
  /** The paper's grid (appendix A.3). */
  public static final List<Double> PAPER_LEARNING_RATES = List.of(5e-5, 3e-5, 2e-5);
  public static final List<Integer> PAPER_BATCH_SIZES = List.of(16, 32);
  public static final List<Integer> PAPER_EPOCHS = List.of(2, 3, 4);

  /** Checks every field; throws {@link BadInputException} naming the first that is wrong. */
  public FinetuneSpec {
    if (task == null) {
      throw new BadInputException(Message.of(FinetuneSpec.class, "FinetuneSpec.noTask"));
    }
    if (train == null || train.isBlank()) {
      throw new BadInputException(Message.of(FinetuneSpec.class, "FinetuneSpec.noTrain"));
    }
    if (model == null || model.isBlank()) {
      throw new BadInputException(Message.of(FinetuneSpec.class, "FinetuneSpec.noModel"));
    }
    if (out == null || out.isBlank()) {
      throw new BadInputException(Message.of(FinetuneSpec.class, "FinetuneSpec.noOut"));
    }
    dev = dev == null || dev.isBlank() ? null : dev;
    if (dev == null && !(devFraction > 0 && devFraction <= 0.5)) {
      throw new BadInputException(Message.of(FinetuneSpec.class, "FinetuneSpec.devFraction", devFraction));
    }
    columns = columns == null ? DataColumns.defaults(task) : columns;
    if (epochs < 1 || epochs > 100) {
      throw new BadInputException(Message.of(FinetuneSpec.class, "FinetuneSpec.epochs", epochs));
    }
    if (batchSize < 1 || batchSize > 4096) {
      throw new BadInputException(Message.of(FinetuneSpec.class, "FinetuneSpec.batchSize", batchSize));
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new BadInputException(Message.of(FinetuneSpec.class, "FinetuneSpec.learningRate", learningRate));
    }
    if (!(warmupFraction >= 0 && warmupFraction < 1)) {
      throw new BadInputException(Message.of(FinetuneSpec.class, "FinetuneSpec.warmup", warmupFraction));
    }
    if (!(weightDecay >= 0 && weightDecay < 1)) {
      throw new BadInputException(Message.of(FinetuneSpec.class, "FinetuneSpec.weightDecay", weightDecay));
    }
    if (maxLength < 8 || maxLength > 512) {
      throw new BadInputException(Message.of(FinetuneSpec.class, "maxLength", maxLength));
    }
    if (frozenLayers < 0) {
      throw new BadInputException(Message.of(FinetuneSpec.class, "FinetuneSpec.frozen", frozenLayers));
    }
    if (evalEvery < 0 || checkpointEvery < 0) {
      throw new BadInputException(Message.of(FinetuneSpec.class, "FinetuneSpec.intervals"));
    }
    if (columns.featureMode() != FeatureMode.NONE && !task.isClassification()) {
      throw new BadInputException(Message.of(FinetuneSpec.class, "FinetuneSpec.featuresTask", task.cliName()));
    }
    if (columns.featureMode() != FeatureMode.NONE && columns.features().isEmpty()) {
      throw new BadInputException(Message.of(FinetuneSpec.class, "FinetuneSpec.noFeature"));
    }
    if (columns.featureMode() == FeatureMode.TEXT_TEMPLATE
        && (columns.featureTemplate() == null || columns.featureTemplate().isBlank())) {
      throw new BadInputException(Message.of(FinetuneSpec.class, "noTemplate", "\"price {price}\""));
    }
    device = device == null || device.isBlank() ? "cpu" : device;
    precision = Precision.checkRequest(precision);
  }

  /** The paper's defaults for a task: 3 epochs, batch 32, 5e-5, 10% warm-up, 0.01 decay, 128 pieces, 10% dev split. */
  public static FinetuneSpec defaults(TaskKind task, String train, String model, String out) {
    return new FinetuneSpec(task, train, null, DEFAULT_DEV_FRACTION, DataColumns.defaults(task), model, out,
        DEFAULT_EPOCHS, DEFAULT_BATCH_SIZE, DEFAULT_LEARNING_RATE, DEFAULT_WARMUP, DEFAULT_WEIGHT_DECAY,
        DEFAULT_MAX_LENGTH, DEFAULT_SEED, 0, "cpu", Precision.AUTO, false, 0, 0);
  }

  public FinetuneSpec withDev(String devFile, double fraction) {
    return new FinetuneSpec(task, train, devFile, fraction, columns, model, out, epochs, batchSize, learningRate,
        warmupFraction, weightDecay, maxLength, seed, frozenLayers, device, precision, skipBadRows, evalEvery,
        checkpointEvery);
  }

  public FinetuneSpec withColumns(DataColumns c) {
    return new FinetuneSpec(task, train, dev, devFraction, c, model, out, epochs, batchSize, learningRate,
        warmupFraction, weightDecay, maxLength, seed, frozenLayers, device, precision, skipBadRows, evalEvery,
        checkpointEvery);
  }

  public FinetuneSpec withOut(String dir) {
    return new FinetuneSpec(task, train, dev, devFraction, columns, model, dir, epochs, batchSize, learningRate,
        warmupFraction, weightDecay, maxLength, seed, frozenLayers, device, precision, skipBadRows, evalEvery,
        checkpointEvery);
  }

  /** The three hyper-parameters of the paper's grid. */
  public FinetuneSpec withHyperparameters(int epochCount, int batch, double lr) {
    return new FinetuneSpec(task, train, dev, devFraction, columns, model, out, epochCount, batch, lr,
        warmupFraction, weightDecay, maxLength, seed, frozenLayers, device, precision, skipBadRows, evalEvery,
        checkpointEvery);
  }

  public FinetuneSpec withTraining(double warmup, double decay, int maxPieces, long newSeed, int frozen) {
    return new FinetuneSpec(task, train, dev, devFraction, columns, model, out, epochs, batchSize, learningRate,
        warmup, decay, maxPieces, newSeed, frozen, device, precision, skipBadRows, evalEvery,
        checkpointEvery);
  }

  public FinetuneSpec withRun(String newDevice, boolean skip, long evalInterval, long checkpointInterval) {
    return new FinetuneSpec(task, train, dev, devFraction, columns, model, out, epochs, batchSize, learningRate,
        warmupFraction, weightDecay, maxLength, seed, frozenLayers, newDevice, precision, skip, evalInterval,
        checkpointInterval);
  }

  /** The same run in another precision: "auto", "float32" or "float16". */
  public FinetuneSpec withPrecision(String newPrecision) {
    return new FinetuneSpec(task, train, dev, devFraction, columns, model, out, epochs, batchSize, learningRate,
        warmupFraction, weightDecay, maxLength, seed, frozenLayers, device, newPrecision, skipBadRows, evalEvery,
        checkpointEvery);
  }

  /**
   * A small grid over learning rate x batch size x epochs: one spec per combination, each with its
   * own run directory {@code out/lr5e-05-b32-e3}.
   */
  public List<FinetuneSpec> grid(List<Double> learningRates, List<Integer> batchSizes, List<Integer> epochCounts) {
    List<FinetuneSpec> out = new ArrayList<>();
    for (double lr : learningRates) {
      for (int b : batchSizes) {
        for (int e : epochCounts) {
          String name = String.format(Locale.ROOT, "lr%s-b%d-e%d", shortNumber(lr), b, e);
          out.add(withHyperparameters(e, b, lr).withOut(Path.of(this.out).resolve(name).toString()));
        }
      }
    }
    return out;
  }

  private static String shortNumber(double v) {
    return String.format(Locale.ROOT, "%.0e", v).replace("e-0", "e-");
  }

  // ---- spec.json ----

  private static final Set<String> KEYS = Set.of("task", "train", "dev", "dev_fraction", "columns", "model", "out",
      "epochs", "batch_size", "learning_rate", "warmup_fraction", "weight_decay", "max_length", "seed",
      "frozen_layers", "device", "precision", "skip_bad_rows", "eval_every", "checkpoint_every");
  private static final Set<String> COLUMN_KEYS = Set.of("text_a", "text_b", "label", "features", "feature_mode",
      "feature_template");

  /** The spec as the JSON of a run specification file (snake_case keys, task by its command-line name). */
  public JsonObject toJson() {
    JsonObject o = new JsonObject();
    o.addProperty("task", task.cliName());
    o.addProperty("train", train);
    o.addProperty("dev", dev);
    // With a dev file nothing is split off: no fraction is recorded (null), so that none is read into the run.
    o.addProperty("dev_fraction", dev == null ? (Number) devFraction : null);
    JsonObject c = new JsonObject();
    c.addProperty("text_a", columns.textA());
    c.addProperty("text_b", columns.textB());
    c.addProperty("label", columns.label());
    JsonArray f = new JsonArray();
    columns.features().forEach(f::add);
    c.add("features", f);
    c.addProperty("feature_mode", columns.featureMode().name().toLowerCase(Locale.ROOT));
    c.addProperty("feature_template", columns.featureTemplate());
    o.add("columns", c);
    o.addProperty("model", model);
    o.addProperty("out", out);
    o.addProperty("epochs", epochs);
    o.addProperty("batch_size", batchSize);
    o.addProperty("learning_rate", learningRate);
    o.addProperty("warmup_fraction", warmupFraction);
    o.addProperty("weight_decay", weightDecay);
    o.addProperty("max_length", maxLength);
    o.addProperty("seed", seed);
    o.addProperty("frozen_layers", frozenLayers);
    o.addProperty("device", device);
    o.addProperty("precision", precision);
    o.addProperty("skip_bad_rows", skipBadRows);
    o.addProperty("eval_every", evalEvery);
    o.addProperty("checkpoint_every", checkpointEvery);
    return o;
  }

  /** Pretty JSON text with a final newline. */
  public String toJsonText() {
    return new GsonBuilder().serializeNulls().setPrettyPrinting().disableHtmlEscaping().create().toJson(toJson()) + "\n";
  }

  /** Writes the spec file atomically. */
  public void save(Path file) throws IOException {
    AtomicFiles.writeString(file, toJsonText());
  }

  /** Reads a spec file; refuses unknown keys (a typo) and wrong values with one line naming the file. */
  public static FinetuneSpec load(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IOException(file + ": cannot read the run specification: " + e.getMessage(), e);
    }
    try {
      return fromJson(JsonParser.parseString(text).getAsJsonObject());
    } catch (JsonParseException | IllegalStateException | IllegalArgumentException | UnsupportedOperationException e) {
      throw new BadInputException(Message.of(FinetuneSpec.class, "FinetuneSpec.inFile", file.getFileName(),
          Sentences.problemOf(e)), e);
    }
  }

  /** The spec of a JSON object; missing keys take the defaults (task, train, model and out are required). */
  public static FinetuneSpec fromJson(JsonObject o) {
    for (String key : o.keySet()) {
      if (!KEYS.contains(key)) {
        throw new BadInputException(Message.of(FinetuneSpec.class, "FinetuneSpec.unknownKey", key,
            String.join(", ", KEYS.stream().sorted().toList())));
      }
    }
    TaskKind task = TaskKind.parse(string(o, "task", null));
    DataColumns columns = DataColumns.defaults(task);
    if (o.has("columns") && !o.get("columns").isJsonNull()) {
      columns = columns(o.getAsJsonObject("columns"), columns);
    }
    return new FinetuneSpec(task, string(o, "train", null), string(o, "dev", null),
        number(o, "dev_fraction", DEFAULT_DEV_FRACTION), columns, string(o, "model", null), string(o, "out", null),
        (int) whole(o, "epochs", DEFAULT_EPOCHS), (int) whole(o, "batch_size", DEFAULT_BATCH_SIZE),
        number(o, "learning_rate", DEFAULT_LEARNING_RATE), number(o, "warmup_fraction", DEFAULT_WARMUP),
        number(o, "weight_decay", DEFAULT_WEIGHT_DECAY), (int) whole(o, "max_length", DEFAULT_MAX_LENGTH),
        whole(o, "seed", DEFAULT_SEED), (int) whole(o, "frozen_layers", 0), string(o, "device", "cpu"),
        string(o, "precision", Precision.AUTO), o.has("skip_bad_rows") && o.get("skip_bad_rows").getAsBoolean(), whole(o, "eval_every", 0),
        whole(o, "checkpoint_every", 0));
  }

  private static DataColumns columns(JsonObject c, DataColumns defaults) {
    for (String key : c.keySet()) {
      if (!COLUMN_KEYS.contains(key)) {
        throw new BadInputException(Message.of(FinetuneSpec.class, "FinetuneSpec.unknownColumnKey", key));
      }
    }
    List<String> features = new ArrayList<>();
    if (c.has("features") && c.get("features").isJsonArray()) {
      c.getAsJsonArray("features").forEach(e -> features.add(e.getAsString()));
    }
    String mode = string(c, "feature_mode", features.isEmpty() ? "none" : "cls_concat");
    FeatureMode featureMode;
    try {
      featureMode = FeatureMode.valueOf(mode.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadInputException(Message.of(FinetuneSpec.class, "FinetuneSpec.featureMode", mode));
    }
    return new DataColumns(string(c, "text_a", defaults.textA()), string(c, "text_b", defaults.textB()),
        string(c, "label", defaults.label()), features, featureMode, string(c, "feature_template", null));
  }

  private static String string(JsonObject o, String key, String fallback) {
    JsonElement e = o.get(key);
    return e == null || e.isJsonNull() ? fallback : e.getAsString();
  }

  private static double number(JsonObject o, String key, double fallback) {
    JsonElement e = o.get(key);
    return e == null || e.isJsonNull() ? fallback : e.getAsDouble();
  }

  private static long whole(JsonObject o, String key, long fallback) {
    JsonElement e = o.get(key);
    if (e == null || e.isJsonNull()) {
      return fallback;
    }
    double d = e.getAsDouble();
    if (d != Math.rint(d)) {
      throw new BadInputException(Message.of(FinetuneSpec.class, "FinetuneSpec.whole", key, e));
    }
    return (long) d;
  }
}
