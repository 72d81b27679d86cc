package dev.sizeup.report;

import dev.sizeup.analysis.SizingRequest;

/** The command line's default report request, for tests in other packages. */
public final class SizingReportsTestAccess {
  private SizingReportsTestAccess() {}

  /** An SVG parsed as XML, without fetching its DTD. */
  public static org.w3c.dom.Document xml(String svg) throws Exception {
    return SizingReportsTest.xml(svg);
  }

  public static SizingRequest defaults() {
    return SizingReportsTest.defaults();
  }
}
