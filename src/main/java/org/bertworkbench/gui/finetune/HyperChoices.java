package org.bertworkbench.gui.finetune;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import org.bertworkbench.core.finetune.FinetuneSpec;
import org.bertworkbench.gui.text.Texts;

/**
 * The hyper-parameter page without the page: the paper's defaults and choices (appendix A.3:
 * learning rate 5e-5, 3e-5 or 2e-5; batch 16 or 32; 2 to 4 epochs; 10% linear warm-up; weight
 * decay 0.01), the maximum length, the seed, frozen layers, and an optional small grid over
 * learning rate x batch x epochs (one run each).
 */
public final class HyperChoices {

  private static final Texts T = Texts.of(HyperChoices.class);

  /**
   * One run's hyper-parameters, checked.
   */
  public record Values(double learningRate, int batchSize, int epochs, double warmup, double weightDecay, int maxLength,
      long seed, int frozenLayers) {}

  private final StringProperty learningRate = new SimpleStringProperty(Fields.rate(FinetuneSpec.DEFAULT_LEARNING_RATE));
  private final StringProperty batchSize = new SimpleStringProperty(String.valueOf(FinetuneSpec.DEFAULT_BATCH_SIZE));
  private final StringProperty epochs = new SimpleStringProperty(String.valueOf(FinetuneSpec.DEFAULT_EPOCHS));
  private final StringProperty warmup = new SimpleStringProperty("10%");
  private final StringProperty weightDecay = new SimpleStringProperty(String.valueOf(FinetuneSpec.DEFAULT_WEIGHT_DECAY));
  private final StringProperty maxLength = new SimpleStringProperty(String.valueOf(FinetuneSpec.DEFAULT_MAX_LENGTH));
  private final StringProperty seed = new SimpleStringProperty(String.valueOf(FinetuneSpec.DEFAULT_SEED));
  private final IntegerProperty frozenLayers = new SimpleIntegerProperty(0);
  private final BooleanProperty grid = new SimpleBooleanProperty(false);
  private final ObservableSet<Double> gridRates = FXCollections.observableSet(
      new java.util.TreeSet<Double>(java.util.Comparator.<Double>reverseOrder()));
  private final ObservableSet<Integer> gridBatches = FXCollections.observableSet(new java.util.TreeSet<>());
  private final ObservableSet<Integer> gridEpochs = FXCollections.observableSet(new java.util.TreeSet<>());

  HyperChoices() {
    gridRates.addAll(FinetuneSpec.PAPER_LEARNING_RATES);
    gridBatches.addAll(FinetuneSpec.PAPER_BATCH_SIZES);
    gridEpochs.addAll(FinetuneSpec.PAPER_EPOCHS);
  }

  /**
   * The values typed, checked against the model's size.
   *
   * @param layers the base model's encoder layers (frozen layers may not exceed them)
   * @param positions the base model's position embeddings (the maximum length may not exceed them)
   */
  public Values values(int layers, int positions) {
    double lr = Fields.number(learningRate.get(), T.get("HyperChoices.learningRate"), 1e-8, 1);
    int batch = Fields.whole(batchSize.get(), T.get("HyperChoices.batchSize"), 1, 4096);
    int epochCount = Fields.whole(epochs.get(), T.get("HyperChoices.epochs"), 1, 100);
    double warm = Fields.number(warmup.get(), T.get("HyperChoices.warmup"), 0, 0.5);
    double decay = Fields.number(weightDecay.get(), T.get("HyperChoices.weightDecay"), 0, 0.5);
    int max = Fields.whole(maxLength.get(), T.get("HyperChoices.maxLength"), 8, Math.min(512, positions));
    long s = Fields.seed(seed.get(), T.get("HyperChoices.seed"));
    int frozen = frozenLayers.get();
    if (frozen < 0 || frozen > layers) {
      throw new IllegalArgumentException(T.format("HyperChoices.frozen", String.valueOf(layers), String.valueOf(frozen)));
    }
    if (grid.get() && (gridRates.isEmpty() || gridBatches.isEmpty() || gridEpochs.isEmpty())) {
      throw new IllegalArgumentException(T.get("HyperChoices.emptyGrid"));
    }
    return new Values(lr, batch, epochCount, warm, decay, max, s, frozen);
  }

  /** Below this hidden size the page offers {@link #useSmallModelSettings()}. */
  static final int SMALL_MODEL_HIDDEN = 512;

  /**
   * Settings for a small model such as the bundled {@code sample-tiny} (L2/H128): the paper's rates
   * are for BERT-Base, and move a small model too little. Measured on sample-data/finetune/classify
   * with sample-tiny: dev accuracy 0.55 with the paper's 5e-5, batch 32, 3 epochs; 0.89 with 3e-4,
   * batch 16, 4 epochs (1e-3 diverged to one class). Also shortens the inputs to 64 pieces.
   */
  public void useSmallModelSettings() {
    grid.set(false);
    learningRate.set("3e-4");
    batchSize.set("16");
    epochs.set("4");
    maxLength.set("64");
  }

  /** How many runs the page asks for: 1, or the grid's size. */
  public int runs() {
    return grid.get() ? gridRates.size() * gridBatches.size() * gridEpochs.size() : 1;
  }

  /** The grid's axes, in the order the runs are made. */
  List<Double> rates() {
    return new ArrayList<>(gridRates);
  }

  List<Integer> batches() {
    return new ArrayList<>(gridBatches);
  }

  List<Integer> epochCounts() {
    return new ArrayList<>(gridEpochs);
  }

  public StringProperty learningRateProperty() {
    return learningRate;
  }

  public StringProperty batchSizeProperty() {
    return batchSize;
  }

  public StringProperty epochsProperty() {
    return epochs;
  }

  /** The warm-up share of the steps: "10%" or "0.1". */
  public StringProperty warmupProperty() {
    return warmup;
  }

  public StringProperty weightDecayProperty() {
    return weightDecay;
  }

  public StringProperty maxLengthProperty() {
    return maxLength;
  }

  public StringProperty seedProperty() {
    return seed;
  }

  /** Embeddings and the first K encoder layers kept as they are (0: train everything). */
  public IntegerProperty frozenLayersProperty() {
    return frozenLayers;
  }

  /** Run the small grid instead of one run. */
  public BooleanProperty gridProperty() {
    return grid;
  }

  public ObservableSet<Double> gridRates() {
    return gridRates;
  }

  public ObservableSet<Integer> gridBatches() {
    return gridBatches;
  }

  public ObservableSet<Integer> gridEpochs() {
    return gridEpochs;
  }
}
