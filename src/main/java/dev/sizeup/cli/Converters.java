package dev.sizeup.cli;

import dev.sizeup.scaling.ScalingLaw;
import dev.sizeup.scaling.ScalingLaws;
import dev.sizeup.scaling.VerdictBands;
import dev.sizeup.spec.InvalidValueException;
import dev.sizeup.spec.Quantities;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Picocli converters for the domain's own value syntax. They only parse: a parser's refusal (an
 * {@link IllegalArgumentException} from {@link Quantities}, an {@link InvalidValueException} from a
 * domain value) becomes the option's one-line error; ranges are checked by the domain records.
 */
final class Converters {
  private Converters() {}

  private static <T> T convert(String value, Function<String, T> parse) {
    try {
      return parse.apply(value);
    } catch (InvalidValueException e) {
      throw new TypeConversionException(e.detail());
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  /** 300B, 1.4T, 3e11, 300000000000. */
  static final class Count implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      return Converters.convert(value, Quantities::parseCount);
    }
  }

  /** A positive real number, with an optional K/M/B/T suffix (5.76e23, 2e6, 2M). */
  static final class Positive implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      return Converters.convert(value, Quantities::parsePositive);
    }
  }

  /** A plain finite number, checked by the domain (e.g. the MFU's range). */
  static final class Number implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      return Converters.convert(value, Converters::finite);
    }
  }

  /** A scaling law by name. */
  static final class Law implements ITypeConverter<ScalingLaw> {
    @Override
    public ScalingLaw convert(String value) {
      return Converters.convert(value, ScalingLaws::byName);
    }
  }

  /** Three comma-separated thresholds, e.g. 0.2,0.8,1.25. */
  static final class Bands implements ITypeConverter<VerdictBands> {
    @Override
    public VerdictBands convert(String value) {
      return Converters.convert(value, v -> {
        String[] parts = v.split(",", -1);
        if (parts.length != 3) {
          throw new IllegalArgumentException("expected three comma-separated numbers like 0.2,0.8,1.25, got '" + v + "'");
        }
        return new VerdictBands(finite(parts[0]), finite(parts[1]), finite(parts[2]));
      });
    }
  }

  static double finite(String text) {
    try {
      double d = Double.parseDouble(text.strip());
      if (Double.isFinite(d) && text.strip().matches("[+-]?[0-9.]+([eE][+-]?[0-9]+)?")) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("expected a number, got '" + text.strip() + "'");
  }
}
