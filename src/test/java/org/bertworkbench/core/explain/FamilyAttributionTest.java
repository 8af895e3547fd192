package org.bertworkbench.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.List;
import org.bertworkbench.core.analysis.SentenceEmbedding;
import org.bertworkbench.core.analysis.SentencePooling;
import org.bertworkbench.core.checkpoint.CheckpointLoader;
import org.bertworkbench.core.checkpoint.DistilBertFolderWriter;
import org.bertworkbench.core.checkpoint.SampleModel;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The BERT family: a sentence-embedding model's similarity target (all-MiniLM-L6-v2, mean pooling)
 * is the cosine the Sentences view computes, and integrated gradients split it completely; a
 * DistilBERT has no segment part.
 */
class FamilyAttributionTest {

  @TempDir
  Path dir;

  @Test
  void miniLmsSimilarityIsTheSentenceViewsCosineAndIntegratedGradientsAddUpToIt() throws Exception {
    String a = "a man is playing a guitar .";
    String b = "someone plays an instrument .";
    try (LoadedBert minilm = LoadedBert.open("all-minilm-l6-v2", Device.cpu(), Progress.NONE);
        Attributor at = Explain.attributor(minilm, a, b, Target.parse("similarity"), ForwardOptions.INFERENCE)) {
      SentencePooling pooling = SentencePooling.of(minilm);
      List<SentenceEmbedding.Embedded> e = SentenceEmbedding.embed(minilm, List.of(a, b), pooling,
          pooling.limit(minilm), 2, ForwardOptions.INFERENCE, Progress.NONE);
      assertEquals(SentenceEmbedding.cosine(e.get(0).vector(), e.get(1).vector()), at.f(), 1e-5);
      Attribution few = at.integratedGradients(8, Progress.NONE);
      // f changes fast right next to the all-[PAD] baseline, which the right Riemann sum steps over:
      // the error is -0.45 at 32 steps, -0.12 at 128, -0.026 at 512, -0.004 at 1024.
      Attribution many = at.integratedGradients(1024, Progress.NONE);
      assertTrue(Math.abs(many.completeness().error()) < Math.abs(few.completeness().error()),
          few.completeness() + " then " + many.completeness());
      assertTrue(Math.abs(many.completeness().error()) < 0.05 * Math.abs(many.completeness().difference()),
          many.completeness().toString());
    }
  }

  @Test
  void aDistilBertHasNoSegmentPart() throws Exception {
    Path folder = dir.resolve("distil");
    DistilBertFolderWriter.writeStudent(folder, CheckpointLoader.open(SampleModel.NAME), new int[] {0},
        DistilBertFolderWriter.MASKED_LM);
    try (LoadedBert distil = LoadedBert.open(folder.toString(), Device.cpu(), Progress.NONE);
        Attributor at = Explain.attributor(distil, "the cat sat on the [MASK] .", "the dog ran .", Target.MLM,
            ForwardOptions.INFERENCE)) {
      Attribution ig = at.integratedGradients(16, Progress.NONE);
      assertNull(ig.segment(), "DistilBERT has no segment embeddings");
      assertNotNull(ig.position());
      for (int t = 0; t < ig.total().length; t++) {
        assertEquals(ig.token()[t] + ig.position()[t], ig.total()[t], 1e-12);
      }
    }
  }
}
