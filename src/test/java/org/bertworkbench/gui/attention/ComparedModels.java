package org.bertworkbench.gui.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.bertworkbench.cli.BertCli;

/**
 * Models to compare with BERT-Base, made by the workbench's own {@code pretrain} command on the
 * sample corpus: BERT-Base pretrained one more step (same vocabulary, same shape, other weights)
 * and a 2-layer, 2-head model with BERT-Base's vocabulary (same vocabulary, other shape).
 */
final class ComparedModels {

  static final String CORPUS = "sample-data/pretrain/corpus.txt";

  private ComparedModels() {}

  /** bert-base-uncased after one more optimiser step on the sample corpus (about 25 s, 1.3 GB with Adam's state). */
  static Path bertBaseOneStepMore(Path dir) {
    Path run = dir.resolve("bert-base-continued");
    pretrain("--from", "bert-base-uncased", "--corpus", CORPUS, "--out", run.toString(), "--steps", "1",
        "--batch-size", "2", "--max-length", "32", "--learning-rate", "2e-4", "--warmup-steps", "0",
        "--checkpoint-every", "1", "--seed", "4");
    return run.resolve("checkpoints").resolve("step-1");
  }

  /** A 2-layer, 2-head model with bert-base-uncased's vocabulary, two steps from random (about 10 s). */
  static Path smallWithBertVocabulary(Path dir) {
    Path run = dir.resolve("small-bert-vocab");
    pretrain("--vocab", "bert-base-uncased", "--preset", "tiny", "--corpus", CORPUS, "--out", run.toString(),
        "--steps", "2", "--batch-size", "2", "--max-length", "32", "--checkpoint-every", "2", "--seed", "4");
    return run.resolve("checkpoints").resolve("step-2");
  }

  private static void pretrain(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "pretrain";
    System.arraycopy(args, 0, all, 1, args.length);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = BertCli.run(all, new PrintWriter(out), new PrintWriter(err));
    assertEquals(0, code, err.toString());
  }
}
