package org.bertworkbench.core.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.core.analysis.FillMask;
import org.bertworkbench.core.analysis.SentenceEmbedding;
import org.bertworkbench.core.analysis.SentencePooling;
import org.bertworkbench.core.finetune.Batch;
import org.bertworkbench.core.finetune.EncodedInput;
import org.bertworkbench.core.finetune.FinetuneModel;
import org.bertworkbench.core.finetune.TaskKind;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.BertForPreTraining;
import org.bertworkbench.core.model.BertInput;
import org.bertworkbench.core.model.BertModel;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;
import org.bertworkbench.core.tokenize.Vocab;

/**
 * Resolves a {@link Target} against a model and one input into an {@link Objective}, or says,
 * naming what the model has, why it cannot.
 */
public final class Objectives {

  private Objectives() {}

  /** The targets a pretrained (or sentence-embedding) model offers, as the command line writes them. */
  public static List<String> available(LoadedBert model) {
    List<String> out = new ArrayList<>();
    if (model.model().hasMlmHead()) {
      out.add("mlm");
    }
    if (model.model().hasNspHead()) {
      out.add("nsp");
    }
    out.add("similarity");
    return out;
  }

  /** The targets a fine-tuned model offers. */
  public static List<String> available(FinetuneModel model) {
    TaskKind task = model.head().task();
    if (task.isClassification()) {
      return List.of("class:K");
    }
    return task == TaskKind.TAG ? List.of("tag:P:K") : List.of("start:P", "end:P");
  }

  /**
   * {@code target} on a pretrained model's input.
   *
   * @param textB the second text of a {@code similarity} target (ignored otherwise)
   * @param options the head switches every pass uses (training off)
   * @throws BadInputException when the model lacks the target, or the input does not fit it
   */
  public static Objective of(LoadedBert loaded, Encoding encoding, Target target, String textB,
      ForwardOptions options) {
    BertForPreTraining model = loaded.model();
    ForwardOptions inference = options.withTrace(false).withTraining(false);
    return switch (target.kind()) {
      case MLM -> {
        if (!model.hasMlmHead()) {
          throw new BadInputException(lacks(target, FillMask.noMlmHead(), available(loaded)));
        }
        yield mlm(loaded, encoding, target, inference);
      }
      case NSP -> {
        if (!model.hasNspHead()) {
          throw new BadInputException(lacks(target, Message.of(Objectives.class, "Objectives.noNspHead"),
              available(loaded)));
        }
        yield new Nsp(model.bert(), model, inference, new Objective.Explained(target, 0, 0, "IsNext"));
      }
      case SIMILARITY -> similarity(loaded, target, textB, inference);
      default -> throw new BadInputException(lacks(target, Message.of(Objectives.class, "Objectives.noTaskHead"),
          available(loaded)));
    };
  }

  /**
   * {@code target} on a fine-tuned model's encoded input.
   *
   * @throws BadInputException when the head is of another task, or K or P is out of range
   */
  public static Objective of(FinetuneModel model, EncodedInput input, Target target) {
    TaskKind task = model.head().task();
    Target.Kind kind = target.kind();
    boolean fits = task.isClassification() ? kind == Target.Kind.CLASS
        : task == TaskKind.TAG ? kind == Target.Kind.TAG : kind == Target.Kind.START || kind == Target.Kind.END;
    if (!fits) {
      throw new BadInputException(lacks(target, Message.of(Objectives.class, "Objectives.otherTask",
          task.name().toLowerCase(java.util.Locale.ROOT)), available(model)));
    }
    List<String> labels = model.head().labels();
    if (kind == Target.Kind.CLASS || kind == Target.Kind.TAG) {
      if (target.label() >= labels.size()) {
        throw new BadInputException(Message.of(Objectives.class, "Objectives.labelRange", target.spec(),
            target.label(), labels.size() - 1, String.join(", ", labels)));
      }
    }
    int length = input.length();
    if (kind != Target.Kind.CLASS && target.position() >= length) {
      throw new BadInputException(Message.of(Objectives.class, "Objectives.positionRange", target.spec(),
          target.position(), length - 1));
    }
    String name = switch (kind) {
      case CLASS, TAG -> labels.get(target.label());
      case START -> "start";
      default -> "end";
    };
    int position = kind == Target.Kind.CLASS ? 0 : target.position();
    int id = kind == Target.Kind.CLASS || kind == Target.Kind.TAG ? target.label() : -1;
    float[] features = null;
    try (NDManager scope = model.newScope()) {
      Batch batch = Batch.of(scope, List.of(input), model.tokenizer().vocab().padId());
      features = batch.features() == null ? null : batch.features().toFloatArray(); // standardised, (F)
    }
    return new Finetuned(model, features, new Objective.Explained(target, position, id, name));
  }

  private static Objective mlm(LoadedBert loaded, Encoding encoding, Target target, ForwardOptions options) {
    Vocab vocab = loaded.vocab();
    int[] ids = encoding.inputIds();
    int position = -1;
    for (int i = 0; i < ids.length && position < 0; i++) {
      position = ids[i] == vocab.maskId() ? i : -1;
    }
    if (position < 0) {
      throw new BadInputException(Message.of(Objectives.class, "Objectives.noMask"));
    }
    BertForPreTraining model = loaded.model();
    int id;
    if (target.token() != null) {
      if (!vocab.contains(target.token())) {
        throw new BadInputException(Message.of(Objectives.class, "Objectives.tokenOutside", target.token(),
            String.join(" ", loaded.tokenizer().encode(target.token(), null, 16, false).tokens().stream()
                .filter(t -> !t.equals(Vocab.CLS) && !t.equals(Vocab.SEP)).toList())));
      }
      id = vocab.id(target.token());
    } else {
      try (NDManager scope = model.newScope()) {
        BertInput input = BertInput.of(scope, ids, encoding.tokenTypeIds(), encoding.attentionMask());
        NDArray sequence = model.forward(input, options).sequenceOutput().get(0); // (T, H)
        id = (int) model.mlmLogitsAt(sequence, new long[] {position}).argMax(-1).toLongArray()[0];
      }
    }
    return new Mlm(model, options, new Objective.Explained(target, position, id, vocab.token(id)));
  }

  private static Objective similarity(LoadedBert loaded, Target target, String textB, ForwardOptions options) {
    if (textB == null || textB.isBlank()) {
      throw new BadInputException(Message.of(Objectives.class, "Objectives.noTextB"));
    }
    SentencePooling pooling = SentencePooling.of(loaded);
    float[] other = SentenceEmbedding.embed(loaded, List.of(textB), pooling, pooling.limit(loaded), 1, options,
        Progress.NONE).get(0).vector();
    return new Similarity(loaded.model().bert(), pooling.mode(), other, options,
        new Objective.Explained(target, 0, -1, "cosine"));
  }

  private static Message lacks(Target target, Message why, List<String> has) {
    return Message.of(Objectives.class, "Objectives.lacks", target.spec(), why, String.join(", ", has));
  }

  /** The masked-LM probability of one token at one position. */
  private record Mlm(BertForPreTraining model, ForwardOptions options, Explained explained) implements Objective {
    @Override
    public NDArray values(NDArray sums, NDArray mask) {
      NDArray sequence = model.bert().forwardFromSum(sums, mask, options).sequenceOutput(); // (B, T, H)
      NDArray rows = sequence.get(new NDIndex(":, {}, :", explained.position())); // (B, H)
      NDArray probs = model.heads().mlmLogits(rows).softmax(-1); // (B, V)
      return probs.get(new NDIndex(":, {}", explained.id())); // (B)
    }
  }

  /** The next-sentence head's IsNext probability. */
  private record Nsp(BertModel bert, BertForPreTraining model, ForwardOptions options, Explained explained)
      implements Objective {
    @Override
    public NDArray values(NDArray sums, NDArray mask) {
      NDArray pooled = bert.forwardFromSum(sums, mask, options).pooledOutput(); // (B, H)
      return model.heads().nspLogits(pooled).softmax(-1).get(":, 0"); // (B)
    }
  }

  /** The cosine between the pooled embedding of the input and a fixed other embedding. */
  private record Similarity(BertModel bert, SentencePooling.Mode mode, float[] other, ForwardOptions options,
      Explained explained) implements Objective {
    @Override
    public NDArray values(NDArray sums, NDArray mask) {
      NDArray sequence = bert.forwardFromSum(sums, mask, options).sequenceOutput(); // (B, T, H)
      NDManager m = sums.getManager();
      NDArray keep = mask.toType(sequence.getDataType(), false).expandDims(-1); // (B, T, 1)
      NDArray pooled = switch (mode) {
        case CLS -> sequence.get(":, 0, :"); // (B, H)
        case MEAN -> sequence.mul(keep).sum(new int[] {1}).div(keep.sum(new int[] {1})); // (B, H)
        case MAX -> sequence.add(keep.sub(m.ones(keep.getShape())).mul(m.create(1e9f))).max(new int[] {1});
      };
      NDArray b = m.create(other).expandDims(0); // (1, H)
      NDArray dot = pooled.mul(b).sum(new int[] {1}); // (B)
      NDArray norms = pooled.mul(pooled).sum(new int[] {1}).sqrt().mul(b.mul(b).sum().sqrt()); // (B)
      return dot.div(norms);
    }
  }

  /** A fine-tuned head's probability: a class, a tag at a position, or a span start or end at a position. */
  private record Finetuned(FinetuneModel model, float[] features, Explained explained) implements Objective {
    @Override
    public NDArray values(NDArray sums, NDArray mask) {
      long b = sums.getShape().get(0);
      NDArray f = features == null ? null
          : sums.getManager().create(features).expandDims(0).repeat(0, b); // (B, F)
      NDArray logits = model.logitsFromSum(sums, mask, f); // (B, C), (B, T, C) or (B, T, 2)
      return switch (explained.target().kind()) {
        case CLASS -> logits.softmax(-1).get(new NDIndex(":, {}", explained.id()));
        case TAG -> logits.softmax(-1).get(new NDIndex(":, {}, {}", explained.position(), explained.id()));
        case START -> logits.get(":, :, 0").softmax(-1).get(new NDIndex(":, {}", explained.position()));
        default -> logits.get(":, :, 1").softmax(-1).get(new NDIndex(":, {}", explained.position()));
      };
    }
  }
}
