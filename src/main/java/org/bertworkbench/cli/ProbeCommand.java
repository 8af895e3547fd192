package org.bertworkbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bertworkbench.core.device.DeviceSelection;
import org.bertworkbench.core.explain.LayerProbe;
import org.bertworkbench.core.explain.ProbeJson;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Layer probes (Tenney et al. 2019) with Hewitt and Liang's control task, on a train and a dev tagging file. */
@Command(name = "probe", mixinStandardHelpOptions = true,
    description = {"Train a linear probe on every layer's hidden states (each word's first word piece, the model "
        + "frozen) to predict the tags of a CoNLL file (word<TAB>tag a line, a blank line between sentences), and "
        + "print its dev accuracy, the accuracy of the same probe on a control task (a random tag fixed per word "
        + "type, Hewitt and Liang 2019) and the selectivity (their difference), with the majority-tag baseline.",
        "With --json: {\"model\", \"train_words\", \"dev_words\", \"tags\", \"majority_tag\", \"majority_baseline\", "
        + "\"layers\": [{\"layer\", \"accuracy\", \"control_accuracy\", \"selectivity\"}], \"notes\"}."})
final class ProbeCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ModelOptions modelOptions;

  @Option(names = "--train", required = true, paramLabel = "FILE", description = "the tagging file the probes learn from")
  Path train;

  @Option(names = "--dev", required = true, paramLabel = "FILE", description = "the tagging file they are scored on")
  Path dev;

  @Option(names = "--model", defaultValue = "bert-base-uncased",
      description = "a known model name or a model folder (default: ${DEFAULT-VALUE})")
  String model;

  @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu or gpuN (default: ${DEFAULT-VALUE})")
  String device;

  @Option(names = "--max-length", defaultValue = "512",
      description = "longest sentence in word pieces, [CLS] and [SEP] included; longer ones are cut "
          + "(default: ${DEFAULT-VALUE})")
  int maxLength;

  @Option(names = "--seed", defaultValue = "42", paramLabel = "S",
      description = "the control task's seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--json", description = "print one JSON object")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (maxLength < 3) {
      throw new IllegalArgumentException("--max-length must be at least 3 ([CLS], one piece, [SEP]), got " + maxLength);
    }
    try (LoadedBert loaded = LoadedBert.open(model, DeviceSelection.device(device), Progress.NONE)) {
      LayerProbe.Settings defaults = LayerProbe.Settings.defaults(seed);
      LayerProbe.Settings settings = new LayerProbe.Settings(seed, maxLength, defaults.batchSize(), defaults.steps(),
          defaults.learningRate(), defaults.l2(), defaults.forward().withHeadMask(modelOptions.headMask(loaded)));
      LayerProbe.Result r = LayerProbe.run(loaded, train, dev, settings, Progress.NONE);
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      for (Message note : r.notes()) {
        err.println("note: " + note.english());
      }
      if (json) {
        out.println(Json.of(document(r)));
      } else {
        print(out, r);
      }
    }
    return 0;
  }

  /** The JSON the command prints. */
  static Map<String, Object> document(LayerProbe.Result r) {
    return ProbeJson.document(r);
  }

  private static void print(PrintWriter out, LayerProbe.Result r) {
    out.printf(Locale.ROOT, "%s: %d train words, %d dev words, %d tags; majority tag %s: %.3f%n", r.model(),
        r.trainWords(), r.devWords(), r.tags().size(), r.majorityTag(), r.majorityBaseline());
    out.println("layer  accuracy  control  selectivity");
    for (LayerProbe.Layer l : r.layers()) {
      out.printf(Locale.ROOT, "%5d  %8.3f  %7.3f  %11.3f%n", l.layer(), l.accuracy(), l.controlAccuracy(),
          l.selectivity());
    }
  }
}
