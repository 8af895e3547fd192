package org.bertworkbench.core.tokenize;

import java.util.List;

/**
 * What BERT receives for one input: {@code [CLS] A [SEP]} or {@code [CLS] A [SEP] B [SEP]},
 * possibly truncated and padded. All arrays have one entry per token. The arrays are not copied;
 * treat them as read-only.
 *
 * @param tokens the tokens, for example {@code [CLS], un, ##want, ##ed, [SEP]}
 * @param inputIds the id of each token in the vocabulary
 * @param tokenTypeIds 0 for [CLS], sentence A and its [SEP]; 1 for sentence B and its [SEP]; 0
 *     for padding (as the tokenizer's template says: BERT's, or a tokenizer.json's)
 * @param attentionMask 1 for real tokens, 0 for [PAD]
 * @param charStarts where each token starts in the original text of its sentence (A or B, see
 *     {@code tokenTypeIds}), as a UTF-16 index; -1 for [CLS], [SEP] and [PAD]
 * @param charEnds where each token ends (exclusive); -1 for [CLS], [SEP] and [PAD]
 * @param wordIds the word each token comes from, counting A's words and then B's from 0 (a
 *     punctuation mark and a typed special token are words too), so "##" pieces can be merged
 *     back; -1 for [CLS], [SEP] and [PAD]
 * @param truncated whether word pieces were removed to respect the maximum length
 * @param removedPieces how many word pieces were removed
 */
public record Encoding(
    List<String> tokens,
    int[] inputIds,
    int[] tokenTypeIds,
    int[] attentionMask,
    int[] charStarts,
    int[] charEnds,
    int[] wordIds,
    boolean truncated,
    int removedPieces) {

  /** Makes the token list unmodifiable. */
  public Encoding {
    tokens = List.copyOf(tokens);
  }

  /** The number of tokens, padding included. */
  public int length() {
    return tokens.size();
  }

  /** The positions 0, 1, ..., length - 1, as BERT's position embeddings use them. */
  public int[] positionIds() {
    int[] positions = new int[length()];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = i;
    }
    return positions;
  }
}
