package org.bertworkbench.core.tokenize;

/** An encoding together with the trace of how it was made. */
public record TracedEncoding(Encoding encoding, TokenizerTrace trace) {}
