package dev.sizeup.report;

/**
 * One result in each output format. Every command's output goes through a renderer, and the
 * choice of format is made in one place (the command line's format switch).
 */
public interface Renderer<T> {
  String text(T value);

  String json(T value);

  String markdown(T value);
}
