package dev.sizeup.spec;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Stage two of loading a written spec: the top-level keys (name, source, architecture, training,
 * expected), the architecture through its {@link Key} descriptions, and the defaults report, in
 * key order.
 */
final class SpecResolver {
  private SpecResolver() {}

  /** The version of the spec format this sizeup reads and writes (the optional {@code schema_version} key). */
  static final long SCHEMA_VERSION = 1;

  private static final List<String> TOP_KEYS = List.of("schema_version", "name", "source", "architecture", "training",
      "expected");
  private static final List<String> TRAINING_KEYS = List.of("tokens");
  private static final List<String> EXPECTED_KEYS = List.of("parameters", "active_parameters", "tolerance",
      "active_tolerance");

  /**
   * @param defaultName the name when the spec has none, and the rule that gave it ("the file name")
   */
  static Spec resolve(Node root, String file, Key.Default<String> defaultName) throws SpecException {
    try {
      return resolve(root, new NodeReader(file), file, defaultName, new ArrayList<>());
    } catch (Located e) {
      throw e.in(file);
    } catch (InvalidValueException e) {
      throw new SpecException(file, Locator.of(root).locate(e.key()), e.key(), e.detail());
    } catch (ArithmeticException e) {
      throw new SpecException(file, Locator.of(root).locate("architecture"), "architecture",
          "sizes too large: a default overflows a 64-bit integer");
    }
  }

  private static Spec resolve(Node root, NodeReader r, String file, Key.Default<String> defaultName,
      List<AppliedDefault> notes) throws SpecException {
    Node.Mapping top = r.mapping(root, "", TOP_KEYS);
    schemaVersion(r, top);
    String name = r.text(top, "name", "name");
    if (name == null || name.isBlank()) {
      name = defaultName.value();
      notes.add(new AppliedDefault("name", defaultName.rule()));
    }
    String source = r.text(top, "source", "source");

    Node.Entry arch = top.entries().get("architecture");
    if (arch == null || NodeReader.isNull(arch.value())) {
      throw new SpecException(file, arch == null ? root.location() : arch.keyLocation(), "architecture",
          "required mapping is missing (it holds layers, d_model, heads, vocab and the optional keys)");
    }
    if (!(arch.value() instanceof Node.Mapping archMap)) {
      throw r.error(arch.value(), "architecture", "expected a mapping with keys "
          + String.join(", ", Architecture.KEYS.stream().map(Key::name).toList()) + ", got " + Node.describe(arch.value()));
    }
    KeyResolver keys = KeyResolver.of(Architecture.KEYS, archMap, "architecture", "",
        arch.keyLocation(), notes).resolveAll();
    Architecture architecture = Architecture.from(keys);

    Long tokens = null;
    Node training = top.get("training");
    if (training != null && !NodeReader.isNull(training)) {
      Quantities.Count count = count(r, r.mapping(training, "training", TRAINING_KEYS), "training.tokens", "tokens");
      tokens = count == null ? null : count.value();
    }

    Expected expected = null;
    Node.Entry exp = top.entries().get("expected");
    if (exp != null && !NodeReader.isNull(exp.value())) {
      expected = expected(r, r.mapping(exp.value(), "expected", EXPECTED_KEYS), exp.keyLocation(), file, notes);
    }
    notes.sort(Comparator.comparingInt(SpecResolver::order));
    return new Spec(name, source, file, architecture, tokens, expected, notes, Locator.of(root));
  }

  private static Expected expected(NodeReader r, Node.Mapping e, Location anchor, String file,
      List<AppliedDefault> notes) throws SpecException {
    Node parametersNode = e.get("parameters");
    if (parametersNode == null || NodeReader.isNull(parametersNode)) {
      throw new SpecException(file, anchor, "expected.parameters",
          "required in an expected block (expected " + Quantities.FORMAT_HINT + ")");
    }
    Quantities.Count parameters = count(r, e, "expected.parameters", "parameters");
    Quantities.Count active = count(r, e, "expected.active_parameters", "active_parameters");
    Double tolerance = fraction(r, e, "expected.tolerance", "tolerance");
    Double activeTolerance = fraction(r, e, "expected.active_tolerance", "active_tolerance");

    Tolerance total;
    if (tolerance != null) {
      total = Tolerance.relative(tolerance);
    } else {
      total = Tolerance.ofWritten(parameters, scalarText(parametersNode));
      notes.add(new AppliedDefault("expected.tolerance", total instanceof Tolerance.Rounding t
          ? "half a unit of the last digit of " + t.written() + " (±" + t.unit() / 2 + ")"
          : "0 (exact: every digit is given)"));
    }
    Expected.Claim activeClaim = null;
    if (active != null) {
      Tolerance t;
      if (activeTolerance != null) {
        t = Tolerance.relative(activeTolerance);
      } else if (tolerance != null) {
        t = Tolerance.relative(tolerance);
      } else {
        t = Tolerance.ofWritten(active, scalarText(e.get("active_parameters")));
      }
      activeClaim = new Expected.Claim(active.value(), t);
    }
    return new Expected(new Expected.Claim(parameters.value(), total), activeClaim);
  }

  /** A relative tolerance in [0, 1), written as a plain decimal number. */
  private static Double fraction(NodeReader r, Node.Mapping m, String key, String name) throws SpecException {
    Node n = m.get(name);
    String expected = "expected a relative tolerance in [0, 1), e.g. 0.001 for 0.1%, got ";
    BigDecimal value;
    try {
      value = r.number(n, key);
    } catch (SpecException e) {
      throw r.error(n, key, expected + Node.describe(n));
    }
    if (value == null) {
      return null;
    }
    if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) >= 0) {
      throw r.error(n, key, expected + ((Node.Scalar) n).text().strip());
    }
    return value.doubleValue();
  }

  /** A count such as 300B, 3e11 or 300000000000; null when absent. */
  private static Quantities.Count count(NodeReader r, Node.Mapping m, String key, String name) throws SpecException {
    Node n = m.get(name);
    if (n == null || NodeReader.isNull(n)) {
      return null;
    }
    if (!(n instanceof Node.Scalar s) || s.kind() == Node.Kind.BOOLEAN) {
      throw r.error(n, key, "expected " + Quantities.FORMAT_HINT + ", got " + Node.describe(n));
    }
    try {
      if (s.kind() == Node.Kind.INTEGER) {
        Key.decimal(s.text(), 1); // refuses 017 and 0x10, which YAML 1.1 would misread
      }
      return Quantities.count(s.text());
    } catch (IllegalArgumentException ex) {
      throw r.error(n, key, ex.getMessage());
    }
  }

  private static String scalarText(Node n) {
    return ((Node.Scalar) n).text().strip();
  }

  private static void schemaVersion(NodeReader r, Node.Mapping top) throws SpecException {
    Node n = top.get("schema_version");
    if (n == null || NodeReader.isNull(n)) {
      return;
    }
    long version;
    try {
      version = Key.Size.POSITIVE.read(n);
    } catch (IllegalArgumentException e) {
      throw r.error(n, "schema_version", e.getMessage());
    }
    if (version != SCHEMA_VERSION) {
      throw r.error(n, "schema_version", "this sizeup reads spec schema_version " + SCHEMA_VERSION + ", got " + version);
    }
  }

  /** Defaults are reported in the order the keys are echoed: name, the architecture keys, then the rest. */
  private static int order(AppliedDefault d) {
    if (d.key().equals("name")) {
      return -1;
    }
    String first = d.key().contains(".") ? d.key().substring(0, d.key().indexOf('.')) : d.key();
    for (int i = 0; i < Architecture.KEYS.size(); i++) {
      if (Architecture.KEYS.get(i).name().equals(first)) {
        return i;
      }
    }
    return Architecture.KEYS.size();
  }
}
