package org.bertworkbench.gui.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.bertworkbench.core.finetune.DataColumns.FeatureMode;
import org.bertworkbench.core.finetune.FinetuneSpec;
import org.bertworkbench.core.finetune.TaskKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The wizard's pages driven headless: each page refuses "Next" with a clear line until it is
 * complete; bad rows are listed with their line numbers and can be skipped; the review's "Launch"
 * hands on specifications whose spec.json text reads back as the same (the CLI's --spec).
 */
@ExtendWith(ApplicationExtension.class)
class FinetuneWizardTest {

  static final Path TINY = Path.of("sample-data/pretrain/tiny-model").toAbsolutePath();

  @TempDir
  Path dir;
  Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    stage.setScene(new Scene(new StackPane(new Label("workbench")), 400, 300));
    stage.show();
  }

  WizardDriver open(FxRobot robot, FakeProbe probe, List<List<FinetuneSpec>> launched, List<String> errors) {
    FinetuneWizard[] w = new FinetuneWizard[1];
    robot.interact(() -> {
      WizardViewModel vm = new WizardViewModel(List.of(TINY.toString()), dir.resolve("runs"), probe);
      w[0] = new FinetuneWizard(stage, vm, launched::add, errors::add);
      w[0].show();
    });
    return new WizardDriver(robot, w[0]);
  }

  @Test
  void everyPageChecksItsChoicesAndLaunchWritesTheSpec(FxRobot robot) throws Exception {
    Path train = GeneratedData.classify(dir, 60, 1);
    // Three bad rows: a missing column, an empty text, a label that is not in the train file's set (dev).
    Files.writeString(train, Files.readString(train) + "only one field\n\tdry\n");
    List<List<FinetuneSpec>> launched = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    WizardDriver w = open(robot, FakeProbe.cpuOnly(), launched, errors);

    assertEquals(WizardViewModel.Page.TASK, w.page());
    w.screenshot("finetune-wizard-1-task");
    w.next(WizardViewModel.Page.TASK);

    assertEquals(WizardViewModel.Page.DATA, w.page());
    w.blocked(WizardViewModel.Page.DATA, "Choose the training file");
    robot.interact(() -> w.vm().data().trainFileProperty().set(dir.resolve("missing.tsv").toString()));
    w.blocked(WizardViewModel.Page.DATA, "missing.tsv: not found");
    robot.interact(() -> w.vm().data().trainFileProperty().set(train.toString()));
    w.blocked(WizardViewModel.Page.DATA, "2 bad row(s)");
    assertEquals("sentence", w.fx(() -> w.vm().data().textAProperty().get()), "GLUE's column names are guessed");
    assertEquals("label", w.fx(() -> w.vm().data().labelProperty().get()));
    TableView<?> preview = robot.lookup("#previewTable").queryAs(TableView.class);
    assertEquals(List.of("sentence", "label"), w.fx(() -> preview.getColumns().stream().map(c -> c.getText()).toList()));
    assertEquals(DataChoices.PREVIEW_ROWS, w.fx(() -> preview.getItems().size()));
    @SuppressWarnings("unchecked")
    ListView<String> bad = robot.lookup("#badRows").queryAs(ListView.class);
    List<String> badRows = w.fx(() -> List.copyOf(bad.getItems()));
    assertEquals(2, badRows.size(), badRows.toString());
    assertTrue(badRows.get(0).startsWith("classify.tsv line 62: "), badRows.get(0));
    assertTrue(badRows.get(1).startsWith("classify.tsv line 63: ") && badRows.get(1).contains("empty"), badRows.get(1));
    w.screenshot("finetune-wizard-2-data-bad-rows");
    robot.clickOn("#skipBadRows");
    assertNull(w.problem(WizardViewModel.Page.DATA));
    DataChoices.Report report = w.fx(() -> w.vm().data().reportProperty().get());
    assertEquals(java.util.Set.of("wet", "dry"), java.util.Set.copyOf(report.train().labels()));
    assertEquals(60, report.trainExamples() + report.devExamples(), "10% split off, the bad rows left out");
    assertEquals(6, report.devExamples());
    // The label column may not be the text column's twin: pick nothing, the page says so.
    robot.interact(() -> w.vm().data().labelProperty().set(null));
    w.blocked(WizardViewModel.Page.DATA, "pick the column that holds the label");
    robot.interact(() -> w.vm().data().labelProperty().set("label"));
    robot.interact(() -> w.vm().data().useDevFileProperty().set(true));
    w.blocked(WizardViewModel.Page.DATA, "choose the dev file");
    // A dev file must use the training file's labels: another label is a bad row of the dev file.
    Path dev = dir.resolve("dev.tsv");
    Files.writeString(dev, "sentence\tlabel\nthe sea and the rain\twet\nthe sun on the sand\tmaybe\n");
    robot.interact(() -> w.vm().data().devFileProperty().set(dev.toString()));
    w.settle();
    List<String> devBad = w.fx(() -> List.copyOf(bad.getItems()));
    assertTrue(devBad.stream().anyMatch(b -> b.startsWith("dev.tsv line 3: unknown label 'maybe'")), devBad.toString());
    assertEquals(1, w.fx(() -> w.vm().data().reportProperty().get().devExamples()));
    robot.interact(() -> w.vm().data().useDevFileProperty().set(false));
    w.next(WizardViewModel.Page.DATA);

    assertEquals(WizardViewModel.Page.MODEL, w.page());
    robot.interact(() -> w.vm().modelProperty().set(dir.toString()));
    w.blocked(WizardViewModel.Page.MODEL, "Cannot use this model");
    robot.interact(() -> w.vm().modelProperty().set(TINY.toString()));
    assertNull(w.problem(WizardViewModel.Page.MODEL));
    String info = robot.lookup("#modelInfo").queryAs(Label.class).getText();
    assertTrue(info.startsWith("2 layers, hidden 128, 2 heads, 1,744 word pieces (uncased)"), info);
    assertTrue(w.fx(() -> w.vm().models().stream().anyMatch(m -> m.reference().equals("bert-base-uncased"))));
    w.screenshot("finetune-wizard-3-model");
    w.next(WizardViewModel.Page.MODEL);

    assertEquals(WizardViewModel.Page.HYPERPARAMETERS, w.page());
    assertEquals("5e-5", w.fx(() -> w.vm().hyper().learningRateProperty().get()));
    assertEquals("32", w.fx(() -> w.vm().hyper().batchSizeProperty().get()));
    assertEquals("3", w.fx(() -> w.vm().hyper().epochsProperty().get()));
    // The tiny model is small: the page offers settings that move it (the paper's are for BERT-Base).
    assertTrue(robot.lookup("#smallModelHint").query().isVisible(), "hint for a small base model");
    robot.clickOn("#smallModelSettings");
    assertEquals(List.of("3e-4", "16", "4", "64"), w.fx(() -> List.of(w.vm().hyper().learningRateProperty().get(),
        w.vm().hyper().batchSizeProperty().get(), w.vm().hyper().epochsProperty().get(),
        w.vm().hyper().maxLengthProperty().get())));
    assertEquals("3e-4", w.fx(() -> robot.lookup("#learningRate").queryComboBox().getEditor().getText()),
        "the page shows the new rate");
    robot.interact(() -> w.vm().hyper().learningRateProperty().set("fast"));
    w.blocked(WizardViewModel.Page.HYPERPARAMETERS, "Learning rate must be a number");
    robot.interact(() -> w.vm().hyper().learningRateProperty().set("1e-3"));
    robot.interact(() -> w.vm().hyper().maxLengthProperty().set("1024"));
    w.blocked(WizardViewModel.Page.HYPERPARAMETERS, "Max length must be between 8 and 512");
    robot.interact(() -> w.vm().hyper().maxLengthProperty().set("32"));
    robot.interact(() -> w.vm().hyper().frozenLayersProperty().set(3));
    assertEquals(2, w.fx(() -> w.vm().hyper().frozenLayersProperty().get()), "the spinner stops at the model's layers");
    IllegalArgumentException tooMany = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> {
          HyperChoices alone = new HyperChoices();
          alone.frozenLayersProperty().set(3);
          alone.values(2, 512);
        });
    assertTrue(tooMany.getMessage().contains("frozen layers must be between 0 and 2"), tooMany.getMessage());
    robot.interact(() -> w.vm().hyper().frozenLayersProperty().set(1));
    robot.clickOn("#gridCheck");
    robot.clickOn("#grid-lr-3e-5");
    robot.clickOn("#grid-lr-2e-5");
    robot.clickOn("#grid-batch-16");
    robot.clickOn("#grid-epochs-3");
    assertTrue(robot.lookup("#learningRate").query().isDisabled(), "the grid's values replace the single ones");
    assertEquals("2 runs, one after the other; the runs list compares them",
        robot.lookup("#gridCount").queryAs(Label.class).getText());
    w.screenshot("finetune-wizard-4-hyperparameters");
    w.next(WizardViewModel.Page.HYPERPARAMETERS);

    assertEquals(WizardViewModel.Page.DEVICE, w.page());
    String devices = robot.lookup("#deviceReport").queryAs(Label.class).getText();
    assertTrue(devices.contains("No GPU can be used: no CUDA natives on the classpath"), devices);
    robot.interact(() -> w.vm().deviceProperty().set("gpu0"));
    w.blocked(WizardViewModel.Page.DEVICE, "Device gpu0 is not available: no CUDA natives");
    robot.interact(() -> w.vm().deviceProperty().set("cpu"));
    String precision = robot.lookup("#precisionNote").queryAs(Label.class).getText();
    assertTrue(precision.startsWith("Training will compute in float32. Float32: mixed precision is off on the CPU"),
        precision);
    robot.interact(() -> robot.lookup("#precision").queryComboBox().getSelectionModel().select("float16"));
    assertEquals("float16", w.fx(() -> w.vm().precisionProperty().get()));
    precision = robot.lookup("#precisionNote").queryAs(Label.class).getText();
    assertTrue(precision.contains("compute in float16") && precision.contains("for checking only"), precision);
    w.screenshot("finetune-wizard-5-device-float16");
    robot.interact(() -> robot.lookup("#precision").queryComboBox().getSelectionModel().select("auto"));
    w.screenshot("finetune-wizard-5-device");
    w.next(WizardViewModel.Page.DEVICE);

    assertEquals(WizardViewModel.Page.REVIEW, w.page());
    String summary = w.fx(() -> w.vm().summary());
    assertTrue(summary.contains("Grid: 2 runs"), summary);
    assertTrue(summary.contains("Examples: 54 to train on, 6 to evaluate on; labels: "), summary);
    w.screenshot("finetune-wizard-6-review");
    robot.clickOn("#launchButton");
    assertEquals(List.of(), errors);
    assertEquals(1, launched.size());
    List<FinetuneSpec> specs = launched.get(0);
    assertEquals(2, specs.size());
    for (FinetuneSpec s : specs) {
      FinetuneSpec back = FinetuneSpec.fromJson(com.google.gson.JsonParser.parseString(s.toJsonText()).getAsJsonObject());
      assertEquals(s, back, "spec.json text reads back as the same specification");
      assertFalse(Files.exists(Path.of(s.out())), "the run folder is the trainer's to make");
      assertEquals(TaskKind.CLASSIFY, back.task());
      assertEquals(5e-5, back.learningRate());
      assertEquals(32, back.batchSize());
      assertEquals(32, back.maxLength());
      assertEquals(1, back.frozenLayers());
      assertEquals(0.1, back.devFraction(), 1e-12);
      assertTrue(back.skipBadRows());
      assertEquals(TINY.toString(), back.model());
    }
    assertEquals(List.of(2, 4), specs.stream().map(FinetuneSpec::epochs).toList());
  }

  @Test
  void changingTheTaskPicksColumnsAgain(FxRobot robot) throws Exception {
    Path pairs = GeneratedData.pair(dir, 30, 3);
    WizardDriver w = open(robot, FakeProbe.cpuOnly(), new ArrayList<>(), new ArrayList<>());
    w.next(WizardViewModel.Page.TASK);
    robot.interact(() -> w.vm().data().trainFileProperty().set(pairs.toString()));
    w.blocked(WizardViewModel.Page.DATA, "pick the column that holds the text");
    robot.clickOn("Previous");
    robot.clickOn("#task-pair");
    w.next(WizardViewModel.Page.TASK);
    assertNull(w.problem(WizardViewModel.Page.DATA));
    assertEquals("sentence1", w.fx(() -> w.vm().data().textAProperty().get()));
    assertEquals("sentence2", w.fx(() -> w.vm().data().textBProperty().get()));
    assertEquals(java.util.Set.of("both", "not both"),
        java.util.Set.copyOf(w.fx(() -> w.vm().data().reportProperty().get().train().labels())));
  }

  @Test
  void numericFeaturesTemplateAndDevices(FxRobot robot) throws Exception {
    Path train = GeneratedData.numeric(dir, 40, 2);
    WizardDriver w = open(robot, FakeProbe.twoGpus(), new ArrayList<>(), new ArrayList<>());
    robot.clickOn("#task-numeric");
    robot.clickOn("#features-template");
    assertEquals(FeatureMode.TEXT_TEMPLATE, w.fx(() -> w.vm().featureModeProperty().get()));
    w.next(WizardViewModel.Page.TASK);
    robot.interact(() -> w.vm().data().trainFileProperty().set(train.toString()));
    w.blocked(WizardViewModel.Page.DATA, "tick at least one numeric feature column");
    assertEquals("text", w.fx(() -> w.vm().data().textAProperty().get()));
    robot.clickOn("#feature-temperature");
    assertEquals("temperature {temperature}", w.fx(() -> w.vm().data().templateProperty().get()));
    assertNull(w.problem(WizardViewModel.Page.DATA));
    robot.interact(() -> w.vm().data().templateProperty().set("it is {celsius} degrees"));
    w.blocked(WizardViewModel.Page.DATA, "{celsius}");
    robot.interact(() -> w.vm().data().templateProperty().set("it is {temperature} degrees"));
    assertNull(w.problem(WizardViewModel.Page.DATA));
    w.screenshot("finetune-wizard-2-data-numeric");
    w.next(WizardViewModel.Page.DATA);
    robot.interact(() -> w.vm().modelProperty().set(TINY.toString()));
    w.next(WizardViewModel.Page.MODEL);
    w.next(WizardViewModel.Page.HYPERPARAMETERS);
    assertEquals(List.of("cpu", "gpu0", "gpu1", "all"), w.fx(() -> List.copyOf(w.vm().devices())));
    robot.clickOn("#device-all");
    assertNull(w.problem(WizardViewModel.Page.DEVICE));
    String precision = robot.lookup("#precisionNote").queryAs(Label.class).getText();
    assertTrue(precision.startsWith("Training will compute in float16.") && precision.contains("tensor cores"),
        precision);
    w.screenshot("finetune-wizard-5-device-gpus");
    w.next(WizardViewModel.Page.DEVICE);
    assertTrue(w.fx(() -> w.vm().summary()).contains("gpu0 + gpu1 (data-parallel), float16 mixed precision"),
        w.fx(() -> w.vm().summary()));
    FinetuneSpec spec = w.fx(() -> w.vm().specs()).get(0);
    assertEquals("all", spec.device());
    assertEquals("auto", spec.precision());
    assertEquals(FeatureMode.TEXT_TEMPLATE, spec.columns().featureMode());
    assertEquals(List.of("temperature"), spec.columns().features());
    assertEquals("it is {temperature} degrees", spec.columns().featureTemplate());
    assertFalse(w.fx(() -> w.button(ButtonBar.ButtonData.FINISH).isDisabled()));
  }
}
