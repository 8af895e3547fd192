package org.bertworkbench.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that runs a model over text inputs ({@code --text}/{@code --input}, {@code --model},
 * {@code --mask-heads}): loads the model, encodes every input (noting truncation on standard
 * error) and hands the encodings to {@link #run}.
 */
abstract class TextModelCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  InputOptions options;

  @Mixin
  ModelOptions modelOptions;

  /**
   * Does the command's work.
   *
   * @param inputs the inputs as given, in order
   * @param encodings their encodings, in the same order
   * @param forward {@code base} with the requested head mask
   */
  abstract void run(LoadedBert loaded, List<InputOptions.TextInput> inputs, List<Encoding> encodings,
      ForwardOptions forward, PrintWriter out) throws Exception;

  /** The forward options the command starts from (trace or not). */
  abstract ForwardOptions base();

  /** Checks the command's own options before anything loads. */
  void validate() {}

  @Override
  public Integer call() throws Exception {
    validate();
    List<InputOptions.TextInput> inputs = options.inputs();
    try (LoadedBert loaded = ModelOptions.load(options)) {
      modelOptions.applyPrecision(loaded.model().bert());
      ForwardOptions forward = base().withHeadMask(modelOptions.headMask(loaded));
      List<Encoding> encodings = new ArrayList<>();
      for (InputOptions.TextInput in : inputs) {
        Encoding e = loaded.encode(in.a(), in.b(), options.maxLength);
        Notices.truncation(spec, e, options.maxLength);
        encodings.add(e);
      }
      run(loaded, inputs, encodings, forward, spec.commandLine().getOut());
    }
    return 0;
  }
}
