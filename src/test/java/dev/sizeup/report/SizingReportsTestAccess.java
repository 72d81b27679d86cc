package dev.sizeup.report;

import dev.sizeup.analysis.SizingRequest;

/** The command line's default report request, for tests in other packages. */
public final class SizingReportsTestAccess {
  private SizingReportsTestAccess() {}

  public static SizingRequest defaults() {
    return SizingReportsTest.defaults();
  }
}
