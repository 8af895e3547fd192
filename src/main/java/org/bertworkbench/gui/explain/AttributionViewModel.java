package org.bertworkbench.gui.explain;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.bertworkbench.core.analysis.CorpusFile;
import org.bertworkbench.core.explain.Attributor;
import org.bertworkbench.core.explain.Explain;
import org.bertworkbench.core.explain.Explanation;
import org.bertworkbench.core.explain.Method;
import org.bertworkbench.core.explain.Objectives;
import org.bertworkbench.core.explain.Target;
import org.bertworkbench.core.finetune.EncodedInput;
import org.bertworkbench.core.finetune.Example;
import org.bertworkbench.core.finetune.FinetuneModel;
import org.bertworkbench.core.finetune.ModelInputs;
import org.bertworkbench.core.finetune.QaExample;
import org.bertworkbench.core.finetune.TagExample;
import org.bertworkbench.core.finetune.TextExample;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;
import org.bertworkbench.core.tokenize.Vocab;
import org.bertworkbench.gui.shell.EncoderSwitches;
import org.bertworkbench.gui.shell.ExplainRequest;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.text.Texts;
import org.bertworkbench.gui.work.Latest;

/**
 * The attribution view's work, without a window, and the one input every explanation view reads:
 * text A and B, the target, the masked-LM token, the method and the steps. The input is explained
 * on the window's model, or, after "Explain this prediction" ({@link #explain(ExplainRequest)}), on
 * the fine-tuned model the predictions browser named, opened here and kept open until another one is
 * needed, "Use the window's model" or shutdown. Work runs off the FX thread, newest request wins.
 */
public final class AttributionViewModel {

  private static final Texts T = Texts.of(AttributionViewModel.class);

  /** Text A to begin with: the example, English in either language as the models it is for. */
  static final String EXAMPLE = "Paris is the [MASK] of France."; // i18n-ok: a model's input, not the window's words

  /** The most integrated-gradients steps the view offers. */
  public static final int MAX_STEPS = 2000;

  /** The most lines a file of inputs may hold for the rank correlations (each runs every method). */
  public static final int MAX_FILE_LINES = 500;

  /**
   * An attributor over the current input with what the views say about it; the attributor is closed
   * after the job.
   *
   * @param model the model's label (the window's model, or the fine-tuned folder's name)
   * @param tokens the input's tokens
   * @param attributor the attributor, open while the job runs
   */
  public record Prepared(String model, List<String> tokens, Attributor attributor) {}

  /** Work on a prepared attributor, on a view's runner. */
  public interface Job<R> {
    R run(Prepared prepared, Progress progress) throws Exception;
  }

  /** What a run reads, taken on the FX thread when it is asked for. */
  private record Input(LoadedBert loaded, ForwardOptions options, ExplainRequest request, String textA, String textB,
      String target, String token, boolean edited) {}

  /** A fine-tuned model opened for a request's folder. */
  private record Opened(Path dir, FinetuneModel model) {}

  private final Supplier<LoadedBert> loaded;
  private final Supplier<EncoderSwitches> switches;
  private final Function<String, Latest> runners;
  private final List<Latest> users = new CopyOnWriteArrayList<>();
  private final Latest work;
  private final StringProperty textA = new SimpleStringProperty(EXAMPLE);
  private final StringProperty textB = new SimpleStringProperty("");
  private final StringProperty target = new SimpleStringProperty("mlm");
  private final StringProperty token = new SimpleStringProperty("");
  private final ObjectProperty<Method> method = new SimpleObjectProperty<>(Method.INTEGRATED_GRADIENTS);
  private final IntegerProperty steps = new SimpleIntegerProperty(Attributor.DEFAULT_STEPS);
  private final ObservableList<String> targets = FXCollections.observableArrayList("mlm");
  private final ReadOnlyObjectWrapper<ExplainRequest> request = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<Explanation> explanation = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(" ");
  private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper(" ");
  /** True while the text fields show the request's example as it came (not typed over). */
  private boolean asRequested;
  private boolean filling;
  /** Whether the next run takes the target the fine-tuned model predicted. */
  private boolean predictedTarget;
  private volatile Opened opened;

  /** Over the window's model, with the heads the Attention tab switches off. */
  public AttributionViewModel(WorkbenchViewModel vm) {
    this(() -> vm.modelProperty().get(), () -> vm.switchesProperty().get(), vm::modelWork,
        vm.modelProperty());
    vm.explainRequestProperty().addListener((o, was, now) -> {
      if (now != null) {
        explain(now);
      }
    });
  }

  /** Over the model {@code loaded} gives; {@code runners} makes the views' runners by name. */
  AttributionViewModel(Supplier<LoadedBert> loaded, Supplier<EncoderSwitches> switches,
      Function<String, Latest> runners, ObservableValue<LoadedBert> modelChanges) {
    this.loaded = loaded;
    this.switches = switches;
    this.runners = runners;
    this.work = runner("attribution");
    modelChanges.addListener((o, was, now) -> {
      if (request.get() == null) {
        offerTargets(now == null ? List.of("mlm") : Objectives.available(now));
      }
      showSource();
    });
    textA.addListener((o, was, now) -> typed());
    textB.addListener((o, was, now) -> typed());
    if (loaded.get() != null) {
      offerTargets(Objectives.available(loaded.get()));
    }
    showSource();
  }

  /** A runner of a view that explains this input: the fine-tuned model is closed only when it is done with it. */
  public Latest runner(String name) {
    Latest l = runners.apply("explain-" + name);
    users.add(l);
    return l;
  }

  /** Explains the current input with the chosen method; the result arrives in {@link #explanationProperty()}. */
  public void explain() {
    Method m = method.get();
    int n = steps.get();
    if (n < 1 || n > MAX_STEPS) {
      status.set(T.format("AttributionViewModel.steps", MAX_STEPS));
      return;
    }
    status.set(T.format("AttributionViewModel.running", m.cliName()));
    run(work, (p, progress) -> Explain.explain(p.model(), p.tokens(), p.attributor(), m, n, progress),
        e -> {
          explanation.set(e);
          if (predictedTarget) {
            predictedTarget = false;
            filling = true;
            target.set(e.explained().target().spec());
            filling = false;
          }
          ExplainRequest r = request.get();
          status.set(r != null ? T.format("AttributionViewModel.explainedRequest", r.prediction(), e.model(),
              e.explained().target().spec()) : T.format("AttributionViewModel.done", m.cliName(),
              e.explained().target().spec(), e.explained().name(), e.probability()));
        }, message -> status.set(message));
  }

  /**
   * "Explain this prediction": the request's model (opened off the FX thread) and example, the
   * target being what the model predicted, explained at once.
   */
  public void explain(ExplainRequest r) {
    request.set(r);
    filling = true;
    textA.set(textOf(r.example(), true));
    textB.set(textOf(r.example(), false));
    filling = false;
    asRequested = true;
    predictedTarget = true;
    explanation.set(null);
    showSource();
    explain();
  }

  /** Back to the window's model: the request is forgotten and its model closed once no work uses it. */
  public void useWindowModel() {
    request.set(null);
    predictedTarget = false;
    asRequested = false;
    LoadedBert m = loaded.get();
    offerTargets(m == null ? List.of("mlm") : Objectives.available(m));
    Opened o = opened;
    opened = null;
    if (o != null) {
      closeWhenDone(o.model());
    }
    explanation.set(null);
    status.set(" ");
    showSource();
  }

  /**
   * Runs {@code job} on {@code runner} with an attributor over the current input; {@code onDone}
   * gets its result on the FX thread, {@code onError} the one-line message of a failure.
   */
  public <R> void run(Latest runner, Job<R> job, Consumer<R> onDone, Consumer<String> onError) {
    Input in = input();
    if (in.request() == null && in.loaded() == null) {
      onError.accept(T.get("AttributionViewModel.noModel"));
      return;
    }
    runner.submit(progress -> prepared(in, in.textA(), in.textB(), !in.edited(), job, progress), onDone, onError);
  }

  /**
   * Runs {@code job} on an attributor over each line of {@code file} (a TAB between text A and B),
   * at most {@link #MAX_FILE_LINES}, with the fields' target and the model the view explains;
   * {@code onDone} gets the results in line order.
   */
  public <R> void runOverFile(Latest runner, Path file, Job<R> job, Consumer<List<R>> onDone,
      Consumer<String> onError) {
    Input in = input();
    if (in.request() == null && in.loaded() == null) {
      onError.accept(T.get("AttributionViewModel.noModel"));
      return;
    }
    runner.submit(progress -> {
      List<CorpusFile.Line> lines = CorpusFile.read(file);
      if (lines.size() > MAX_FILE_LINES) {
        throw new BadInputException(Message.of(AttributionViewModel.class, "AttributionViewModel.tooManyLines",
            lines.size(), MAX_FILE_LINES));
      }
      List<R> out = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        progress.report(i / (double) lines.size(), T.format("AttributionViewModel.line", i + 1, lines.size()));
        CorpusFile.Line l = lines.get(i);
        out.add(prepared(in, l.a(), l.b() == null ? "" : l.b(), false, job,
            progress.part(i / (double) lines.size(), (i + 1) / (double) lines.size())));
      }
      return out;
    }, onDone, onError);
  }

  /** {@code job} on an attributor over texts {@code a} and {@code b} (or the request's example as it came). */
  private <R> R prepared(Input in, String a, String b, boolean asItCame, Job<R> job, Progress progress)
      throws Exception {
    if (in.request() != null) {
      FinetuneModel model = finetuned(in.request().model(), progress);
      Example example = asItCame ? in.request().example() : example(model, in.request().example(), a, b);
      EncodedInput e = model.encoder().encode(List.of(example), false).inputs().get(0);
      Target t = in.target() == null ? Explain.predictedTarget(model, e) : target(in);
      try (Attributor at = Explain.attributor(model, e, t)) {
        return job.run(new Prepared(in.request().model().getFileName().toString(),
            tokens(model.tokenizer().vocab(), e.inputIds()), at), progress);
      }
    }
    LoadedBert model = in.loaded();
    Target t = target(in);
    Encoding e = Explain.encode(model, a, b, t, Integer.MAX_VALUE);
    try (Attributor at = Explain.attributor(model, e, b, t, in.options())) {
      return job.run(new Prepared(model.label(), e.tokens(), at), progress);
    }
  }

  private Input input() {
    EncoderSwitches sw = switches.get();
    ForwardOptions options = sw == null ? ForwardOptions.INFERENCE : sw.applyTo(ForwardOptions.INFERENCE);
    return new Input(loaded.get(), options, request.get(), textA.get(), textB.get() == null ? "" : textB.get(),
        predictedTarget ? null : target.get(), token.get(), !asRequested);
  }

  private static Target target(Input in) {
    String t = in.token() == null || in.token().isBlank() ? null : in.token().strip();
    return Target.parse(in.target()).withToken(t);
  }

  /** Texts {@code a} and {@code b} read as the fine-tuned model's task reads them, with the request's features. */
  private static Example example(FinetuneModel model, Example requested, String a, String b) {
    double[] features = requested instanceof TextExample t ? t.features() : null;
    return ModelInputs.unlabelled(model.head(), 1, a, b, features);
  }

  /** The fine-tuned model in {@code dir}, opened on this worker the first time, the one before closed. */
  private synchronized FinetuneModel finetuned(Path dir, Progress progress) throws Exception {
    Opened o = opened;
    if (o != null && o.dir().equals(dir)) {
      return o.model();
    }
    progress.report(-1, T.format("AttributionViewModel.opening", dir.getFileName().toString()));
    FinetuneModel m = FinetuneModel.open(dir.toString(), Device.cpu());
    opened = new Opened(dir, m);
    List<String> offered = new ArrayList<>(Objectives.available(m));
    javafx.application.Platform.runLater(() -> {
      if (request.get() != null && request.get().model().equals(dir)) {
        offerTargets(offered);
      }
    });
    if (o != null) {
      closeWhenDone(o.model());
    }
    return m;
  }

  /** Closes {@code m} once every runner has finished what it was given before now. */
  private void closeWhenDone(AutoCloseable m) {
    List<Latest> all = List.copyOf(users);
    AtomicInteger left = new AtomicInteger(all.size());
    Runnable oneDone = () -> {
      if (left.decrementAndGet() == 0) {
        closeQuietly(m);
      }
    };
    for (Latest l : all) {
      try {
        l.after(oneDone);
      } catch (RejectedExecutionException shutDown) {
        oneDone.run();
      }
    }
  }

  private static void closeQuietly(AutoCloseable m) {
    try {
      m.close();
    } catch (Exception e) {
      System.getLogger(AttributionViewModel.class.getName()).log(System.Logger.Level.DEBUG, "close", e);
    }
  }

  private void typed() {
    if (!filling) {
      asRequested = false;
    }
  }

  private void offerTargets(List<String> offered) {
    targets.setAll(offered);
    String t = target.get();
    String kind = t == null ? "" : t.split(":", -1)[0];
    if (!offered.isEmpty() && offered.stream().noneMatch(o -> o.split(":", -1)[0].equals(kind))) {
      filling = true;
      target.set(offered.get(0));
      filling = false;
    }
  }

  private void showSource() {
    ExplainRequest r = request.get();
    LoadedBert m = loaded.get();
    source.set(r != null ? T.format("AttributionViewModel.sourceRequest", r.prediction(),
        r.model().getFileName().toString()) : m == null ? T.get("AttributionViewModel.noModel")
        : T.format("AttributionViewModel.sourceWindow", m.label()));
  }

  /** The text a field shows for a request's example: sentence A (or the question, the words), or B (the paragraph). */
  static String textOf(Example e, boolean a) {
    if (e instanceof TextExample t) {
      return a ? t.textA() : t.textB() == null ? "" : t.textB();
    }
    if (e instanceof QaExample q) {
      return a ? q.question() : q.context();
    }
    TagExample tag = (TagExample) e;
    return a ? String.join(" ", tag.words()) : "";
  }

  static List<String> tokens(Vocab vocab, int[] ids) {
    List<String> out = new ArrayList<>(ids.length);
    for (int id : ids) {
      out.add(vocab.token(id));
    }
    return out;
  }

  /** Stops the run under way; the status says so. */
  public void cancel() {
    if (work.isRunning()) {
      work.cancel();
      status.set(T.get("AttributionViewModel.cancelled"));
    }
  }

  /** Stops every runner (the faithfulness view's too) and closes the fine-tuned model after what is in flight. */
  public void shutdown() {
    Opened o = opened;
    opened = null;
    List<Latest> all = List.copyOf(users);
    AtomicInteger left = new AtomicInteger(all.size());
    Runnable oneDone = () -> {
      if (left.decrementAndGet() == 0 && o != null) {
        closeQuietly(o.model());
      }
    };
    for (Latest l : all) {
      try {
        l.shutdownAfter(oneDone);
      } catch (RejectedExecutionException shutDown) {
        oneDone.run();
      }
    }
  }

  /** True while an attribution runs. */
  public boolean busy() {
    return work.isRunning();
  }

  Latest work() {
    return work;
  }

  public StringProperty textAProperty() {
    return textA;
  }

  public StringProperty textBProperty() {
    return textB;
  }

  /** The target as the command line writes it ({@code mlm}, {@code class:1}, ...). */
  public StringProperty targetProperty() {
    return target;
  }

  /** The masked-LM token to explain instead of the top-1; blank for the top-1. */
  public StringProperty tokenProperty() {
    return token;
  }

  public ObjectProperty<Method> methodProperty() {
    return method;
  }

  public IntegerProperty stepsProperty() {
    return steps;
  }

  /** The targets the current model offers, as the command line writes them. */
  public ObservableList<String> targets() {
    return targets;
  }

  /** The request being explained, or null on the window's model. */
  public ReadOnlyObjectProperty<ExplainRequest> requestProperty() {
    return request.getReadOnlyProperty();
  }

  /** The newest explanation, or null. */
  public ReadOnlyObjectProperty<Explanation> explanationProperty() {
    return explanation.getReadOnlyProperty();
  }

  /** What the view is doing, or what went wrong, in one line. */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** Which model the input is explained on. */
  public ReadOnlyStringProperty sourceProperty() {
    return source.getReadOnlyProperty();
  }
}
