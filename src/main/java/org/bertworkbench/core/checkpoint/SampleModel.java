package org.bertworkbench.core.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.run.AtomicFiles;

/**
 * The small BERT that ships with the workbench ({@code sample-data/pretrain/tiny-model}, pretrained
 * here on the sample corpus; packaged under {@value #RESOURCES}): it loads in a blink for a class,
 * and the window offers it when Google's BERT-Base is not on the machine. Opened by the name
 * {@value #NAME}: copied into the model cache ({@code <cache>/models/sample-tiny/}, see
 * {@link EasyBertJar#modelsCache()}) when missing or different, then read as a Hugging Face folder.
 */
public final class SampleModel {

  public static final String NAME = "sample-tiny";
  public static final String SOURCE = "bundled-sample";
  static final String RESOURCES = "/org/bertworkbench/samples/sample-tiny/";
  static final List<String> FILES = List.of(HfFolderLoader.CONFIG, HfFolderLoader.VOCAB,
      HfFolderLoader.TOKENIZER_CONFIG, HfFolderLoader.WEIGHTS);

  private SampleModel() {
  }

  /** True when this build carries the sample model (every file of it is on the class path). */
  public static boolean bundled() {
    return FILES.stream().allMatch(f -> SampleModel.class.getResource(RESOURCES + f) != null);
  }

  /** The folder it is (or will be) copied to. */
  public static Path folder() {
    return EasyBertJar.modelsCache().resolve(NAME);
  }

  /** Its config, read from the class path without copying anything. */
  static BertConfig config() throws CheckpointException {
    return ConfigJson.parse(HfFolderLoader.CONFIG, new String(resource(HfFolderLoader.CONFIG), StandardCharsets.UTF_8))
        .config();
  }

  /** Its lower-casing, from tokenizer_config.json (the sample is uncased). */
  static boolean lowerCase() throws CheckpointException {
    String text = new String(resource(HfFolderLoader.TOKENIZER_CONFIG), StandardCharsets.UTF_8);
    var e = JsonText.parseObject(HfFolderLoader.TOKENIZER_CONFIG, JsonText.FILE, text).get("do_lower_case");
    return e == null || e.getAsBoolean();
  }

  /** Copies it into the cache if needed, then opens it. */
  static Checkpoint open() throws CheckpointException {
    Path dir = folder();
    try {
      for (String f : FILES) {
        byte[] bytes = resource(f);
        Path target = dir.resolve(f);
        if (!Files.isRegularFile(target) || Files.size(target) != bytes.length
            || !Arrays.equals(Files.readAllBytes(target), bytes)) {
          AtomicFiles.write(target, ch -> AtomicFiles.writeFully(ch, java.nio.ByteBuffer.wrap(bytes)));
        }
      }
    } catch (IOException e) {
      throw new CheckpointException(NAME, Message.of(SampleModel.class, "cannotCopySample", dir, e.getMessage()), e);
    }
    Checkpoint c = HfFolderLoader.load(dir);
    return new Checkpoint(NAME, SOURCE, dir, c.config(), c.vocabFile(), c.lowerCase(), c.tensors(), c.notes(),
        c.extraConfig());
  }

  private static byte[] resource(String file) throws CheckpointException {
    try (InputStream in = SampleModel.class.getResourceAsStream(RESOURCES + file)) {
      if (in == null) {
        throw new CheckpointException(NAME, Message.of(SampleModel.class, "notInBuild", RESOURCES + file));
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new CheckpointException(NAME, Message.of(SampleModel.class, "cannotReadFile", RESOURCES + file,
          e.getMessage()), e);
    }
  }
}
