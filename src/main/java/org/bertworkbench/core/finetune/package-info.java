/**
 * Fine-tuning BERT on a user's data, the four task families of the paper (section 4, figure 4):
 * single-sentence and sentence-pair classification from {@code [CLS]}, span question answering
 * (learned start and end vectors) and token tagging; plus classification with numeric features.
 * Datasets and their bad-row reports, task heads, the training loop over a run directory,
 * evaluation metrics and predictions.
 */
package org.bertworkbench.core.finetune;
