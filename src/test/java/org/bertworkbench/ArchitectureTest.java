package org.bertworkbench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering: {@code core} is everything a user's job needs and knows nothing of windows, charts
 * or the command line; only the front doors {@code cli} and {@code spark} (the Spark jobs) talk to standard output. Inside {@code core} and {@code gui}
 * each package depends only on packages below it (see {@code docs/decisions/0004-package-layout.md}),
 * so no two packages depend on each other.
 */
class ArchitectureTest {

  static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.bertworkbench");
  }

  @Test
  void coreKnowsNoGuiLibraryNorTheFrontDoors() {
    noClasses().that().resideInAPackage("org.bertworkbench.core..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "javafx..", "org.controlsfx..", "org.jfree..",
            "org.bertworkbench.gui..", "org.bertworkbench.cli..", "org.bertworkbench.spark..")
        .check(classes);
  }

  /**
   * The Spark jobs ({@code spark}) are a front door beside {@code cli}, above {@code core}: they run
   * core's code and neither door uses the other, nor the window. Only {@code spark} touches Spark or
   * Hadoop, so the normal jar, which carries neither, runs every other class.
   */
  @Test
  void sparkIsAFrontDoorAboveCoreAndTheOnlyUserOfSpark() {
    noClasses().that().resideInAPackage("org.bertworkbench.spark..")
        .should().dependOnClassesThat().resideInAnyPackage("org.bertworkbench.gui..", "org.bertworkbench.cli..",
            "javafx..", "org.controlsfx..", "org.jfree..")
        .check(classes);
    noClasses().that().resideOutsideOfPackage("org.bertworkbench.spark..")
        .should().dependOnClassesThat().resideInAnyPackage("org.bertworkbench.spark..", "org.apache.spark..",
            "org.apache.hadoop..", "scala..")
        .check(classes);
  }

  @Test
  void guiDoesNotUseTheCommandLine() {
    noClasses().that().resideInAPackage("org.bertworkbench.gui..")
        .should().dependOnClassesThat().resideInAPackage("org.bertworkbench.cli..")
        .check(classes);
  }

  @Test
  void onlyTheCommandLinesWriteToStandardOutput() {
    noClasses().that().resideOutsideOfPackages("org.bertworkbench.cli..", "org.bertworkbench.spark..")
        .should().accessField(System.class, "out")
        .check(classes);
  }

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching("org.bertworkbench.(**)").should().beFreeOfCycles().check(classes);
  }

  /** Bottom to top; a package may use only the layers listed for it, never one above or beside it. */
  @Test
  void corePackagesAreLayered() {
    String core = "org.bertworkbench.core.";
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("config").definedBy(core + "config..")
        .layer("natives").definedBy(core + "natives..")
        .layer("tensor").definedBy(core + "tensor..")
        .layer("job").definedBy(core + "job..")
        .layer("tokenize").definedBy(core + "tokenize..")
        .layer("run").definedBy(core + "run..")
        .layer("device").definedBy(core + "device..")
        .layer("model").definedBy(core + "model..")
        .layer("checkpoint").definedBy(core + "checkpoint..")
        .layer("load").definedBy(core + "load..")
        .layer("train").definedBy(core + "train..")
        .layer("analysis").definedBy(core + "analysis..")
        .layer("pretrain").definedBy(core + "pretrain..")
        .layer("finetune").definedBy(core + "finetune..")
        .layer("bench").definedBy(core + "bench..")
        .layer("lesson").definedBy(core + "lesson..")
        .layer("explain").definedBy(core + "explain..")
        // job is the floor: its Message lets every package say a refusal in the window's language.
        .whereLayer("job").mayNotAccessAnyLayer()
        .whereLayer("config").mayOnlyAccessLayers("job")
        .whereLayer("natives").mayOnlyAccessLayers("job")
        .whereLayer("tensor").mayOnlyAccessLayers("job", "natives")
        .whereLayer("tokenize").mayOnlyAccessLayers("job")
        .whereLayer("run").mayOnlyAccessLayers("config", "tensor", "job")
        .whereLayer("device").mayOnlyAccessLayers("config", "tensor", "job", "natives")
        .whereLayer("model").mayOnlyAccessLayers("config", "tensor", "job")
        .whereLayer("checkpoint").mayOnlyAccessLayers("config", "tensor", "job", "run", "model")
        .whereLayer("load").mayOnlyAccessLayers(
            "config", "tensor", "job", "tokenize", "run", "device", "model", "checkpoint")
        .whereLayer("train").mayOnlyAccessLayers(
            "config", "tensor", "job", "run", "device", "model", "checkpoint")
        .whereLayer("analysis").mayOnlyAccessLayers(
            "config", "tensor", "job", "tokenize", "run", "device", "model", "checkpoint", "load")
        .whereLayer("pretrain").mayOnlyAccessLayers(
            "config", "tensor", "job", "tokenize", "run", "device", "model", "checkpoint", "load",
            "train")
        .whereLayer("finetune").mayOnlyAccessLayers(
            "config", "tensor", "job", "tokenize", "run", "device", "model", "checkpoint", "load",
            "train")
        .whereLayer("bench").mayOnlyAccessLayers(
            "config", "tensor", "job", "tokenize", "run", "device", "model", "checkpoint", "load",
            "train", "analysis", "pretrain", "finetune")
        .whereLayer("lesson").mayOnlyAccessLayers(
            "config", "tensor", "job", "tokenize", "run", "device", "model", "checkpoint", "load",
            "train", "analysis", "pretrain", "finetune")
        .whereLayer("explain").mayOnlyAccessLayers(
            "config", "tensor", "job", "tokenize", "run", "device", "model", "checkpoint", "load",
            "train", "analysis", "finetune")
        .check(classes);
  }

  /**
   * Drawing and background work at the bottom, the shell every view plugs into above them, the
   * views above the shell and beside each other (none uses another), the window's composition root
   * on top.
   */
  @Test
  void guiPackagesAreLayered() {
    String gui = "org.bertworkbench.gui.";
    String[] below = {"text", "export", "draw", "work", "shell"};
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("text").definedBy(gui + "text..")
        .layer("export").definedBy(gui + "export..")
        .layer("draw").definedBy(gui + "draw..")
        .layer("work").definedBy(gui + "work..")
        .layer("shell").definedBy(gui + "shell..")
        .layer("tokens").definedBy(gui + "tokens..")
        .layer("fillmask").definedBy(gui + "fillmask..")
        .layer("embeddings").definedBy(gui + "embeddings..")
        .layer("attention").definedBy(gui + "attention..")
        .layer("layers").definedBy(gui + "layers..")
        .layer("pretrain").definedBy(gui + "pretrain..")
        .layer("finetune").definedBy(gui + "finetune..")
        .layer("lessons").definedBy(gui + "lessons..")
        .layer("explain").definedBy(gui + "explain..")
        .layer("app").definedBy(gui + "app..")
        .whereLayer("text").mayNotAccessAnyLayer()
        .whereLayer("export").mayOnlyAccessLayers("text")
        .whereLayer("draw").mayOnlyAccessLayers("text", "export")
        .whereLayer("work").mayOnlyAccessLayers("text")
        .whereLayer("shell").mayOnlyAccessLayers("text", "export", "draw", "work")
        .whereLayer("tokens").mayOnlyAccessLayers(below)
        .whereLayer("fillmask").mayOnlyAccessLayers(below)
        .whereLayer("embeddings").mayOnlyAccessLayers(below)
        .whereLayer("attention").mayOnlyAccessLayers(below)
        .whereLayer("layers").mayOnlyAccessLayers(below)
        .whereLayer("pretrain").mayOnlyAccessLayers(below)
        .whereLayer("finetune").mayOnlyAccessLayers(below)
        .whereLayer("lessons").mayOnlyAccessLayers(below)
        .whereLayer("explain").mayOnlyAccessLayers(below)
        .whereLayer("app").mayOnlyAccessLayers(
            "text", "export", "draw", "work", "shell", "tokens", "fillmask", "embeddings", "attention",
            "layers", "pretrain", "finetune", "lessons", "explain")
        .check(classes);
  }
}
