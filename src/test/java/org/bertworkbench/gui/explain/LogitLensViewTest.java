package org.bertworkbench.gui.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.bertworkbench.core.analysis.FillMask;
import org.bertworkbench.core.explain.LogitLens;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;
import org.bertworkbench.gui.Screenshots;
import org.bertworkbench.gui.draw.ChartDrawing;
import org.bertworkbench.gui.shell.WorkbenchPane;
import org.bertworkbench.gui.shell.WorkbenchView;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Explain tab's logit lens driven headless on BERT-Base: the table fills one row per hidden state,
 * its last row is what fill-mask says, the chart follows the answer through the states, every picture
 * exports, and a text without a mask says why in the status line.
 */
@ExtendWith(ApplicationExtension.class)
class LogitLensViewTest {

  WorkbenchViewModel vm;
  LogitLensView lens;

  @TempDir
  Path dir;

  @Start
  void start(Stage stage) {
    vm = new WorkbenchViewModel();
    lens = new LogitLensView(vm);
    WorkbenchView view = new WorkbenchView(vm, List.<WorkbenchPane>of(new ExplainPane(List.of(lens))));
    stage.setScene(new Scene(view.root(), 1280, 860));
    stage.show();
  }

  @Test
  void theTableFillsAndItsLastRowIsFillMask(FxRobot robot) throws Exception {
    assertEquals("Logit lens", robot.lookup("#explainViews").queryAs(TabPane.class).getTabs().get(0).getText());
    assertNull(lens.tableCanvas().drawing(), "nothing before the first run");
    robot.interact(() -> vm.load("bert-base-uncased"));
    WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.modelProperty().get() != null);
    LoadedBert bert = vm.modelProperty().get();
    assertEquals(LogitLensView.EXAMPLE, lens.textField().getText());

    String text = "The [MASK] sat on the [MASK] all day.";
    robot.interact(() -> {
      lens.textField().setText(text);
      lens.topKSpinner().getValueFactory().setValue(4);
      lens.run();
    });
    waitIdle();
    LogitLensDrawing d = assertInstanceOf(LogitLensDrawing.class, lens.tableCanvas().drawing());
    LogitLens.Result shown = d.lens();
    assertEquals(13, shown.states(), "a row per hidden state: the embeddings and 12 layers");
    assertEquals(2, shown.masks().size(), "a column per [MASK]");
    Encoding e = bert.encode(text, null, vm.maxLengthProperty().get());
    List<FillMask.MaskPredictions> fill = FillMask.predict(bert.model(), bert.vocab(), e, 4, ForwardOptions.INFERENCE);
    for (int m = 0; m < 2; m++) {
      LogitLens.Layer last = shown.masks().get(m).layers().get(12);
      assertEquals(fill.get(m).position(), shown.masks().get(m).position());
      for (int i = 0; i < 4; i++) {
        assertEquals(fill.get(m).predictions().get(i).id(), last.top().get(i).id());
        assertEquals(fill.get(m).predictions().get(i).score(), last.top().get(i).probability(), 0.0);
      }
    }
    assertTrue(lens.statusLabel().getText().startsWith("2 [MASK] through 13 hidden states"),
        lens.statusLabel().getText());

    var data = ((ChartDrawing) lens.chartCanvas().drawing()).chart().getXYPlot().getDataset();
    assertEquals(2, data.getSeriesCount(), "a line per mask");
    assertEquals(13, data.getItemCount(0));
    assertEquals(fill.get(0).predictions().get(0).score(), data.getYValue(0, 12), 0.0,
        "the line ends at the answer's probability");

    for (String kind : List.of("png", "svg", "csv", "json")) {
      Path file = dir.resolve("lens." + kind);
      lens.tableCanvas().export(kind, file);
      assertTrue(Files.size(file) > 100, kind);
    }
    List<String> csv = Files.readAllLines(dir.resolve("lens.csv"));
    assertEquals("position,layer,name,rank,token,id,probability,final_token,final_token_probability,"
        + "final_token_rank", csv.get(0));
    assertEquals(1 + 2 * 13 * 4, csv.size(), "mask x state x k rows");
    JsonObject json = JsonParser.parseString(Files.readString(dir.resolve("lens.json"))).getAsJsonObject();
    assertEquals(13, json.getAsJsonArray("masks").get(1).getAsJsonObject().getAsJsonArray("layers").size());
    assertEquals("layer 11", json.getAsJsonArray("masks").get(0).getAsJsonObject().getAsJsonArray("layers")
        .get(12).getAsJsonObject().get("name").getAsString());
    Path chartCsv = dir.resolve("chart.csv");
    lens.chartCanvas().export("csv", chartCsv);
    lens.chartCanvas().export("png", dir.resolve("chart.png"));
    assertEquals(1 + 2 * 13, Files.readAllLines(chartCsv).size());
    Screenshots.save(robot, "explain-logit-lens");
    assertTrue(d.preferredHeight() <= lens.tableCanvas().getHeight() + 1,
        "13 rows fit the table at this size: " + lens.tableCanvas().getHeight());

    robot.interact(() -> {
      lens.textField().setText("Paris is the capital of France.");
      lens.run();
    });
    waitIdle();
    assertTrue(lens.statusLabel().getText().contains("there is no [MASK] in the text"),
        lens.statusLabel().getText());
    robot.interact(() -> lens.shutdown());
  }

  private void waitIdle() throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !lens.busy());
    WaitForAsyncUtils.waitForFxEvents();
  }
}
