package org.bertworkbench.core.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.tensor.RawTensor;

/**
 * Opens a Google TensorFlow BERT folder as Google published them: bert_config.json, vocab.txt,
 * bert_model.ckpt.index and bert_model.ckpt.data-00000-of-00001 (any single {@code *.index} will do).
 */
final class TfFolderLoader {

  static final String CONFIG = "bert_config.json";
  static final String VOCAB = "vocab.txt";
  static final String DATA_SUFFIX = ".data-00000-of-00001";

  private TfFolderLoader() {
  }

  static Checkpoint load(Path dir) throws CheckpointException {
    Path index = findIndex(dir);
    Path configFile = dir.resolve(CONFIG);
    ConfigJson.Parsed parsed = ConfigJson.read(configFile);
    List<String> vocab = VocabFile.read(dir.resolve(VOCAB), Message.verbatim(CONFIG), parsed.config().vocabSize());
    return assemble(dir.getFileName().toString(), Checkpoint.SOURCE_TF, dir, parsed.config(), Message.verbatim(CONFIG),
        dir.resolve(VOCAB), VocabFile.looksUncased(vocab), index, TfCheckpointReader.read(index, dataFile(index)));
  }

  /** The data file of a bundle: {@code <prefix>.data-00000-of-00001} next to {@code <prefix>.index}. */
  static Path dataFile(Path index) {
    String n = index.getFileName().toString();
    return index.resolveSibling(n.substring(0, n.length() - ".index".length()) + DATA_SUFFIX);
  }

  /** Validates a read bundle against its config and builds the checkpoint (config-independent notes first). */
  static Checkpoint assemble(String name, String source, Path location, BertConfig config, Message configName,
      Path vocabFile, boolean lowerCase, Path index, TfCheckpointReader.Contents contents) throws CheckpointException {
    Map<String, RawTensor> tensors = contents.tensors();
    List<String> notes = new ArrayList<>(contents.notes());
    notes.addAll(CheckpointValidator.check(config, tensors, index.getFileName().toString(), configName));
    notes.add("TensorFlow kernels are stored [in, out]: those tensors have RawTensor.transposed() = true");
    return new Checkpoint(name, source, location, config, vocabFile, lowerCase, tensors, notes, Map.of());
  }

  private static Path findIndex(Path dir) throws CheckpointException {
    Path preferred = dir.resolve("bert_model.ckpt.index");
    if (Files.isRegularFile(preferred)) {
      return preferred;
    }
    List<Path> found;
    try (Stream<Path> s = Files.list(dir)) {
      found = s.filter(p -> p.getFileName().toString().endsWith(".index")).sorted().toList();
    } catch (IOException ex) {
      throw new CheckpointException(dir.toString(), Message.of(TfFolderLoader.class, "cannotListFolder",
          ex.getMessage()), ex);
    }
    if (found.size() != 1) {
      throw new CheckpointException(dir.toString(), found.isEmpty() ? Message.of(TfFolderLoader.class, "noTfIndex")
          : Message.of(TfFolderLoader.class, "severalTfIndexes", found));
    }
    return found.get(0);
  }
}
