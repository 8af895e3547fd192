package org.bertworkbench.core.tokenize;

/**
 * One word piece: its token and id, the span {@code [start, end)} of the original text it came
 * from, and the index of the word it belongs to.
 */
record Piece(String token, int id, int start, int end, int wordIndex) {}
