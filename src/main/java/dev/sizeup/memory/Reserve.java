package dev.sizeup.memory;

import dev.sizeup.spec.InvalidValueException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory kept back on each GPU for the framework: a share of it, or a number of bytes.
 *
 * <p>The default, 10%, is an assumption: the share vLLM left by default for years
 * ({@code gpu_memory_utilization = 0.9} in its EngineArgs; its current main branch uses 0.92). In training
 * it stands for the CUDA context and kernels (1.3 GB measured by Hugging Face's "Model training anatomy"),
 * NCCL buffers,
 * the caching allocator's fragmentation and temporary buffers, which no formula here counts.
 *
 * @param fraction the share of the GPU's memory, in [0, 1); null when {@code bytes} is given
 * @param bytes    bytes; null when {@code fraction} is given
 */
public record Reserve(Double fraction, Long bytes) {
  public static final Reserve DEFAULT = new Reserve(0.10, null);

  private static final Pattern SIZE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([kmgt]i?b|b)?",
      Pattern.CASE_INSENSITIVE);

  public Reserve {
    if ((fraction == null) == (bytes == null)) {
      throw new IllegalArgumentException("give a fraction or bytes");
    }
    if (fraction != null && !(fraction >= 0 && fraction <= 0.99)) {
      throw new InvalidValueException("reserve", "expected a share of the GPU's memory from 0% to 99%, got "
          + BigDecimal.valueOf(fraction * 100).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString() + "%");
    }
    if (bytes != null && bytes < 0) {
      throw new InvalidValueException("reserve", "expected bytes >= 0, got " + bytes);
    }
  }

  /** The bytes kept back on a GPU of {@code memory} bytes. */
  public long of(long memory) {
    return bytes != null ? bytes
        : BigDecimal.valueOf(memory).multiply(BigDecimal.valueOf(fraction)).setScale(0, RoundingMode.CEILING)
            .longValueExact();
  }

  /** "10%", "0.1", "4GiB", "512MB", "2000000000". */
  public static Reserve parse(String text) {
    String t = text.strip();
    if (t.endsWith("%")) {
      double pct = number(t.substring(0, t.length() - 1), text);
      if (!Double.isFinite(pct)) {
        throw new InvalidValueException("reserve", "expected a share such as 10% or a size such as 4GiB, got '" + text + "'");
      }
      return new Reserve(pct / 100.0, null);
    }
    Matcher m = SIZE.matcher(t);
    if (!m.matches()) {
      throw new InvalidValueException("reserve", "expected a share such as 10% or a size such as 4GiB, got '" + text + "'");
    }
    if (m.group(2) == null && t.contains(".")) {
      return new Reserve(number(t, text), null); // a fraction such as 0.1
    }
    return new Reserve(null, bytes(t, "reserve"));
  }

  /** A size in bytes: a whole number, or a number with B, KB, MB, GB, TB (powers of 1000) or KiB ... TiB (1024). */
  public static long bytes(String text, String key) {
    Matcher m = SIZE.matcher(text.strip());
    if (!m.matches()) {
      throw new InvalidValueException(key, "expected a size such as 80GB, 4GiB or 2000000000, got '" + text + "'");
    }
    BigDecimal v = new BigDecimal(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
    long base = unit.contains("i") ? 1024 : 1000;
    int power = switch (unit.charAt(0)) {
      case 'k' -> 1;
      case 'm' -> 2;
      case 'g' -> 3;
      case 't' -> 4;
      default -> 0;
    };
    BigDecimal b = v.multiply(BigDecimal.valueOf(base).pow(power));
    if (b.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new InvalidValueException(key, "size too large: " + text);
    }
    return b.setScale(0, RoundingMode.CEILING).longValueExact();
  }

  private static double number(String s, String text) {
    try {
      if (!s.strip().matches("[0-9]+(\\.[0-9]+)?")) {
        throw new NumberFormatException(s);
      }
      return Double.parseDouble(s.strip());
    } catch (NumberFormatException e) {
      throw new InvalidValueException("reserve", "expected a share such as 10% or a size such as 4GiB, got '" + text + "'");
    }
  }

  @Override
  public String toString() {
    return fraction != null ? BigDecimal.valueOf(fraction * 100).stripTrailingZeros().toPlainString() + "%"
        : bytes + " bytes";
  }
}
