package org.bertworkbench.core.pretrain;

import java.util.Locale;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;

/**
 * The size of a BERT to pretrain: L layers, H hidden, A heads, feed-forward width (4H in the
 * paper). Presets follow Google's smaller BERTs (Turc et al. 2019) and BERT-Base.
 */
public record ModelShape(int layers, int hidden, int heads, int intermediate) {

  /** tiny L2/H128/A2, mini L4/H256/A4, small L4/H512/A8, base L12/H768/A12. */
  public static ModelShape preset(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "tiny":
        return of(2, 128, 2);
      case "mini":
        return of(4, 256, 4);
      case "small":
        return of(4, 512, 8);
      case "base":
        return of(12, 768, 12);
      default:
        throw new BadInputException(Message.of(ModelShape.class, "ModelShape.unknownPreset", name));
    }
  }

  /** A shape with the paper's feed-forward width, 4H. */
  public static ModelShape of(int layers, int hidden, int heads) {
    return new ModelShape(layers, hidden, heads, 4 * hidden);
  }

  /** The config for a vocabulary of {@code vocabSize}: 512 positions, 2 segments, paper defaults. */
  public BertConfig config(int vocabSize, double dropout) {
    return BertConfig.of(vocabSize, hidden, layers, heads, intermediate, 512, 2).withDropout(dropout);
  }
}
