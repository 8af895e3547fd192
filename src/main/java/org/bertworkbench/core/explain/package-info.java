/**
 * Why did BERT say that: attributions of a prediction to the three embedding parts (integrated
 * gradients, gradient × input, occlusion, attention and rollout), their faithfulness (deletion
 * curves), the logit lens through the layers, and linear probes on each layer's hidden states.
 */
package org.bertworkbench.core.explain;
