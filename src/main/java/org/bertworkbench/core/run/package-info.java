/**
 * Run directories: atomic writes, per-step JSON-lines files cut back to a checkpoint on resume,
 * and provenance (content hashes, versions) for the run record.
 */
package org.bertworkbench.core.run;
