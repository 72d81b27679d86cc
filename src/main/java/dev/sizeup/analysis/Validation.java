package dev.sizeup.analysis;

import dev.sizeup.spec.Expected;
import dev.sizeup.spec.Tolerance;
import java.util.ArrayList;
import java.util.List;

/**
 * A spec's counts against its {@code expected} block.
 *
 * @param analysis the analysis that was checked
 * @param checks   one per expected count; empty when the spec has no expected block
 */
public record Validation(Analysis analysis, List<Check> checks) {
  public Validation {
    checks = List.copyOf(checks);
  }

  /**
   * One expected count.
   *
   * @param what      "parameters" or "active_parameters"
   * @param expected  the published count
   * @param actual    our count
   * @param tolerance how closely they must match
   */
  public record Check(String what, long expected, long actual, Tolerance tolerance) {
    public long difference() {
      return Math.subtractExact(actual, expected);
    }

    public double relativeDifference() {
      return (double) difference() / expected;
    }

    public boolean ok() {
      return tolerance.accepts(expected, actual);
    }
  }

  public boolean ok() {
    return checks.stream().allMatch(Check::ok);
  }

  public static Validation of(Analysis a) {
    Expected e = a.spec().expected();
    List<Check> checks = new ArrayList<>();
    if (e != null) {
      checks.add(new Check("parameters", e.parameters().value(), a.parameters().total(), e.parameters().tolerance()));
      if (e.activeParameters() != null) {
        checks.add(new Check("active_parameters", e.activeParameters().value(), a.parameters().active(),
            e.activeParameters().tolerance()));
      }
    }
    return new Validation(a, checks);
  }
}
