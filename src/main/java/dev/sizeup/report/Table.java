package dev.sizeup.report;

import dev.sizeup.spec.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * A table, written either as aligned plain text or as a markdown table: text columns left-aligned,
 * number columns right-aligned. Every cell is made safe: control characters are escaped, and in
 * markdown a '|' cannot end a cell early.
 */
final class Table {
  private final String[] header;
  private final boolean[] rightAligned;
  private final List<String[]> rows = new ArrayList<>();
  /** Rows whose cells are markdown already (links, emphasis, escaped text): only a bare '|' is escaped. */
  private final java.util.Set<Integer> markdownRows = new java.util.HashSet<>();

  /** A table whose markdown header is {@code header}; in text the header is printed only if non-blank. */
  Table(String[] header, boolean... rightAligned) {
    if (header != null && header.length != rightAligned.length) {
      throw new IllegalArgumentException("expected " + rightAligned.length + " headings, got " + header.length);
    }
    this.header = header;
    this.rightAligned = rightAligned;
  }

  /** A table without headings (text only). */
  Table(boolean... rightAligned) {
    this(null, rightAligned);
  }

  Table row(String... cells) {
    if (cells.length != rightAligned.length) {
      throw new IllegalArgumentException("expected " + rightAligned.length + " cells, got " + cells.length);
    }
    String[] safe = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      safe[i] = Text.safe(cells[i]);
    }
    rows.add(safe);
    return this;
  }

  /**
   * A row of cells that are markdown already, for markdown output only: a link or escaped text keeps its
   * meaning, and only a '|' not already escaped is escaped.
   */
  Table markdownRow(String... cells) {
    row(cells);
    markdownRows.add(rows.size() - 1);
    return this;
  }

  /** Aligned plain text, each line prefixed with {@code indent} and without trailing spaces. */
  void text(StringBuilder out, String indent) {
    List<String[]> all = new ArrayList<>();
    if (header != null) {
      all.add(header);
    }
    all.addAll(rows);
    int[] width = new int[rightAligned.length];
    for (String[] r : all) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    for (String[] r : all) {
      StringBuilder line = new StringBuilder(indent);
      for (int i = 0; i < r.length; i++) {
        String pad = " ".repeat(width[i] - r[i].length());
        line.append(rightAligned[i] ? pad + r[i] : r[i] + pad);
        if (i < r.length - 1) {
          line.append("  ");
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
  }

  /** A GitHub-flavoured markdown table. */
  void markdown(StringBuilder out) {
    if (header == null) {
      throw new IllegalStateException("a markdown table needs headings");
    }
    out.append("| ").append(String.join(" | ", escape(header))).append(" |\n|");
    for (boolean right : rightAligned) {
      out.append(right ? "---:|" : "---|");
    }
    out.append('\n');
    for (int i = 0; i < rows.size(); i++) {
      String[] r = rows.get(i);
      out.append("| ").append(String.join(" | ", markdownRows.contains(i) ? pipes(r) : escape(r))).append(" |\n");
    }
  }

  private static String[] pipes(String[] cells) {
    String[] out = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      out[i] = cells[i].replaceAll("(?<!\\\\)\\|", "\\\\|");
    }
    return out;
  }

  private static String[] escape(String[] cells) {
    String[] out = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      out[i] = cells[i].replace("\\", "\\\\").replace("|", "\\|");
    }
    return out;
  }
}
