package org.bertworkbench.gui.attention;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.bertworkbench.gui.draw.SentenceMarks;
import org.bertworkbench.gui.export.Drawing;
import org.bertworkbench.gui.text.Texts;
import org.bertworkbench.gui.text.Fonts;

/**
 * BertViz's head view: the tokens in two columns, attending on the left and attended on the right,
 * a line for each weight above the threshold, its opacity the weight, one colour per head.
 *
 * <p>Long inputs: by default every row keeps a readable height ({@link #READABLE_ROW}, labels of at
 * least {@link #MIN_LABEL} px) and a long input scrolls; a {@link #span} shows only tokens
 * {@code from..to}, the weight sent to tokens before and after it summed into one line to a row
 * "↑ 0–119" / "↓ 181–476" so that no attention silently disappears. {@link #fitted} squeezes every
 * row into the window instead (an overview: rows shrink with T, labels become ticks). Hovering a
 * token keeps only its lines, draws its {@link #STRONGEST} strongest thicker and marks the tokens
 * at the other end ({@link #highlighted}). Lines outside the visible band are culled. An export
 * ({@link Drawing#isExport}) is drawn without the hover and with the title over the columns.
 */
final class HeadViewDrawing implements Drawing {

  private static final Texts T = Texts.of(HeadViewDrawing.class);

  static final double TOP = 46;
  static final double MAX_ROW = 26;
  static final double MIN_ROW = 1.5;
  /**
   * The smallest row of a readable view (labels of {@link #MIN_LABEL} px and more); a longer input
   * scrolls. Times the F5 factor it stays above {@link #MAX_ROW}: presentation mode never shows a
   * short input smaller than normal type.
   */
  static final double READABLE_ROW = 16;
  static final int MIN_LABEL = 10;
  /** How many of the hovered token's lines are drawn thicker. */
  static final int STRONGEST = 3;

  private final AttentionData.Maps maps;
  private final boolean[] shownHeads;
  private final double threshold;
  private final SentenceFilter filter;
  private final int hoverSide; // 0 left (attending), 1 right (attended), -1 none
  private final int hoverIndex;
  private final String title;
  private double viewHeight;
  private int from;
  private int to;
  private boolean fitted;
  private double rowHeight = MAX_ROW;
  private double leftX;
  private double rightX;
  private double height;
  private int linesDrawn;
  private int labelSize;
  private double labelPixels;
  private int[] highlighted = new int[0];
  private int[] strongest = new int[0];

  HeadViewDrawing(AttentionData.Maps maps, boolean[] shownHeads, double threshold, SentenceFilter filter,
      int hoverSide, int hoverIndex, String title, double viewHeight) {
    this.maps = maps;
    this.shownHeads = shownHeads;
    this.threshold = threshold;
    this.filter = filter;
    this.hoverSide = hoverSide;
    this.hoverIndex = hoverIndex;
    this.title = title;
    this.viewHeight = viewHeight;
    this.from = 0;
    this.to = maps.length() - 1;
    layout(viewHeight);
  }

  @Override
  public void fitTo(double width, double h) {
    viewHeight = h;
    layout(h);
  }

  /** Only tokens {@code from..to} (inclusive, clamped to the input) in both columns. */
  HeadViewDrawing span(int first, int last) {
    int t = maps.length();
    from = Math.max(0, Math.min(first, t - 1));
    to = Math.max(from, Math.min(last, t - 1));
    layout(viewHeight);
    return this;
  }

  /** Every row of the span squeezed into the window, however small (an overview: ticks, no labels). */
  HeadViewDrawing fitted(boolean fit) {
    fitted = fit;
    layout(viewHeight);
    return this;
  }

  private void layout(double h) {
    int slots = slots();
    rowHeight = rowHeight(slots, h, fitted);
    height = TOP + rowHeight * slots + 12;
  }

  /** Rows: the span, and one row above / below it for the weight sent outside it. */
  private int slots() {
    return to - from + 1 + lead() + (to < maps.length() - 1 ? 1 : 0);
  }

  private int lead() {
    return from > 0 ? 1 : 0;
  }

  AttentionData.Maps maps() {
    return maps;
  }

  int linesDrawn() {
    return linesDrawn;
  }

  int hoverIndex() {
    return hoverIndex;
  }

  int hoverSide() {
    return hoverSide;
  }

  int from() {
    return from;
  }

  int to() {
    return to;
  }

  /** The token labels' font size at the last draw in device pixels (through the zoom's scale). */
  double labelPixels() {
    return labelPixels;
  }

  /** The labels' height in px as last drawn: the font's size, at most the row's (0: ticks, no labels). */
  int labelSize() {
    return labelSize;
  }

  /** The tokens at the other end of the hovered token's lines as last drawn, strongest first. */
  int[] highlighted() {
    return highlighted.clone();
  }

  /** The hovered token's {@link #STRONGEST} strongest partners, drawn with thicker lines. */
  int[] strongest() {
    return strongest.clone();
  }

  double rowHeight() {
    return rowHeight;
  }

  /**
   * Row height for {@code t} rows in a view {@code height} high: the space they have, up to {@link
   * #MAX_ROW}, at least {@link #READABLE_ROW} (then the view scrolls); {@code fitted}, every row in
   * the view however small.
   */
  static double rowHeight(int t, double height, boolean fitted) {
    double byView = (height - TOP - 12) / Math.max(1, t);
    return fitted ? Math.max(MIN_ROW, Math.min(MAX_ROW, byView)) : Math.max(READABLE_ROW, Math.min(MAX_ROW, byView));
  }

  /** {side, index} of the token under (x, y) as last drawn, or null. */
  int[] tokenAt(double x, double y) {
    int i = from + (int) Math.floor((y - TOP) / rowHeight) - lead();
    if (i < from || i > to) {
      return null;
    }
    double mid = (leftX + rightX) / 2;
    return new int[] {x < mid ? 0 : 1, i};
  }

  double rowY(int i) {
    return TOP + (lead() + i - from + 0.5) * rowHeight;
  }

  private double beforeY() {
    return TOP + 0.5 * rowHeight;
  }

  private double afterY() {
    return TOP + (lead() + to - from + 1.5) * rowHeight;
  }

  double leftX() {
    return leftX;
  }

  double rightX() {
    return rightX;
  }

  private boolean shown(int k) {
    int head = maps.headIds()[k];
    return head < 0 || (head < shownHeads.length && shownHeads[head]);
  }

  @Override
  public void draw(Graphics2D g, double width, double h) {
    int t = maps.length();
    layout(Math.max(viewHeight > 0 ? viewHeight : h, 200)); // the view's rows, not the band's
    boolean export = Drawing.isExport(g);
    int side = export ? -1 : hoverSide;
    int index = side < 0 || hoverIndex < from || hoverIndex > to ? -1 : hoverIndex;
    if (index < 0) {
      side = -1;
    }
    double labelWidth = Math.min(170, Math.max(60, width * 0.2));
    double half = Math.max(170, Math.min(320, width * 0.18)); // the lines' run grows with a wide view
    leftX = Math.max(labelWidth + 14, width / 2 - half);
    rightX = Math.min(width - labelWidth - 14, width / 2 + half);
    java.awt.Rectangle clip = g.getClipBounds();
    double bandTop = clip == null ? Double.NEGATIVE_INFINITY : clip.getMinY() - 2;
    double bandBottom = clip == null ? Double.POSITIVE_INFINITY : clip.getMaxY() + 2;

    Font labelFont = labelFont();
    g.setFont(labelFont);
    double widest = IntStream.rangeClosed(from, to).map(i -> g.getFontMetrics().stringWidth(maps.labels().get(i)))
        .max().orElse(0);
    g.setFont(Fonts.sans(Font.BOLD, 13));
    g.setColor(Color.DARK_GRAY);
    // On screen the title sits at the left edge; an export is cut to its content, so the title goes over the columns.
    g.drawString(title, export ? (float) Math.max(10, leftX - 6 - widest) : 10, 18);
    g.setFont(Fonts.sans(Font.PLAIN, 11));
    g.setColor(Color.GRAY);
    g.drawString(T.get("HeadViewDrawing.attending"), (float) (leftX - 110), 36);
    g.drawString(T.get("HeadViewDrawing.attended"), (float) (rightX + 8), 36);

    float scale = maps.max() > 1 ? 1f / maps.max() : 1f;
    double[] shade = new double[t]; // how much the hovered token sends to / gets from each other one
    double[] strongestWeight = new double[t]; // the largest single-head weight of each such line
    linesDrawn = 0;
    boolean many = countAbove(scale, side, index) > 4000;
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING,
        many ? RenderingHints.VALUE_ANTIALIAS_OFF : RenderingHints.VALUE_ANTIALIAS_ON);
    BasicStroke thin = new BasicStroke(rowHeight >= 6 ? 1.6f : 1f);
    g.setStroke(thin);
    Line2D.Double line = new Line2D.Double();
    for (int k = 0; k < maps.maps().length; k++) {
      if (!shown(k)) {
        continue;
      }
      Color c = HeadColors.of(maps.headIds()[k]);
      float[][] m = maps.maps()[k];
      int fromI = side == 0 ? index : from;
      int toI = side == 0 ? index : to;
      for (int i = fromI; i <= toI; i++) {
        if (!filter.from(maps.segments()[i])) {
          continue;
        }
        double yi = rowY(i);
        float[] row = m[i];
        if (side != 1) {
          linesDrawn += outside(g, c, row, scale, yi, line, bandTop, bandBottom);
        }
        int fromJ = side == 1 ? index : from;
        int toJ = side == 1 ? index : to;
        for (int j = fromJ; j <= toJ; j++) {
          float w = row[j] * scale;
          if (side >= 0 && filter.to(maps.segments()[j])) {
            int other = side == 0 ? j : i;
            shade[other] += w;
            strongestWeight[other] = Math.max(strongestWeight[other], w);
          }
          if (w < threshold || w <= 0 || !filter.to(maps.segments()[j])) {
            continue;
          }
          double yj = rowY(j);
          if (Math.max(yi, yj) < bandTop || Math.min(yi, yj) > bandBottom) {
            continue;
          }
          g.setColor(HeadColors.withAlpha(c, Math.min(1, w * (side >= 0 ? 1.4 : 1))));
          line.setLine(leftX, yi, rightX, yj);
          g.draw(line);
          linesDrawn++;
        }
      }
    }
    markTargets(side, shade, strongestWeight);
    if (side >= 0) {
      emphasise(g, side, index, scale, line);
    }
    g.setStroke(new BasicStroke(1f));
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    drawLabels(g, labelFont, side, index, shade, bandTop, bandBottom);
  }

  /** One line from row {@code yi} to each of the rows standing for the tokens before / after the span. */
  private int outside(Graphics2D g, Color c, float[] row, float scale, double yi, Line2D.Double line,
      double bandTop, double bandBottom) {
    int n = 0;
    for (int part = 0; part < 2; part++) {
      int a = part == 0 ? 0 : to + 1;
      int b = part == 0 ? from : maps.length();
      float sum = 0;
      for (int j = a; j < b; j++) {
        if (filter.to(maps.segments()[j])) {
          sum += row[j] * scale;
        }
      }
      double yj = part == 0 ? beforeY() : afterY();
      if (a >= b || sum < threshold || Math.max(yi, yj) < bandTop || Math.min(yi, yj) > bandBottom) {
        continue;
      }
      g.setColor(HeadColors.withAlpha(c, Math.min(1, sum)));
      line.setLine(leftX, yi, rightX, yj);
      g.draw(line);
      n++;
    }
    return n;
  }

  /** The hovered token's partners at or above the threshold, strongest first. */
  private void markTargets(int side, double[] shade, double[] strongestWeight) {
    if (side < 0) {
      highlighted = new int[0];
      strongest = new int[0];
      return;
    }
    highlighted = IntStream.rangeClosed(from, to).filter(j -> strongestWeight[j] >= threshold && shade[j] > 0)
        .boxed().sorted(Comparator.comparingDouble((Integer j) -> -shade[j])).mapToInt(Integer::intValue).toArray();
    strongest = java.util.Arrays.copyOf(highlighted, Math.min(STRONGEST, highlighted.length));
  }

  /** The strongest lines of the hovered token again, thick and opaque, over the others. */
  private void emphasise(Graphics2D g, int side, int index, float scale, Line2D.Double line) {
    g.setStroke(new BasicStroke((float) Math.max(2.5, Math.min(4, rowHeight / 4))));
    for (int other : strongest) {
      int i = side == 0 ? index : other;
      int j = side == 0 ? other : index;
      int best = -1;
      float bestW = 0;
      for (int k = 0; k < maps.maps().length; k++) {
        if (shown(k) && maps.maps()[k][i][j] * scale > bestW) {
          bestW = maps.maps()[k][i][j] * scale;
          best = k;
        }
      }
      if (best >= 0) {
        g.setColor(HeadColors.of(maps.headIds()[best]));
        line.setLine(leftX, rowY(i), rightX, rowY(j));
        g.draw(line);
      }
    }
  }

  private int countAbove(float scale, int side, int index) {
    int n = 0;
    for (int k = 0; k < maps.maps().length && n <= 4000; k++) {
      if (!shown(k)) {
        continue;
      }
      for (int i = from; i <= to; i++) {
        if (side == 0 && i != index) {
          continue;
        }
        for (int j = from; j <= to; j++) {
          if (maps.maps()[k][i][j] * scale >= threshold) {
            n++;
          }
        }
      }
    }
    return n;
  }

  private Font labelFont() {
    // Labels grow with their rows (a short input, large type) up to 22 px, never below MIN_LABEL.
    float size = (float) Math.max(MIN_LABEL, Math.min(22, Math.min(rowHeight - 3, Math.max(13, rowHeight * 0.55 + 2))));
    return Fonts.mono(Font.PLAIN, Math.round(size));
  }

  private void drawLabels(Graphics2D g, Font font, int hoverSide, int hoverIndex, double[] shade, double bandTop,
      double bandBottom) {
    double max = 0;
    for (double s : shade) {
      max = Math.max(max, s);
    }
    boolean fit = rowHeight >= MIN_LABEL + 2;
    labelSize = fit ? (int) Math.min(font.getSize(), Math.floor(rowHeight - 2)) : 0; // a label taller than its row overlaps
    labelPixels = font.getSize() * g.getTransform().getScaleY();
    g.setFont(font);
    FontMetrics fm = g.getFontMetrics();
    for (int side = 0; side < 2; side++) {
      for (int i = from; i <= to; i++) {
        double y = rowY(i);
        if (y < bandTop - rowHeight || y > bandBottom + rowHeight) {
          continue;
        }
        boolean hovered = hoverSide == side && hoverIndex == i;
        boolean other = hoverSide >= 0 && hoverSide != side;
        boolean passes = side == 0 ? filter.from(maps.segments()[i]) : filter.to(maps.segments()[i]);
        double strength = other && max > 0 ? shade[i] / max : 0;
        boolean target = other && contains(highlighted, i);
        String label = maps.labels().get(i);
        int w = fm.stringWidth(label);
        double x = side == 0 ? leftX - 6 - w : rightX + 6;
        if (fit || hovered || target) {
          Rectangle2D box = new Rectangle2D.Double(x - 3, y - fm.getAscent() / 2.0 - 2, w + 6,
              fm.getAscent() + 4);
          if (hovered) {
            g.setColor(new Color(0xffeb3b));
            g.fill(box);
          } else if (target) {
            g.setColor(HeadColors.withAlpha(new Color(0x90caf9), Math.max(0.35, strength)));
            g.fill(box);
            if (contains(strongest, i)) {
              g.setColor(new Color(0x1565c0));
              g.draw(box);
            }
          } else if (!fit) {
            g.setColor(new Color(255, 255, 255, 220));
            g.fill(box);
          }
          g.setColor(passes ? (maps.segments()[i] == 1 ? new Color(0xbf360c) : Color.BLACK) : Color.LIGHT_GRAY);
          g.drawString(label, (float) x, (float) (y + fm.getAscent() / 2.0 - 1));
        } else {
          g.setColor(maps.segments()[i] == 1 ? new Color(0xffab91) : new Color(0xb0bec5));
          double tick = Math.min(16, 4 + label.length() * 2);
          g.fill(new Rectangle2D.Double(side == 0 ? leftX - 4 - tick : rightX + 4, y - rowHeight * 0.35,
              tick, Math.max(0.8, rowHeight * 0.7)));
        }
      }
    }
    if (fit) { // which sentence each row is, by bracket and letter, not by colour alone
      int[] spanned = java.util.Arrays.copyOfRange(maps.segments(), from, to + 1);
      double top = TOP + lead() * rowHeight;
      double widest = 0;
      for (int i = from; i <= to; i++) {
        widest = Math.max(widest, fm.stringWidth(maps.labels().get(i)));
      }
      SentenceMarks.rows(g, spanned, Math.max(8, leftX - 14 - widest), top, rowHeight, true);
      SentenceMarks.rows(g, spanned, rightX + 14 + widest, top, rowHeight, false);
    }
    g.setFont(font);
    g.setColor(Color.GRAY);
    if (from > 0) {
      g.drawString("↑ " + (from == 1 ? "0" : "0–" + (from - 1)), (float) (rightX + 6),
          (float) (beforeY() + fm.getAscent() / 2.0 - 1));
    }
    if (to < maps.length() - 1) {
      g.drawString("↓ " + (to + 1 == maps.length() - 1 ? "" + (to + 1) : (to + 1) + "–" + (maps.length() - 1)),
          (float) (rightX + 6), (float) (afterY() + fm.getAscent() / 2.0 - 1));
    }
  }

  /** What the picture shows of layer's heads, for its title: "head 7", "heads 0, 3, 7", "all 12 heads", "mean over heads". */
  static String describeHeads(AttentionData.Maps maps, boolean[] shown) {
    if (maps.aggregation().combined()) {
      return maps.aggregation().inTitle();
    }
    int[] heads = shownHeads(maps, shown);
    String prefix = maps.aggregation() == Aggregation.SINGLE_HEAD ? "" : maps.aggregation() + " · ";
    if (heads.length == maps.headIds().length) {
      return prefix + T.format("HeadViewDrawing.allHeads", heads.length);
    }
    if (heads.length == 0) {
      return prefix + T.get("HeadViewDrawing.noHead");
    }
    return prefix + T.format(heads.length == 1 ? "HeadViewDrawing.head" : "HeadViewDrawing.heads",
        String.join(", ", IntStream.of(heads).mapToObj(String::valueOf).toList()));
  }

  /** The name an export suggests: "head-view-layer3-head7", "head-view-layer3-heads0-3-tokens120-180". */
  static String fileName(AttentionData.Maps maps, boolean[] shown, int from, int to) {
    StringBuilder sb = new StringBuilder("head-view-layer" + maps.layer());
    int[] heads = shownHeads(maps, shown);
    if (maps.aggregation().combined()) {
      sb.append('-').append(maps.aggregation().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    } else if (heads.length == maps.headIds().length) {
      sb.append("-all-heads");
    } else {
      sb.append(heads.length == 1 ? "-head" : "-heads")
          .append(String.join("-", IntStream.of(heads).mapToObj(String::valueOf).toList()));
    }
    if (from > 0 || to < maps.length() - 1) {
      sb.append("-tokens").append(from).append('-').append(to);
    }
    return sb.toString();
  }

  private static int[] shownHeads(AttentionData.Maps maps, boolean[] shown) {
    return IntStream.of(maps.headIds()).filter(h -> h >= 0 && h < shown.length && shown[h]).toArray();
  }

  private static boolean contains(int[] a, int v) {
    for (int x : a) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }

  @Override
  public double preferredWidth() {
    return 900;
  }

  @Override
  public double preferredHeight() {
    return height;
  }
}
