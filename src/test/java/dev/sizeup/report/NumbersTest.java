package dev.sizeup.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumbersTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "1474560.0000000002 | 1,474,560",
    "999999999999999.0  | 999,999,999,999,999",
    "1e15               | 1.000e+15",
    "1.157e20           | 1.157e+20",
    "9.3e18             | 9.300e+18",
  })
  void grouped_doubles_switch_to_scientific_before_a_long_would_clamp(double x, String shown) {
    assertThat(Numbers.grouped(x)).isEqualTo(shown);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "124439808     | 124M",
    "2.488e9       | 2.49B",
    "999.4         | 999",
    "999.5         | 1.00K",
    "1.4e12        | 1.40T",
    "9.13e18       | 9.13E",
    "1e21          | 1.00e+21",
    "-2.5e9        | -2.50B",
  })
  void human_keeps_three_significant_figures_at_every_magnitude(double x, String shown) {
    assertThat(Numbers.human(x)).isEqualTo(shown);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "-0.00001 | 2 | 0.00",
    "-0.0     | 2 | 0.00",
    "-0.004   | 1 | 0.0",
    "-0.05    | 1 | -0.1",
    "0.3102   | 3 | 0.310",
  })
  void fixed_never_prints_a_negative_zero(double x, int digits, String shown) {
    assertThat(Numbers.fixed(x, digits)).isEqualTo(shown);
    assertThat(Numbers.percent(x / 100)).doesNotStartWith("-0.00");
  }
}
