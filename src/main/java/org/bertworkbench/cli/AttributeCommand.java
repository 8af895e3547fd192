package org.bertworkbench.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bertworkbench.core.device.DeviceSelection;
import org.bertworkbench.core.explain.Attribution;
import org.bertworkbench.core.explain.Attributor;
import org.bertworkbench.core.explain.Explain;
import org.bertworkbench.core.explain.ExplainJson;
import org.bertworkbench.core.explain.Faithfulness;
import org.bertworkbench.core.explain.Method;
import org.bertworkbench.core.explain.Objective;
import org.bertworkbench.core.explain.Target;
import org.bertworkbench.core.finetune.EncodedInput;
import org.bertworkbench.core.finetune.FinetuneModel;
import org.bertworkbench.core.finetune.ModelInputs;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;
import org.bertworkbench.core.tokenize.Vocab;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Which input tokens a prediction rests on, split over the token, segment and position embeddings. */
@Command(name = "attribute", mixinStandardHelpOptions = true,
    description = {"Attribute a prediction to the input tokens and their three embedding parts.",
        "Targets: mlm (default; the top-1 token at the first [MASK], or --target-token), nsp, similarity "
            + "(cosine of text A and --text-b), and on a fine-tuned model class:K, start:P, end:P, tag:P:K.",
        "--faithfulness adds deletion curves for every method and random orders; with --input, the mean "
            + "rank correlation between methods over the file."})
final class AttributeCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  InputOptions options;

  @Mixin
  ModelOptions modelOptions;

  @Option(names = "--method", defaultValue = "integrated-gradients",
      description = "integrated-gradients, grad-x-input, occlusion, attention or rollout (default: ${DEFAULT-VALUE})")
  String method;

  @Option(names = "--steps", defaultValue = "" + Attributor.DEFAULT_STEPS,
      description = "integrated-gradients steps N (default: ${DEFAULT-VALUE})")
  int steps;

  @Option(names = "--target", defaultValue = "mlm", description = "what to explain (default: ${DEFAULT-VALUE})")
  String target;

  @Option(names = "--target-token", paramLabel = "T", description = "mlm: explain this vocabulary token instead of the top-1")
  String targetToken;

  @Option(names = "--faithfulness", description = "deletion curves of every method against random orders")
  boolean faithfulness;

  @Option(names = "--seed", defaultValue = "1", description = "seed of the random deletion orders (default: ${DEFAULT-VALUE})")
  long seed;

  @Override
  public Integer call() throws Exception {
    Method m = Method.parse(method);
    Target t = Target.parse(target).withToken(targetToken);
    if (steps <= 0) {
      throw new IllegalArgumentException("--steps must be 1 or more, got " + steps);
    }
    List<InputOptions.TextInput> inputs = options.inputs();
    PrintWriter out = spec.commandLine().getOut();
    List<Map<Method, Attribution>> all = new ArrayList<>();
    List<boolean[]> replaced = new ArrayList<>();
    boolean finetuned = switch (t.kind()) {
      case CLASS, START, END, TAG -> true;
      default -> false;
    };
    if (finetuned) {
      try (FinetuneModel model = FinetuneModel.open(options.model,
          DeviceSelection.device(options.device))) {
        for (int i = 0; i < inputs.size(); i++) {
          InputOptions.TextInput in = inputs.get(i);
          EncodedInput e = model.encoder().encode(List.of(ModelInputs.unlabelled(model.head(), i + 1, in.a(), in.b(),
              null)), false).inputs().get(0);
          List<String> tokens = tokens(model.tokenizer().vocab(), e.inputIds());
          try (Attributor a = Explain.attributor(model, e, t)) {
            report(out, options.model, tokens, a, m, all, replaced);
          }
        }
      }
    } else {
      try (LoadedBert loaded = ModelOptions.load(options)) {
        ForwardOptions forward = ForwardOptions.INFERENCE.withHeadMask(modelOptions.headMask(loaded));
        for (InputOptions.TextInput in : inputs) {
          Encoding e = Explain.encode(loaded, in.a(), in.b(), t, options.maxLength);
          Notices.truncation(spec, e, options.maxLength);
          try (Attributor a = Explain.attributor(loaded, e, in.b(), t, forward)) {
            report(out, loaded.label(), e.tokens(), a, m, all, replaced);
          }
        }
      }
    }
    if (faithfulness && inputs.size() > 1) {
      List<Faithfulness.Correlation> rho = Faithfulness.rankCorrelations(all, replaced,
          List.of(Method.ATTENTION, Method.ROLLOUT, Method.INTEGRATED_GRADIENTS, Method.GRAD_X_INPUT,
              Method.OCCLUSION));
      if (options.json) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Faithfulness.Correlation c : rho) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("a", c.a().cliName());
          row.put("b", c.b().cliName());
          row.put("spearman", c.spearman());
          row.put("inputs", c.inputs());
          rows.add(row);
        }
        out.println(Json.of(Map.of("rank_correlation", rows)));
      } else {
        out.println("rank correlation of the methods' totals (Spearman, mean over inputs):");
        for (Faithfulness.Correlation c : rho) {
          out.printf("  %-22s %-22s %7.3f  (%d inputs)%n", c.a().cliName(), c.b().cliName(), c.spearman(), c.inputs());
        }
      }
    }
    out.flush();
    return 0;
  }

  private void report(PrintWriter out, String model, List<String> tokens, Attributor a, Method m,
      List<Map<Method, Attribution>> all, List<boolean[]> replaced) {
    Map<Method, Attribution> methods = new LinkedHashMap<>();
    if (faithfulness) {
      methods.putAll(Explain.all(a, steps, Progress.NONE));
    } else {
      methods.put(m, a.run(m, steps, Progress.NONE));
    }
    all.add(methods);
    replaced.add(a.replaced());
    Attribution at = methods.get(m);
    List<Faithfulness.Curve> curves = faithfulness
        ? Faithfulness.deletionCurves(a, methods, Faithfulness.RANDOM_ORDERS, seed, Progress.NONE) : List.of();
    if (options.json) {
      out.println(Json.withNulls(json(model, tokens, a, at, curves)));
    } else {
      human(out, tokens, a, at, curves);
    }
  }

  static Map<String, Object> json(String model, List<String> tokens, Attributor a, Attribution at,
      List<Faithfulness.Curve> curves) {
    return ExplainJson.document(model, tokens, a.explained(), a.f(), a.fBaseline(), at, curves);
  }

  private static void human(PrintWriter out, List<String> tokens, Attributor a, Attribution at,
      List<Faithfulness.Curve> curves) {
    Objective.Explained x = a.explained();
    out.printf("%s at token %d (%s): f = %.4f, baseline %.4f; %s%n", x.target().spec(), x.position(), x.name(),
        a.f(), a.fBaseline(), at.method().cliName());
    boolean parts = at.token() != null && at.position() != null;
    out.println(parts ? String.format("  %-16s %10s %10s %10s %10s", "token", "word", "segment", "position", "total")
        : String.format("  %-16s %10s", "token", "total"));
    for (int t = 0; t < tokens.size(); t++) {
      if (parts) {
        out.printf("  %-16s %10.4f %10s %10.4f %10.4f%n", tokens.get(t), at.token()[t],
            at.segment() == null ? "-" : String.format("%.4f", at.segment()[t]), at.position()[t], at.total()[t]);
      } else {
        out.printf("  %-16s %10.4f%n", tokens.get(t), at.total()[t]);
      }
    }
    if (at.completeness() != null) {
      Attribution.Completeness c = at.completeness();
      out.printf("completeness (N = %d): sum %.5f, f(x) - f(x') %.5f, error %.5f%n", at.steps(), c.sum(),
          c.difference(), c.error());
    }
    for (Faithfulness.Curve c : curves) {
      out.printf("deletion area %-22s %.4f%n", c.method() == null ? "random (mean)" : c.method().cliName(), c.area());
    }
  }

  private static List<String> tokens(Vocab vocab, int[] ids) {
    List<String> out = new ArrayList<>();
    for (int id : ids) {
      out.add(vocab.token(id));
    }
    return out;
  }
}
