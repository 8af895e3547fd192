package org.bertworkbench.gui.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.bertworkbench.core.checkpoint.SampleModel;
import org.bertworkbench.core.finetune.FinetuneSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The wizard's faults a new user met (issue 12, point 8): a path typed char by char prints no
 * stack trace; the base models are labelled by what they are; spec.json records no dev fraction
 * when a dev file was chosen; the data folder read last is where the file chooser opens.
 */
@ExtendWith(ApplicationExtension.class)
class WizardFaultsTest {

  @TempDir
  Path dir;
  Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    stage.setScene(new Scene(new StackPane(new Label("workbench")), 400, 300));
    stage.show();
  }

  FinetuneWizard open(FxRobot robot, List<List<FinetuneSpec>> launched) {
    FinetuneWizard[] w = new FinetuneWizard[1];
    robot.interact(() -> {
      WizardViewModel vm = new WizardViewModel(List.of(), dir.resolve("runs"), FakeProbe.cpuOnly());
      w[0] = new FinetuneWizard(stage, vm, launched::add, e -> { });
      w[0].show();
    });
    return w[0];
  }

  @Test
  void typingAPathPrintsNoStackTraceAndTheFolderIsRemembered(FxRobot robot) throws Exception {
    Path data = Files.createDirectories(dir.resolve("my data"));
    Path train = GeneratedData.classify(data, 30, 1);
    WizardDriver w = new WizardDriver(robot, open(robot, new ArrayList<>()));
    w.next(WizardViewModel.Page.TASK);
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      robot.clickOn("#trainFile");
      robot.write(train.toString()); // "/", "/t", "/tm", ...: every prefix of the path passes through the field
      w.settle();
    } finally {
      System.setErr(err);
    }
    String printed = captured.toString(StandardCharsets.UTF_8);
    assertFalse(printed.contains("Exception") || printed.contains("\tat "), "no stack trace while typing:\n" + printed);
    assertEquals(train.toString(), w.fx(() -> w.vm().data().trainFileProperty().get()));
    assertTrue(w.fx(() -> w.vm().runNameProperty().get()).startsWith("classify-classify-"),
        w.fx(() -> w.vm().runNameProperty().get()));

    // A second wizard (a new window) opens its data file chooser in the folder read last.
    FinetuneWizard second = open(robot, new ArrayList<>());
    DataPage page = (DataPage) second.pages().get(1);
    java.io.File initial = w.fx(() -> page.chooser("Training file").getInitialDirectory());
    assertEquals(data.toFile(), initial, "the chooser opens where the last data file was");
  }

  @Test
  void baseModelsAreLabelledByWhatTheyAre(FxRobot robot) throws Exception {
    // A run fine-tuned here, whose model the window has opened.
    Path run = Files.createDirectories(dir.resolve("runs").resolve("run-7"));
    org.bertworkbench.core.finetune.FineTunedFolders.classifier(run.resolve("model"));
    FinetuneSpec.defaults(org.bertworkbench.core.finetune.TaskKind.CLASSIFY, "train.tsv", SampleModel.NAME,
        run.toString()).save(run.resolve(org.bertworkbench.core.finetune.FinetuneRun.SPEC));
    FinetuneWizard[] opened = new FinetuneWizard[1];
    robot.interact(() -> {
      WizardViewModel vm = new WizardViewModel(List.of(run.resolve("model").toString()), dir.resolve("runs"),
          FakeProbe.cpuOnly());
      opened[0] = new FinetuneWizard(stage, vm, x -> { }, e -> { });
      opened[0].show();
    });
    WizardDriver w = new WizardDriver(robot, opened[0]);
    String fineTuned = w.fx(() -> w.vm().models().stream().map(Object::toString)
        .filter(l -> l.startsWith(run.resolve("model").toString())).findFirst().orElseThrow());
    assertTrue(fineTuned.contains("(run-7 (classify, from sample-tiny); fine-tuned here)"), fineTuned);
    List<String> labels = w.fx(() -> w.vm().models().stream().map(Object::toString).toList());
    String sample = labels.stream().filter(l -> l.startsWith(SampleModel.NAME + " ")).findFirst().orElseThrow();
    assertFalse(sample.contains("Google") || sample.contains("BERT-Base"), "the sample is not Google's BERT-Base: " + sample);
    assertTrue(sample.contains("2 layers, hidden 128") && sample.contains("bundled sample"), sample);
    String base = labels.stream().filter(l -> l.startsWith("bert-base-uncased ")).findFirst().orElseThrow();
    assertTrue(base.contains("Google BERT-Base: 12 layers, hidden 768, uncased"), base);
    String mini = labels.stream().filter(l -> l.startsWith("all-minilm-l6-v2 ")).findFirst().orElseThrow();
    assertTrue(mini.contains("(sentence-transformers/all-MiniLM-L6-v2 sentence embeddings: 6 layers, hidden 384, "
        + "uncased; ONNX from Maven Central (langchain4j))"), mini);
  }

  @Test
  void aDevFileRecordsNoDevFraction(FxRobot robot) throws Exception {
    Path train = GeneratedData.classify(dir, 40, 1);
    Path dev = GeneratedData.classify(Files.createDirectories(dir.resolve("dev")), 10, 2);
    List<List<FinetuneSpec>> launched = new ArrayList<>();
    WizardDriver w = new WizardDriver(robot, open(robot, launched));
    robot.interact(() -> {
      w.vm().data().trainFileProperty().set(train.toString());
      w.vm().data().useDevFileProperty().set(true);
      w.vm().data().devFileProperty().set(dev.toString());
      w.vm().modelProperty().set(SampleModel.NAME);
    });
    w.settle();
    FinetuneSpec spec = w.fx(() -> w.vm().specs()).get(0);
    JsonObject json = JsonParser.parseString(spec.toJsonText()).getAsJsonObject();
    assertEquals(dev.toString(), json.get("dev").getAsString());
    assertTrue(json.get("dev_fraction").isJsonNull(), "no fraction is split off a dev file: " + json.get("dev_fraction"));
    assertEquals(spec, FinetuneSpec.fromJson(json), "and it reads back as the same run");
    // Without a dev file the fraction is recorded.
    robot.interact(() -> w.vm().data().useDevFileProperty().set(false));
    w.settle();
    JsonObject split = JsonParser.parseString(w.fx(() -> w.vm().specs()).get(0).toJsonText()).getAsJsonObject();
    assertEquals(0.1, split.get("dev_fraction").getAsDouble(), 1e-12);
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void theReviewPageEstimatesTheTime(FxRobot robot) throws Exception {
    Path train = GeneratedData.classify(dir, 40, 1);
    WizardDriver w = new WizardDriver(robot, open(robot, new ArrayList<>()));
    w.next(WizardViewModel.Page.TASK);
    robot.interact(() -> w.vm().data().trainFileProperty().set(train.toString()));
    w.next(WizardViewModel.Page.DATA);
    robot.interact(() -> w.vm().modelProperty().set(SampleModel.NAME));
    w.next(WizardViewModel.Page.MODEL);
    w.next(WizardViewModel.Page.HYPERPARAMETERS);
    w.next(WizardViewModel.Page.DEVICE);
    w.settle();
    WaitForAsyncUtils.waitForFxEvents();
    String shown = w.fx(() -> ((javafx.scene.control.TextArea) robot.lookup("#reviewSummary").query()).getText());
    assertTrue(shown.contains("Estimated time: about ") && shown.contains("(an estimate: the model's size x the examples at about "),
        "the review page says how long it will take, and that it is an estimate:\n" + shown);
    // 36 examples after the 10% split, batch 32, 3 epochs: 2 steps an epoch.
    assertTrue(shown.contains(" for 6 steps "), shown);
  }
}
