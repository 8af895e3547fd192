package org.bertworkbench.gui.finetune;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bertworkbench.core.checkpoint.ModelCatalog;
import org.bertworkbench.core.pretrain.PretrainRun;
import org.bertworkbench.gui.text.Texts;

/**
 * Every model the wizard can start from: Google's checkpoints the window knows, the models the
 * window has opened, and the models made here — pretraining runs (their newest checkpoint) and
 * fine-tuning runs (their saved model) under the runs folder.
 */
public final class BaseModels {

  private static final Texts T = Texts.of(BaseModels.class);

  /** Where a model came from, as the model page shows it. */
  public enum Origin {
    GOOGLE, SAMPLE, ONNX, OPENED, PRETRAINED, FINETUNED, FOLDER;

    /** Where it came from, in the window's language. */
    @Override
    public String toString() {
      return switch (this) {
        case GOOGLE -> T.get("BaseModels.google");
        case SAMPLE -> T.get("BaseModels.sample");
        case ONNX -> T.get("BaseModels.onnx");
        case OPENED -> T.get("BaseModels.opened");
        case PRETRAINED -> T.get("BaseModels.pretrained");
        case FINETUNED -> T.get("BaseModels.finetuned");
        case FOLDER -> T.get("BaseModels.folder");
      };
    }
  }

  /**
   * One model.
   *
   * @param reference what the trainer opens: a known name or a folder
   * @param origin where it came from
   * @param note e.g. "not in the local Maven repository"; empty when usable
   * @param what what the model is, in words: "Google BERT-Base, 12 layers, uncased", "run-7 (classify, from
   *     sample-tiny)"; empty when unknown
   */
  public record BaseModel(String reference, Origin origin, String note, String what) {

    public BaseModel(String reference, Origin origin, String note) {
      this(reference, origin, note, "");
    }

    public boolean usable() {
      return note.isEmpty();
    }

    @Override
    public String toString() {
      // A known model's description says whose it is; a folder's says where it came from.
      String where = origin == Origin.GOOGLE ? "" : what.isEmpty() ? origin.toString() : "; " + origin;
      return reference + "  (" + what + where + (note.isEmpty() ? "" : "; " + note) + ")";
    }
  }

  private BaseModels() {}

  /**
   * The models, known names first, then the window's, then the runs folder's (newest first); a
   * reference appears once.
   *
   * @param windowModels the names and folders in the window's model list
   * @param runsFolder the folder holding run folders; may be null or missing
   */
  public static List<BaseModel> list(List<String> windowModels, Path runsFolder) {
    Map<String, BaseModel> out = new LinkedHashMap<>();
    for (ModelCatalog.KnownModel m : ModelCatalog.known()) {
      boolean google = ModelCatalog.isGoogleModel(m.name());
      Origin origin = google ? Origin.GOOGLE
          : m.source().equals(org.bertworkbench.core.checkpoint.Checkpoint.SOURCE_ONNX) ? Origin.ONNX : Origin.SAMPLE;
      out.put(m.name(), new BaseModel(m.name(), origin,
          m.available() ? "" : T.format("BaseModels.notLocal", m.mavenCoordinates()),
          describe(m, google)));
    }
    for (String m : windowModels) {
      // A fine-tuning run's model the window opened is still that run's: named by run, task and base.
      String run = runOf(m);
      out.putIfAbsent(m, run.isEmpty() ? new BaseModel(m, Origin.OPENED, "") : new BaseModel(m, Origin.FINETUNED, "", run));
    }
    for (BaseModel m : scan(runsFolder)) {
      out.putIfAbsent(m.reference(), m);
    }
    return List.copyOf(out.values());
  }

  /** The models made in the run folders under {@code runsFolder}, newest first. */
  static List<BaseModel> scan(Path runsFolder) {
    if (runsFolder == null || !Files.isDirectory(runsFolder)) {
      return List.of();
    }
    List<Path> dirs;
    try (Stream<Path> s = Files.list(runsFolder)) {
      dirs = s.filter(Files::isDirectory).sorted(Comparator.comparing(BaseModels::modified).reversed()).toList();
    } catch (IOException e) {
      return List.of();
    }
    List<BaseModel> out = new ArrayList<>();
    for (Path dir : dirs) {
      Path model = dir.resolve("model");
      if (isModelFolder(model)) {
        out.add(new BaseModel(model.toString(), Origin.FINETUNED, "", fineTuned(dir)));
      } else if (new PretrainRun(dir).exists() && !new org.bertworkbench.core.finetune.FinetuneRun(dir).exists()) {
        // (a stopped fine-tuning run has checkpoints too: they are not pretrained models)
        try {
          Path latest = new PretrainRun(dir).latestCheckpoint();
          if (latest != null && isModelFolder(latest)) {
            out.add(new BaseModel(latest.toString(), Origin.PRETRAINED, ""));
          }
        } catch (IOException | RuntimeException e) {
          // a run folder being written or damaged: not offered
        }
      }
    }
    return out;
  }

  /**
   * "Google BERT-Base: 12 layers, hidden 768, uncased", "sentence-transformers/all-MiniLM-L6-v2 sentence
   * embeddings: 6 layers, hidden 384, uncased", "2 layers, hidden 128, uncased": what a known name is.
   */
  static String describe(ModelCatalog.KnownModel m, boolean google) {
    var c = m.config();
    String cased = m.lowerCase() ? T.get("BaseModels.uncased") : T.get("BaseModels.cased");
    var sentence = ModelCatalog.sentenceModel(m.name());
    if (!google && sentence.isPresent()) {
      return T.format("BaseModels.onnxShape", sentence.get().huggingFaceId(), c.numHiddenLayers(), c.hiddenSize(),
          cased);
    }
    return google ? T.format("BaseModels.googleShape", c.numHiddenLayers(), c.hiddenSize(), cased)
        : T.format("BaseModels.shape", c.numHiddenLayers(), c.hiddenSize(), cased);
  }

  /** A fine-tuning run's model as LoadedBert labels it: "run-7 (classify, from sample-tiny)"; empty if its spec does not read. */
  static String fineTuned(Path runDir) {
    try {
      var spec = new org.bertworkbench.core.finetune.FinetuneRun(runDir).spec();
      return T.format("BaseModels.fineTuned", String.valueOf(runDir.getFileName()), spec.task().cliName(),
          RunsTable.baseName(spec));
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  /** "run-7 (classify, from sample-tiny)" when {@code reference} is a fine-tuning run's model/ folder, else "". */
  static String runOf(String reference) {
    try {
      Path p = Path.of(reference);
      Path parent = p.getParent();
      if (p.getFileName() != null && p.getFileName().toString().equals("model") && parent != null
          && new org.bertworkbench.core.finetune.FinetuneRun(parent).exists()) {
        return fineTuned(parent);
      }
    } catch (java.nio.file.InvalidPathException e) {
      // a model name, not a folder
    }
    return "";
  }

  /** A Hugging Face style folder: config.json and vocab.txt. */
  static boolean isModelFolder(Path dir) {
    return Files.isRegularFile(dir.resolve("config.json")) && Files.isRegularFile(dir.resolve("vocab.txt"));
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }
}
