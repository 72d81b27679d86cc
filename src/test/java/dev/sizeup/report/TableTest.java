package dev.sizeup.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableTest {
  @Test
  void text_aligns_words_left_and_numbers_right_without_trailing_spaces() {
    Table t = new Table(false, true, false).row("total", "124,439,808", "").row("norm", "38,400", "layernorm");
    StringBuilder out = new StringBuilder();
    t.text(out, "  ");
    assertThat(out.toString()).isEqualTo(
        "  total  124,439,808\n"
      + "  norm        38,400  layernorm\n");
  }

  @Test
  void markdown_has_an_alignment_row_and_escapes_what_would_split_a_cell() {
    Table t = new Table(new String[] {"model", "parameters"}, false, true).row("a|b\\c", "1");
    StringBuilder out = new StringBuilder();
    t.markdown(out);
    assertThat(out.toString()).isEqualTo(
        "| model | parameters |\n"
      + "|---|---:|\n"
      + "| a\\|b\\\\c | 1 |\n");
  }

  @Test
  void control_characters_in_cells_are_escaped_in_both_forms() {
    Table t = new Table(new String[] {"name"}, false).row("line\nbreak\u001b[31m\u202e");
    StringBuilder text = new StringBuilder();
    t.text(text, "");
    StringBuilder md = new StringBuilder();
    t.markdown(md);
    assertThat(text.toString()).isEqualTo("name\nline\\nbreak\\u001b[31m\\u202e\n");
    assertThat(md.toString().lines()).hasSize(3);
  }

  @Test
  void a_row_of_the_wrong_width_is_a_bug() {
    assertThatThrownBy(() -> new Table(false, true).row("only one")).isInstanceOf(IllegalArgumentException.class);
  }
}
