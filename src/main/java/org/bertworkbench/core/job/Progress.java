package org.bertworkbench.core.job;

/**
 * What long work reports to whoever watches it, and how it learns it should stop. The core knows
 * nothing of windows or threads: the GUI polls what was reported, the CLI prints it.
 */
public interface Progress {

  /** Ignores reports and never cancels. */
  Progress NONE = new Progress() {
    @Override
    public void report(double fraction, String message) {}

    @Override
    public boolean isCancelled() {
      return false;
    }
  };

  /**
   * @param fraction done so far, 0..1, or negative when unknown
   * @param message what is happening now, for a status line
   */
  void report(double fraction, String message);

  /**
   * The same, with a line that can be said in the watcher's language: the window says it in its
   * own ({@code gui.work.Latest}); anyone else gets the English.
   */
  default void report(double fraction, Message message) {
    report(fraction, message.english());
  }

  /** True once the user asked to stop. */
  boolean isCancelled();

  /** Throws {@link CancelledException} if the user asked to stop; call between steps. */
  default void checkCancelled() {
    if (isCancelled()) {
      throw new CancelledException();
    }
  }

  /**
   * A part of this work, from {@code from} to {@code to} of the whole: the part's fractions 0..1
   * are reported as fractions of the whole, its lines and cancelling as they are.
   */
  default Progress part(double from, double to) {
    Progress whole = this;
    return new Progress() {
      @Override
      public void report(double fraction, String message) {
        whole.report(fraction < 0 ? fraction : from + fraction * (to - from), message);
      }

      @Override
      public void report(double fraction, Message message) {
        whole.report(fraction < 0 ? fraction : from + fraction * (to - from), message);
      }

      @Override
      public boolean isCancelled() {
        return whole.isCancelled();
      }
    };
  }
}
