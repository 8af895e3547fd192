package org.bertworkbench.gui.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.bertworkbench.core.tokenize.BertTokenizer;
import org.bertworkbench.core.tokenize.TokenizerTrace;
import org.bertworkbench.core.tokenize.TraceStep;
import org.bertworkbench.core.tokenize.Vocab;
import org.bertworkbench.gui.export.Exports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** Every tokenizer step exports as a valid PNG, SVG and CSV from the one drawing code. */
class StepExportTest {

  static final Vocab VOCAB = Vocab.of(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",
      "un", "##aff", "##able", "the", "cat", ",", "!"));

  @Test
  void everyStepExportsPngSvgAndCsv(@TempDir Path dir) throws Exception {
    TokenizerTrace trace = new BertTokenizer(VOCAB, true)
        .encodeWithTrace("Unaffable, the cat!", "The CAT", 16, true).trace();
    for (TraceStep step : trace.steps()) {
      StepDrawing drawing = new StepDrawing(step, "Unaffable, the cat!", "The CAT", 1, new int[] {0, 0, 2});
      Path png = dir.resolve(step.id() + ".png");
      Exports.png(drawing, 900, 300, png);
      BufferedImage image = ImageIO.read(png.toFile());
      assertNotNull(image, step.id());
      assertEquals(1800, image.getWidth());
      assertEquals(600, image.getHeight());

      String svg = Exports.svg(drawing, 900, 300);
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      // Never fetch the SVG DTD from the network.
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
      assertEquals("svg", doc.getDocumentElement().getTagName());
      assertTrue(svg.contains("<path") || svg.contains("<rect"), step.id());
      assertTrue(svg.contains(">un<") || svg.contains(">U<") || svg.contains("un"), step.id());

      Path csv = dir.resolve(step.id() + ".csv");
      TokensPane.stepTable(step).writeCsv(csv);
      List<String> lines = Files.readAllLines(csv);
      assertEquals(step.rows().size() + 1, lines.size(), step.id());
      assertTrue(lines.get(0).startsWith("row,0"), lines.get(0));
    }
  }

  @Test
  void paddingStepShowsTheMaskRow() {
    TraceStep padding = new BertTokenizer(VOCAB, true).encodeWithTrace("the cat", null, 8, true)
        .trace().step("padding");
    assertEquals(List.of("1", "1", "1", "1", "0", "0", "0", "0"), padding.row("attention mask").cells());
    assertEquals("[PAD]", padding.row("tokens").cells().get(7));
  }
}
