package org.bertworkbench.core.finetune;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.run.Provenance;

/**
 * Reads a run's data files ({@link Datasets}): the training file, and the dev file (read with the
 * training file's labels, so an unknown one is a bad row) or a seeded split of the training file
 * ({@link Split}, with the run's seed).
 */
final class FinetuneDataFiles {

  private FinetuneDataFiles() {}

  static FinetuneData load(FinetuneSpec spec, Consumer<Message> say) throws IOException {
    Path trainFile = Path.of(spec.train());
    Dataset train = Datasets.read(trainFile, spec.task(), spec.columns(), null);
    report(train, say);
    String trainHash = Provenance.sha256(trainFile);
    if (spec.dev() == null) {
      if (!train.badRows().isEmpty() && !spec.skipBadRows()) {
        throw new BadDataException(String.valueOf(train.source()), train.badRows());
      }
      Split split = Split.of(train, spec.devFraction(), spec.seed());
      say.accept(Message.of(FinetuneDataFiles.class, "FinetuneDataFiles.heldOut", split.dev().examples().size(),
          train.examples().size(), spec.seed()));
      return new FinetuneData(split.train(), split.dev(), true, trainHash, null);
    }
    Path devFile = Path.of(spec.dev());
    Dataset dev = Datasets.read(devFile, spec.task(), spec.columns(),
        spec.task() == TaskKind.QA ? null : train.labels());
    report(dev, say);
    return new FinetuneData(train, dev, false, trainHash, Provenance.sha256(devFile));
  }

  private static void report(Dataset d, Consumer<Message> say) {
    Object labels = d.labels().isEmpty() ? ""
        : Message.of(FinetuneDataFiles.class, "FinetuneDataFiles.labels", d.classBalance());
    Object bad = d.badRows().isEmpty() ? ""
        : Message.of(FinetuneDataFiles.class, "FinetuneDataFiles.badRows", d.badRows().size());
    say.accept(Message.of(FinetuneDataFiles.class, "FinetuneDataFiles.read", d.source().getFileName(),
        d.examples().size(), labels, bad));
    d.badRows().forEach(b -> say.accept(Message.of(FinetuneDataFiles.class, "FinetuneDataFiles.badRow",
        d.source().getFileName(), b.message())));
  }
}
