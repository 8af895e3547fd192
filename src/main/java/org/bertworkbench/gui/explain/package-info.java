/**
 * The Explain view: attributions drawn on the tokens and split over token, segment and position,
 * the completeness line, deletion curves, the logit lens table and the layer-probe chart.
 */
package org.bertworkbench.gui.explain;
