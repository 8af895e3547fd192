package org.bertworkbench.core.pretrain;

import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.train.OptimizerSettings;

/**
 * Everything a pretraining run needs, validated; the CLI and the window build the same record and
 * the run directory stores it in {@code run.json}, so that a run can be repeated from its record.
 *
 * @param corpus a UTF-8 text file or folder
 * @param corpusFormat how lines become sentences
 * @param out the run directory
 * @param from continue pretraining this model (name or folder); null to start from scratch
 * @param vocabModel use this model's vocabulary (name or folder); null to use {@code from}'s or to
 *     learn one
 * @param vocabSize size of the WordPiece vocabulary to learn when there is neither {@code from}
 *     nor {@code vocabModel}
 * @param lowerCase lower-case and strip accents (for a learned vocabulary; a model's own setting
 *     otherwise)
 * @param shape the model's size when starting from scratch; null with {@code from}
 * @param dropout dropout everywhere (0.1)
 * @param steps optimiser steps
 * @param batchSize sequences per step (the paper: 256)
 * @param recipe how instances are made
 * @param optimizer BERT's Adam with weight decay and its schedule
 * @param seed every random choice (initialisation, data, dropout) derives from it
 * @param checkpointEvery write a checkpoint every this many steps (and at the end)
 * @param dumpBatches write the instances of the first this many steps to batches.jsonl
 * @param device "cpu", "gpu", "gpu1", ...
 */
public record PretrainParams(String corpus, CorpusReader.Format corpusFormat, String out, String from,
    String vocabModel, int vocabSize, boolean lowerCase, ModelShape shape, double dropout, long steps,
    int batchSize, InstanceRecipe recipe, OptimizerSettings optimizer, long seed, long checkpointEvery,
    long dumpBatches, String device) {

  /** Checks the parameters against each other; throws {@link BadInputException} saying why. */
  public PretrainParams {
    if (corpus == null || out == null) {
      throw new BadInputException(Message.of(PretrainParams.class, "PretrainParams.required"));
    }
    if (from != null && shape != null) {
      throw new BadInputException(Message.of(PretrainParams.class, "PretrainParams.fromAndShape"));
    }
    if (from == null && shape == null) {
      throw new BadInputException(Message.of(PretrainParams.class, "PretrainParams.noShape"));
    }
    if (from != null && vocabModel != null && !vocabModel.equals(from)) {
      throw new BadInputException(Message.of(PretrainParams.class, "PretrainParams.ownVocabulary"));
    }
    if (from == null && vocabModel == null && vocabSize < 64) {
      throw new BadInputException(Message.of(PretrainParams.class, "PretrainParams.vocabSize", vocabSize));
    }
    if (steps < 1 || batchSize < 1) {
      throw new BadInputException(Message.of(PretrainParams.class, "PretrainParams.stepsAndBatch"));
    }
    if (checkpointEvery < 1) {
      throw new BadInputException(Message.of(PretrainParams.class, "PretrainParams.checkpointEvery", checkpointEvery));
    }
    if (dumpBatches < 0) {
      throw new BadInputException(Message.of(PretrainParams.class, "PretrainParams.dumpBatches"));
    }
    if (recipe.longestLength() > 512) {
      throw new BadInputException(Message.of(PretrainParams.class, "PretrainParams.tooLong", recipe.longestLength()));
    }
    if (dropout < 0 || dropout >= 1) {
      throw new BadInputException(Message.of(PretrainParams.class, "PretrainParams.dropout", dropout));
    }
    if (corpusFormat == null) {
      corpusFormat = CorpusReader.Format.AUTO;
    }
    if (device == null) {
      device = "cpu";
    }
  }

  /** The paper's recipe for a fresh model of {@code preset} with a learned vocabulary. */
  public static PretrainParams defaults(String corpus, String out, String preset, int vocabSize,
      long steps, int batchSize, int maxLength, long seed) {
    return new PretrainParams(corpus, CorpusReader.Format.AUTO, out, null, null, vocabSize, true,
        ModelShape.preset(preset), 0.1, steps, batchSize, InstanceRecipe.paper(maxLength),
        OptimizerSettings.paper(steps), seed, Math.max(1, steps / 10), 0, "cpu");
  }

  public PretrainParams withOptimizer(OptimizerSettings o) {
    return new PretrainParams(corpus, corpusFormat, out, from, vocabModel, vocabSize, lowerCase, shape,
        dropout, steps, batchSize, recipe, o, seed, checkpointEvery, dumpBatches, device);
  }

  public PretrainParams withCheckpoints(long every, long dump) {
    return new PretrainParams(corpus, corpusFormat, out, from, vocabModel, vocabSize, lowerCase, shape,
        dropout, steps, batchSize, recipe, optimizer, seed, every, dump, device);
  }

  public PretrainParams withOut(String dir) {
    return new PretrainParams(corpus, corpusFormat, dir, from, vocabModel, vocabSize, lowerCase, shape,
        dropout, steps, batchSize, recipe, optimizer, seed, checkpointEvery, dumpBatches, device);
  }
}
