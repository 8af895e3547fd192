package org.bertworkbench.core.explain;

import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;

/**
 * What a prediction's attribution explains: the number f that the methods split over the tokens.
 * Written as the command line's {@code --target} writes it:
 * <ul>
 *   <li>{@code mlm}: the masked-LM probability, at the first {@code [MASK]}, of the top-1 token
 *       predicted for the real input (or of {@link #token()} when one is named);</li>
 *   <li>{@code nsp}: the next-sentence head's IsNext probability;</li>
 *   <li>{@code class:K}: a fine-tuned classifier's probability of class K;</li>
 *   <li>{@code start:P}, {@code end:P}: a fine-tuned QA head's start (end) probability at token P,
 *       a softmax over every position;</li>
 *   <li>{@code tag:P:K}: a fine-tuned tagger's probability of tag K at token P;</li>
 *   <li>{@code similarity}: a sentence-embedding model's cosine between the pooled embeddings of
 *       sentence A and a second text, attributed to A's tokens.</li>
 * </ul>
 *
 * @param kind which number
 * @param position the token P for start, end and tag; -1 otherwise
 * @param label the class or tag K; -1 otherwise
 * @param token the masked-LM token to explain instead of the top-1, or null
 */
public record Target(Kind kind, int position, int label, String token) {

  /** The kinds of target. */
  public enum Kind {
    MLM("mlm"), NSP("nsp"), CLASS("class"), START("start"), END("end"), TAG("tag"), SIMILARITY("similarity");

    private final String cliName;

    Kind(String cliName) {
      this.cliName = cliName;
    }

    /** How the command line writes it. */
    public String cliName() {
      return cliName;
    }
  }

  /** The default target of a model with a masked-LM head. */
  public static final Target MLM = new Target(Kind.MLM, -1, -1, null);

  /** Parses {@code mlm}, {@code nsp}, {@code class:K}, {@code start:P}, {@code end:P}, {@code tag:P:K}, {@code similarity}. */
  public static Target parse(String spec) {
    String s = spec == null ? "" : spec.strip();
    String[] part = s.split(":", -1);
    Kind kind = null;
    for (Kind k : Kind.values()) {
      if (k.cliName.equals(part[0])) {
        kind = k;
      }
    }
    if (kind == null) {
      throw new BadInputException(Message.of(Target.class, "Target.unknown", s));
    }
    int wanted = switch (kind) {
      case MLM, NSP, SIMILARITY -> 1;
      case CLASS, START, END -> 2;
      case TAG -> 3;
    };
    if (part.length != wanted) {
      throw new BadInputException(Message.of(Target.class, "Target.form", s, form(kind)));
    }
    return switch (kind) {
      case CLASS -> new Target(kind, -1, number(s, part[1]), null);
      case START, END -> new Target(kind, number(s, part[1]), -1, null);
      case TAG -> new Target(kind, number(s, part[1]), number(s, part[2]), null);
      default -> new Target(kind, -1, -1, null);
    };
  }

  /** This target explaining masked-LM token {@code t} (null: the top-1) instead. */
  public Target withToken(String t) {
    return new Target(kind, position, label, t);
  }

  /** As the command line writes it: {@code tag:3:1}. */
  public String spec() {
    return switch (kind) {
      case CLASS -> kind.cliName + ":" + label;
      case START, END -> kind.cliName + ":" + position;
      case TAG -> kind.cliName + ":" + position + ":" + label;
      default -> kind.cliName;
    };
  }

  /** The form a kind's spec takes, for a message. */
  static String form(Kind kind) {
    return switch (kind) {
      case CLASS -> "class:K";
      case START -> "start:P";
      case END -> "end:P";
      case TAG -> "tag:P:K";
      default -> kind.cliName;
    };
  }

  private static int number(String spec, String text) {
    try {
      int n = Integer.parseInt(text.strip());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException notANumber) {
      // said below
    }
    throw new BadInputException(Message.of(Target.class, "Target.number", spec, text));
  }
}
