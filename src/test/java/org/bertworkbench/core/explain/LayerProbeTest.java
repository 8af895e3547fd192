package org.bertworkbench.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.bertworkbench.core.finetune.DatasetException;
import org.bertworkbench.core.job.CancelledException;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.job.UserMessages;
import org.bertworkbench.core.load.LoadedBert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Layer probes of Google's BERT-Base on the sample part-of-speech files: the middle layers beat
 * the majority tag by far and are selective; the refusals of files a probe cannot use.
 */
class LayerProbeTest {

  static final Path TRAIN = Path.of("sample-data/probe/train.conll");
  static final Path DEV = Path.of("sample-data/probe/dev.conll");

  static LoadedBert bert;

  @TempDir
  Path dir;

  @BeforeAll
  static void load() throws Exception {
    bert = LoadedBert.open("bert-base-uncased", Device.cpu(), Progress.NONE);
  }

  @AfterAll
  static void close() {
    bert.close();
  }

  @Test
  void middleLayersBeatTheMajorityTagAndAreSelective() {
    long start = System.nanoTime();
    LayerProbe.Result r = LayerProbe.run(bert, TRAIN, DEV, LayerProbe.Settings.defaults(LayerProbe.DEFAULT_SEED),
        new Progress() {
          String last = "";

          @Override
          public void report(double fraction, String message) {
            String head = message.replaceAll("[0-9].*", "");
            if (!head.equals(last)) {
              System.out.printf("%.1f s %s%n", (System.nanoTime() - start) / 1e9, message);
              last = head;
            }
          }

          @Override
          public boolean isCancelled() {
            return false;
          }
        });
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "probe of BERT-Base on the sample: %.1f s, %d train words, %d dev words, "
        + "majority %s %.3f%n", seconds, r.trainWords(), r.devWords(), r.majorityTag(), r.majorityBaseline());
    for (LayerProbe.Layer l : r.layers()) {
      System.out.printf(Locale.ROOT, "| %d | %.3f | %.3f | %.3f |%n", l.layer(), l.accuracy(), l.controlAccuracy(),
          l.selectivity());
    }
    assertEquals(1473, r.trainWords());
    assertEquals(427, r.devWords());
    assertEquals(13, r.layers().size());
    assertEquals("NOUN", r.majorityTag());
    assertEquals(86 / 427.0, r.majorityBaseline(), 1e-12);
    assertEquals(15, r.tags().size());
    assertEquals(List.of(), r.notes());
    for (LayerProbe.Layer l : r.layers()) {
      assertTrue(Double.isFinite(l.selectivity()), "layer " + l.layer());
      assertTrue(l.controlAccuracy() > 0 && l.controlAccuracy() < 1, "layer " + l.layer());
    }
    for (int layer = 4; layer <= 8; layer++) {
      LayerProbe.Layer l = r.layers().get(layer);
      assertTrue(l.accuracy() > r.majorityBaseline() + 0.5, "layer " + layer + ": " + l);
      assertTrue(l.selectivity() > 0.1, "layer " + layer + ": " + l);
    }
  }

  @Test
  void theSameSeedGivesTheSameProbesAndCancelStops() throws Exception {
    Path train = write("train.conll", "the\tDET\ncat\tNOUN\nsat\tVERB\n\na\tDET\ndog\tNOUN\nran\tVERB\n");
    Path dev = write("dev.conll", "the\tDET\ndog\tNOUN\nsat\tVERB\n");
    LayerProbe.Settings s = LayerProbe.Settings.defaults(7);
    LayerProbe.Result a = LayerProbe.run(bert, train, dev, s, Progress.NONE);
    LayerProbe.Result b = LayerProbe.run(bert, train, dev, s, Progress.NONE);
    assertEquals(a.layers(), b.layers());
    assertEquals(List.of("DET", "NOUN", "VERB"), a.tags(), "equal counts: by name");
    Progress cancelled = new Progress() {
      @Override
      public void report(double fraction, String message) {}

      @Override
      public boolean isCancelled() {
        return true;
      }
    };
    assertThrows(CancelledException.class, () -> LayerProbe.run(bert, train, dev, s, cancelled));
  }

  @Test
  void devTagsTheTrainFileLacksAreReportedNotScoredAndLongSentencesCut() throws Exception {
    Path train = write("train.conll", "the\tDET\ncat\tNOUN\nsat\tVERB\n\na\tDET\ndog\tNOUN\nran\tVERB\n");
    Path dev = write("dev.conll", "the\tDET\ndog\tNOUN\nsat\tVERB\nquickly\tADV\n\nwow\tINTJ\n!\tPUNCT\n");
    LayerProbe.Settings s = LayerProbe.Settings.defaults(1);
    LayerProbe.Result r = LayerProbe.run(bert, train, dev, s, Progress.NONE);
    assertEquals(List.of("ADV", "INTJ", "PUNCT"), r.unseenDevTags());
    assertEquals(3, r.unseenDevWords());
    assertEquals(3, r.devWords(), "only the, dog, sat are scored");
    assertEquals("3 dev words have tags the train file does not use (ADV, INTJ, PUNCT): they are not scored",
        r.notes().get(0).english());

    LayerProbe.Settings short4 = new LayerProbe.Settings(1, 4, 32, 50, 0.05, 1e-2, s.forward());
    LayerProbe.Result cut = LayerProbe.run(bert, train, dev, short4, Progress.NONE);
    assertEquals(4, cut.trainWords(), "[CLS] and two words and [SEP] in each train sentence");
    assertEquals(3, cut.cutSentences(), "both train sentences and the first dev sentence");
    assertEquals(4, cut.cutWords());
    assertTrue(cut.notes().contains(Message.of(LayerProbe.class, "LayerProbe.cut", 3, 4, 4)), cut.notes().toString());
  }

  @Test
  void aFileWithOneTagIsRefusedInEitherLanguage() throws Exception {
    Path one = write("one.conll", "the\tX\ncat\tX\n\nsat\tX\n");
    DatasetException e = assertThrows(DatasetException.class,
        () -> LayerProbe.run(bert, one, DEV, LayerProbe.Settings.defaults(1), Progress.NONE));
    assertEquals("one.conll: has only one tag, X: a probe needs at least two", UserMessages.of(e));
    assertEquals("one.conll: タグが X の 1 種類しかありません。プローブには 2 種類以上のタグが必要です",
        UserMessages.of(e, Locale.JAPANESE));
  }

  @Test
  void emptyAndUnusableFilesAreRefusedSayingWhy() throws Exception {
    Path empty = write("empty.conll", "");
    assertEquals("empty.conll: is empty", UserMessages.of(assertThrows(DatasetException.class,
        () -> LayerProbe.run(bert, TRAIN, empty, LayerProbe.Settings.defaults(1), Progress.NONE))));
    Path bad = write("bad.conll", "the\n\ncat\n");
    DatasetException e = assertThrows(DatasetException.class,
        () -> LayerProbe.run(bert, bad, DEV, LayerProbe.Settings.defaults(1), Progress.NONE));
    String said = UserMessages.of(e);
    assertTrue(said.startsWith("bad.conll: has no usable sentence: all 2 are left out (the first: line 1: "), said);
    String ja = UserMessages.of(e, Locale.JAPANESE);
    assertTrue(ja.startsWith("bad.conll: 使える文がありません。2 文すべてが除かれました (最初: "), ja);
  }

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }
}
