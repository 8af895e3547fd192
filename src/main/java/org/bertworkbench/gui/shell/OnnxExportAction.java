package org.bertworkbench.gui.shell;

import java.io.File;
import java.nio.file.Path;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import javafx.beans.property.StringProperty;
import javafx.scene.control.MenuItem;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.bertworkbench.core.finetune.OnnxExport;
import org.bertworkbench.gui.text.Texts;
import org.bertworkbench.gui.work.LatestWork;

/**
 * "Export to ONNX…": asks where (a file chooser), writes the model and its tokenizer.json off the
 * FX thread (see {@link OnnxExport}) and says on a status line that it is writing, what it wrote,
 * or why it could not.
 */
public final class OnnxExportAction {

  private static final Texts T = Texts.of(OnnxExportAction.class);
  private static final LatestWork WORK = new LatestWork("onnx-export");

  /** Where to write, asked of the user; a test replaces it (owner window, model), null: cancelled. */
  private static BiFunction<Window, String, Path> chooser = OnnxExportAction::choose;

  private OnnxExportAction() {
  }

  /**
   * A menu item that exports {@code model}'s current value (a name or a folder; null or empty:
   * nothing to export) and reports on {@code status}.
   */
  public static MenuItem menuItem(String id, Supplier<String> model, Supplier<Window> owner, StringProperty status) {
    MenuItem item = new MenuItem(T.get("OnnxExportAction.item"));
    item.setId(id);
    item.setOnAction(e -> {
      String m = model.get();
      if (m == null || m.isBlank()) {
        status.set(T.get("OnnxExportAction.noModel"));
        return;
      }
      Path file = chooser.apply(owner.get(), m);
      if (file != null) {
        export(m, file, status);
      }
    });
    return item;
  }

  /** Writes {@code model} to {@code file} in the background; {@code status} says how it went. */
  public static void export(String model, Path file, StringProperty status) {
    status.set(T.format("OnnxExportAction.writing", model, file));
    WORK.submit(() -> OnnxExport.export(model, file),
        r -> status.set(T.format("OnnxExportAction.done", r.model(), r.bytes() / 1e6, r.tokenizer().getFileName(),
            String.join(", ", r.outputs()))),
        error -> status.set(T.format("OnnxExportAction.failed", error)));
  }

  /** True while an export is being written. */
  public static boolean busy() {
    return WORK.busy();
  }

  /** Replaces the file chooser (for tests): given the owner window and the model, the file to write or null. */
  public static void chooseWith(BiFunction<Window, String, Path> choose) {
    chooser = choose == null ? OnnxExportAction::choose : choose;
  }

  private static Path choose(Window owner, String model) {
    FileChooser c = new FileChooser();
    c.setTitle(T.get("OnnxExportAction.title"));
    c.getExtensionFilters().add(new FileChooser.ExtensionFilter(T.get("OnnxExportAction.files"), "*.onnx"));
    Path p = Path.of(model).toAbsolutePath().normalize();
    String stem = p.getFileName() == null ? "model" : p.getFileName().toString();
    if (stem.equals("model") && p.getParent() != null && p.getParent().getFileName() != null) {
      stem = p.getParent().getFileName().toString(); // a run's model folder: name it by the run
    }
    c.setInitialFileName(stem + ".onnx");
    File f = c.showSaveDialog(owner);
    return f == null ? null : f.toPath();
  }
}
