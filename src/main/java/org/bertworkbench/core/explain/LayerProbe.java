package org.bertworkbench.core.explain;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bertworkbench.core.finetune.BadRow;
import org.bertworkbench.core.finetune.Dataset;
import org.bertworkbench.core.finetune.DatasetException;
import org.bertworkbench.core.finetune.Datasets;
import org.bertworkbench.core.finetune.Example;
import org.bertworkbench.core.finetune.TagExample;
import org.bertworkbench.core.finetune.TaskKind;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;

/**
 * Layer probes (Tenney et al. 2019, "BERT rediscovers the classical NLP pipeline"): where in the
 * layers a tagging (part of speech, say) can be read off linearly. The frozen model reads each
 * sentence of a train and a dev tagging file (CoNLL); every layer's hidden state at each word's
 * first word piece ({@link ProbeFeatures}) trains a linear softmax probe ({@link SoftmaxProbe}),
 * whose dev accuracy is that layer's.
 *
 * <p>An accuracy alone does not say whether the layer holds the tags or the probe learned them:
 * the same probe also learns Hewitt and Liang's (2019) control task ({@link ControlTask}, a random
 * tag fixed per word type), and <em>selectivity</em> = accuracy − control accuracy. The majority
 * baseline is the dev accuracy of always saying the train file's most frequent tag.
 *
 * <p>Dev words whose tag the train file never uses cannot be predicted: they are left out of
 * every dev accuracy and reported ({@link Result#unseenDevTags()}).
 */
public final class LayerProbe {

  /** The seed of the control task unless another is given. */
  public static final long DEFAULT_SEED = 42;

  /**
   * How to probe.
   *
   * @param seed the control task's seed
   * @param maxLength the longest input in word pieces, [CLS] and [SEP] included
   * @param batchSize sentences per forward pass
   * @param steps full-batch Adam steps per probe
   * @param learningRate Adam's step size
   * @param l2 the weight penalty
   * @param forward the forward options (a head mask, say); dropout is off and the trace on whatever they say
   */
  public record Settings(long seed, int maxLength, int batchSize, int steps, double learningRate, double l2,
      ForwardOptions forward) {

    public Settings {
      if (maxLength < 3 || batchSize < 1) {
        throw new IllegalArgumentException("max length " + maxLength + " and batch size " + batchSize);
      }
      new SoftmaxProbe.Settings(steps, learningRate, l2); // checks them
    }

    /**
     * 512 pieces, batches of 32, 50 steps at 0.05 with an L2 penalty of 0.01: on the sample files
     * (BERT-Base, 1,473 train words) 200 steps at 0.02 with 0.001 score within a few dev words of
     * these at every layer, on both tasks, in four times the time.
     */
    public static Settings defaults(long seed) {
      return new Settings(seed, 512, 32, 50, 0.05, 1e-2, ForwardOptions.INFERENCE);
    }

    public Settings withForward(ForwardOptions options) {
      return new Settings(seed, maxLength, batchSize, steps, learningRate, l2, options);
    }
  }

  /**
   * One layer's probes.
   *
   * @param layer the hidden state probed, {@code hidden_states[layer]}: 0 = the embeddings' output,
   *     k >= 1 = the output of the k-th encoder layer (the Attention tab's layer k - 1, which counts
   *     from 0); Tenney et al. count the same way
   * @param accuracy the probe's dev accuracy on the real tags
   * @param controlAccuracy the same probe's dev accuracy on the control task
   */
  public record Layer(int layer, double accuracy, double controlAccuracy) {

    /** accuracy − control accuracy. */
    public double selectivity() {
      return accuracy - controlAccuracy;
    }
  }

  /**
   * What the probes found.
   *
   * @param model the model's label
   * @param trainWords the train words the probes learned from
   * @param devWords the dev words scored
   * @param tags the train file's tags, the most frequent first
   * @param majorityTag the most frequent train tag
   * @param majorityBaseline the share of scored dev words that carry it
   * @param layers one per hidden state, layers + 1 of them
   * @param unseenDevTags dev tags the train file lacks (their words are not scored)
   * @param unseenDevWords how many dev words carry them
   * @param cutSentences sentences (train and dev) longer than the limit
   * @param cutWords the words cut off them (not used)
   * @param notes what the user should know (sentences left out or cut, unseen tags), in order
   */
  public record Result(String model, int trainWords, int devWords, List<String> tags, String majorityTag,
      double majorityBaseline, List<Layer> layers, List<String> unseenDevTags, int unseenDevWords,
      int cutSentences, int cutWords, List<Message> notes) {

    public Result {
      tags = List.copyOf(tags);
      layers = List.copyOf(layers);
      unseenDevTags = List.copyOf(unseenDevTags);
      notes = List.copyOf(notes);
    }

    /** The layer whose probe scored best on the real tags (the first of equals). */
    public Layer best() {
      return layers.stream().max(Comparator.comparingDouble(Layer::accuracy)).orElseThrow();
    }
  }

  private LayerProbe() {}

  /**
   * Reads the two files and probes every layer of {@code model}.
   *
   * @throws DatasetException when a file cannot be read, holds no usable sentence, or the train
   *     file has fewer than two tags
   */
  public static Result run(LoadedBert model, Path train, Path dev, Settings settings, Progress progress) {
    progress.report(-1, Message.of(LayerProbe.class, "LayerProbe.reading"));
    Dataset trainSet = read(train);
    Dataset devSet = read(dev);
    List<Message> notes = new ArrayList<>();
    note(notes, train, trainSet);
    note(notes, dev, devSet);
    return run(model, sentences(trainSet), name(train), sentences(devSet), settings, progress, notes);
  }

  /** Probes every layer on sentences already read ({@code trainName} names the train set in messages). */
  public static Result run(LoadedBert model, List<TagExample> train, String trainName, List<TagExample> dev,
      Settings settings, Progress progress, List<Message> notesSoFar) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (TagExample s : train) {
      s.tags().forEach(t -> counts.merge(t, 1, Integer::sum));
    }
    if (counts.size() < 2) {
      throw new DatasetException(trainName, counts.isEmpty() ? Message.of(LayerProbe.class, "LayerProbe.noWords")
          : Message.of(LayerProbe.class, "LayerProbe.oneTag", counts.keySet().iterator().next()));
    }
    List<String> tags = new ArrayList<>(counts.keySet());
    tags.sort(Comparator.comparing((String t) -> -counts.get(t)).thenComparing(Comparator.naturalOrder()));
    List<Message> notes = new ArrayList<>(notesSoFar);

    ProbeFeatures.Extracted tr = ProbeFeatures.extract(model, train, settings.maxLength(), settings.batchSize(),
        settings.forward(), progress, 0, 0.3);
    ProbeFeatures.Extracted de = ProbeFeatures.extract(model, dev, settings.maxLength(), settings.batchSize(),
        settings.forward(), progress, 0.3, 0.4);
    int cutSentences = tr.cutSentences() + de.cutSentences();
    int cutWords = tr.cutWords() + de.cutWords();
    if (cutSentences > 0) {
      notes.add(Message.of(LayerProbe.class, "LayerProbe.cut", cutSentences,
          Math.min(settings.maxLength(), model.model().config().maxPositionEmbeddings()), cutWords));
    }
    ControlTask control = ControlTask.of(settings.seed(), tags, counts);
    int[] trainReal = ids(tr.tags(), tags);
    int[] trainControl = tr.words().stream().mapToInt(control::tag).toArray();
    // Dev words with a tag the probe cannot say are not scored.
    List<Integer> scored = new ArrayList<>();
    Set<String> unseen = new LinkedHashSet<>();
    int unseenWords = 0;
    for (int i = 0; i < de.size(); i++) {
      if (tags.contains(de.tags().get(i))) {
        scored.add(i);
      } else {
        unseen.add(de.tags().get(i));
        unseenWords++;
      }
    }
    if (!unseen.isEmpty()) {
      notes.add(Message.of(LayerProbe.class, "LayerProbe.unseenTags", unseenWords, String.join(", ", unseen)));
    }
    if (scored.isEmpty()) {
      throw new DatasetException(trainName, Message.of(LayerProbe.class, "LayerProbe.noDevWords"));
    }
    int[] devReal = new int[scored.size()];
    int[] devControl = new int[scored.size()];
    for (int k = 0; k < devReal.length; k++) {
      int i = scored.get(k);
      devReal[k] = tags.indexOf(de.tags().get(i));
      devControl[k] = control.tag(de.words().get(i));
    }
    int majority = 0;
    for (int t : devReal) {
      majority += t == 0 ? 1 : 0;
    }

    List<Layer> layers = new ArrayList<>();
    int depth = tr.layers().length;
    int hidden = tr.hidden();
    try (NDManager scope = model.model().newScope()) {
      for (int l = 0; l < depth; l++) {
        progress.checkCancelled();
        progress.report(0.4 + 0.6 * l / depth, Message.of(LayerProbe.class, "LayerProbe.training", l, depth - 1));
        float[] devVectors = rows(de.layers()[l], hidden, scored);
        int[][] predicted = SoftmaxProbe.fitAndPredict(scope, tr.layers()[l], tr.size(), devVectors, scored.size(),
            hidden, new int[][] {trainReal, trainControl}, tags.size(),
            new SoftmaxProbe.Settings(settings.steps(), settings.learningRate(), settings.l2()), progress);
        layers.add(new Layer(l, accuracy(predicted[0], devReal), accuracy(predicted[1], devControl)));
      }
    }
    progress.report(1, Message.of(LayerProbe.class, "LayerProbe.done", depth));
    return new Result(model.label(), tr.size(), scored.size(), tags, tags.get(0), (double) majority / scored.size(),
        layers, List.copyOf(unseen), unseenWords, cutSentences, cutWords, notes);
  }

  private static Dataset read(Path file) {
    Dataset d = Datasets.read(file, TaskKind.TAG, null, null);
    if (d.examples().isEmpty()) {
      BadRow first = d.badRows().get(0);
      throw new DatasetException(name(file), Message.of(LayerProbe.class, "LayerProbe.allBad", d.badRows().size(),
          first.message()));
    }
    return d;
  }

  private static void note(List<Message> notes, Path file, Dataset d) {
    if (!d.badRows().isEmpty()) {
      notes.add(Message.of(LayerProbe.class, "LayerProbe.leftOut", name(file), d.badRows().size(),
          d.badRows().get(0).message()));
    }
  }

  private static List<TagExample> sentences(Dataset d) {
    List<TagExample> out = new ArrayList<>();
    for (Example e : d.examples()) {
      out.add((TagExample) e);
    }
    return Collections.unmodifiableList(out);
  }

  private static String name(Path file) {
    Path n = file.getFileName();
    return n == null ? file.toString() : n.toString();
  }

  private static int[] ids(List<String> tags, List<String> tagSet) {
    return tags.stream().mapToInt(tagSet::indexOf).toArray();
  }

  private static float[] rows(float[] all, int hidden, List<Integer> keep) {
    float[] out = new float[keep.size() * hidden];
    for (int k = 0; k < keep.size(); k++) {
      System.arraycopy(all, keep.get(k) * hidden, out, k * hidden, hidden);
    }
    return out;
  }

  private static double accuracy(int[] predicted, int[] gold) {
    int right = 0;
    for (int i = 0; i < gold.length; i++) {
      right += predicted[i] == gold[i] ? 1 : 0;
    }
    return (double) right / gold.length;
  }
}
