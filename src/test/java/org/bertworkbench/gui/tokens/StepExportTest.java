package org.bertworkbench.gui.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.bertworkbench.core.tokenize.BertTokenizer;
import org.bertworkbench.core.tokenize.TokenizerTrace;
import org.bertworkbench.core.tokenize.TraceRow;
import org.bertworkbench.core.tokenize.TraceStep;
import org.bertworkbench.core.tokenize.Vocab;
import org.bertworkbench.gui.export.Exports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Every tokenizer step exports as a valid PNG, SVG and CSV from the one drawing code. */
class StepExportTest {

  static final Vocab VOCAB = Vocab.of(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",
      "un", "##aff", "##able", "the", "cat", ",", "!"));

  static final String A = "Unaffable, the cat!";
  static final String B = "The CAT";
  /** Token 1 ("un") hovered, which outlines the characters it came from: "Un", A[0, 2). */
  static final int HOVERED = 1;
  static final int[] HOVERED_CHARS = {0, 0, 2};

  @Test
  void everyStepExportsPngSvgAndCsv(@TempDir Path dir) throws Exception {
    TokenizerTrace trace = new BertTokenizer(VOCAB, true).encodeWithTrace(A, B, 16, true).trace();
    for (TraceStep step : trace.steps()) {
      StepDrawing drawing = new StepDrawing(step, A, B, HOVERED, HOVERED_CHARS);
      boolean grid = step.rows().stream().anyMatch(r -> r.label().equals("tokens"));
      int changed = step.rows().stream().mapToInt(r -> r.changed().size()).sum();

      Path png = dir.resolve(step.id() + ".png");
      Exports.png(drawing, 900, 300, png);
      BufferedImage image = ImageIO.read(png.toFile());
      assertNotNull(image, step.id());
      assertEquals(1800, image.getWidth());
      assertEquals(600, image.getHeight());
      // At scale 2: "original A" starts at x 110 in boxes 8-9 wide, y 6-24; y 7 is above the glyphs.
      assertEquals(0xffcdd2, image.getRGB(2 * 111, 2 * 7) & 0xffffff, step.id() + ": hovered 'U' not lit");
      assertEquals(0xffcdd2, image.getRGB(2 * 119, 2 * 7) & 0xffffff, step.id() + ": hovered 'n' not lit");
      assertEquals(0xffffff, image.getRGB(2 * 150, 2 * 7) & 0xffffff, step.id() + ": a later character lit");
      assertEquals(changed > 0, countPixels(image, StepDrawing.CHANGED.getRGB()) > 0,
          step.id() + ": changed cells and the changed colour disagree");

      String svg = Exports.svg(drawing, 900, 300);
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      // Never fetch the SVG DTD from the network.
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
      assertEquals("svg", doc.getDocumentElement().getTagName());
      List<String> texts = texts(doc);
      List<String> originals = new ArrayList<>();
      originals.add("original A");
      A.chars().forEach(c -> originals.add(String.valueOf((char) c)));
      originals.add("original B");
      B.chars().forEach(c -> originals.add(String.valueOf((char) c)));
      assertEquals(originals, texts.subList(0, originals.size()), step.id());
      List<String> rest = texts.subList(originals.size(), texts.size());
      boolean text = List.of("raw", "cleaned", "cjk", "lowercase").contains(step.id());
      if (grid) {
        // Columns wrap into blocks, each block repeating the row labels: join each row's blocks.
        assertEquals(step.rows().get(0).label(), rest.get(0), step.id());
        Map<String, List<String>> shown = new LinkedHashMap<>();
        List<String> current = null;
        for (String t : rest) {
          if (step.rows().stream().anyMatch(r -> r.label().equals(t))) {
            current = shown.computeIfAbsent(t, k -> new ArrayList<>());
          } else {
            current.add(t);
          }
        }
        Map<String, List<String>> expected = new LinkedHashMap<>();
        step.rows().forEach(r -> expected.put(r.label(), r.cells()));
        assertEquals(expected, shown, step.id());
      } else {
        List<String> expected = new ArrayList<>();
        for (TraceRow r : step.rows()) {
          expected.add(r.label());
          r.cells().forEach(c -> expected.add(text ? StepDrawing.visible(c) : c));
        }
        assertEquals(expected, rest, step.id());
      }
      assertEquals(2, count(svg, "fill:rgb(255,205,210)"), step.id() + ": the two hovered characters");
      assertEquals(changed, count(svg, "fill:rgb(255,224,178)"), step.id() + ": one changed fill per changed cell");
      // The hovered token's column is outlined in every row of the number grid; chip steps have no token column.
      assertEquals(grid ? step.rows().size() : 0, count(svg, "stroke:rgb(211,47,47)"), step.id());

      Path csv = dir.resolve(step.id() + ".csv");
      TokensPane.stepTable(step).writeCsv(csv);
      List<String> lines = Files.readAllLines(csv);
      assertEquals(step.rows().size() + 1, lines.size(), step.id());
      assertTrue(lines.get(0).startsWith("row,0"), lines.get(0));
    }
  }

  /** The strings of the SVG's text elements, in document (drawing) order. */
  static List<String> texts(Document doc) {
    NodeList nodes = doc.getElementsByTagName("text");
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      texts.add(nodes.item(i).getTextContent());
    }
    return texts;
  }

  static int count(String haystack, String needle) {
    int n = 0;
    for (int at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
      n++;
    }
    return n;
  }

  static int countPixels(BufferedImage image, int argb) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) == (argb & 0xffffff)) {
          n++;
        }
      }
    }
    return n;
  }

  @Test
  void paddingStepShowsTheMaskRow() {
    TraceStep padding = new BertTokenizer(VOCAB, true).encodeWithTrace("the cat", null, 8, true)
        .trace().step("padding");
    assertEquals(List.of("1", "1", "1", "1", "0", "0", "0", "0"), padding.row("attention mask").cells());
    assertEquals("[PAD]", padding.row("tokens").cells().get(7));
  }
}
