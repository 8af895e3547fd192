package org.bertworkbench.gui.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.bertworkbench.gui.export.Drawing;
import org.bertworkbench.gui.export.Exports;
import org.bertworkbench.gui.export.Table;
import org.junit.jupiter.api.Test;

/** The runs views' drawings without a window: what they compute, and that they export. */
class FinetuneDrawingsTest {

  static void export(Drawing d, Table t, String name, String mustContain) throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "screenshots"));
    Exports.png(d, 900, Math.max(200, d.preferredHeight()), dir.resolve(name + ".png"));
    assertTrue(ImageIO.read(dir.resolve(name + ".png").toFile()).getWidth() >= 1800, "PNG at twice the size");
    String svg = Exports.svg(d, 900, 400);
    assertTrue(svg.contains(mustContain), name + " SVG names " + mustContain);
    StringWriter csv = new StringWriter();
    t.writeCsv(csv);
    assertTrue(csv.toString().lines().count() > 1, name + " CSV has rows");
  }

  @Test
  void confusionMatrixCountsRecallAndPrecision() throws Exception {
    // gold rows, predicted columns: 8 of 10 "pos" right, 2 as "neg"; 6 of 9 "neg" right, 3 as "pos".
    ConfusionMatrixDrawing d = new ConfusionMatrixDrawing(List.of("pos", "neg"), new long[][] {{8, 2}, {3, 6}});
    assertArrayEquals(new double[] {0.8, 6 / 9.0}, d.recall(), 1e-12);
    assertArrayEquals(new double[] {8 / 11.0, 0.75}, d.precision(), 1e-12);
    assertEquals(4, d.table().rows().size());
    export(d, d.table(), "finetune-confusion-matrix", "recall");
  }

  @Test
  void spanProbabilitiesOverTheParagraph() throws Exception {
    String context = "The bees live in the forest. They make honey.";
    List<SpanDrawing.Piece> pieces = List.of(new SpanDrawing.Piece(0, 3, 0.01, 0.0), new SpanDrawing.Piece(4, 8, 0.02, 0.01),
        new SpanDrawing.Piece(9, 13, 0.0, 0.0), new SpanDrawing.Piece(14, 16, 0.01, 0.0),
        new SpanDrawing.Piece(17, 20, 0.1, 0.0), new SpanDrawing.Piece(21, 27, 0.85, 0.9),
        new SpanDrawing.Piece(27, 28, 0.0, 0.08), new SpanDrawing.Piece(29, 33, 0.01, 0.0));
    SpanDrawing d = new SpanDrawing("Where do the bees live?", context, pieces, 21, 27, List.of(new int[] {21, 27}));
    assertEquals("forest", d.table().rows().get(5).get(0));
    export(d, d.table(), "finetune-qa-probabilities", "forest");
  }

  @Test
  void entitiesInColourWithErrorsMarked() throws Exception {
    EntityDrawing d = new EntityDrawing(List.of("the", "bees", "of", "egypt", "and", "the", "castle"),
        List.of("O", "B-ANI", "O", "B-LOC", "O", "O", "B-ANI"), List.of("O", "B-ANI", "O", "B-LOC", "O", "O", "B-LOC"));
    assertEquals(List.of(7, "castle", "B-LOC", "B-ANI"), d.table().rows().get(6));
    export(d, d.table(), "finetune-entities", "LOC");
  }

  @Test
  void barsForBalanceAndProbabilities() throws Exception {
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("wet", 30);
    counts.put("dry", 10);
    BarsDrawing balance = BarsDrawing.balance(counts, "examples", "none");
    assertEquals(List.of("dry", 10.0), balance.table().rows().get(1));
    export(balance, balance.table(), "finetune-class-balance", "75.0%");
    BarsDrawing p = BarsDrawing.probabilities(Map.of("wet", 0.9), "wet");
    export(p, p.table(), "finetune-probabilities", "gold");
  }
}
