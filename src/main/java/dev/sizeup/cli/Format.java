package dev.sizeup.cli;

import dev.sizeup.report.Renderer;

/** The output formats of the reporting commands; the one place a format picks a renderer's method. */
enum Format {
  text,
  json,
  markdown;

  <T> String render(Renderer<T> renderer, T value) {
    return switch (this) {
      case text -> renderer.text(value);
      case json -> renderer.json(value);
      case markdown -> renderer.markdown(value);
    };
  }
}
