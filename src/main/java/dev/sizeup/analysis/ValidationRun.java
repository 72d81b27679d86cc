package dev.sizeup.analysis;

import java.util.List;

/**
 * Every spec's validation in a run, and how many inputs could not be read at all.
 *
 * @param validations one per readable spec, in input order
 * @param unreadable  inputs that produced a diagnostic instead
 */
public record ValidationRun(List<Validation> validations, int unreadable) {
  public ValidationRun {
    validations = List.copyOf(validations);
  }

  public static ValidationRun of(Analyzer.Batch batch) {
    return new ValidationRun(batch.analyses().stream().map(Validation::of).toList(), batch.errors().size());
  }

  /** True when every count that has an expected value matches it. */
  public boolean ok() {
    return validations.stream().allMatch(Validation::ok);
  }

  public long matched() {
    return validations.stream().filter(v -> !v.checks().isEmpty() && v.ok()).count();
  }

  public long mismatched() {
    return validations.stream().filter(v -> !v.ok()).count();
  }

  public long unchecked() {
    return validations.stream().filter(v -> v.checks().isEmpty()).count();
  }
}
