package dev.sizeup.spec;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Parses YAML or JSON text into a {@link Node} tree with Jackson's streaming parsers. Every failure
 * becomes one located {@link SpecException} in the user's terms: the parser's own vocabulary
 * (events, tokens, features) never reaches the user.
 */
public final class Documents {
  private Documents() {}

  /** The two syntaxes an input can be written in. */
  public enum Format {
    YAML,
    JSON
  }

  /** Deeper nesting than any spec or config needs; refusing it keeps the walk's stack small. */
  static final int MAX_DEPTH = 64;

  private static final YAMLFactory YAML_FACTORY = YAMLFactory.builder().build();
  private static final JsonFactory JSON_FACTORY = JsonFactory.builder().build();

  /**
   * Parses one document. An empty document (nothing but comments or white space) is a null scalar
   * at 1:1, which the reader refuses in its own terms; a second document after the first is an error.
   */
  public static Node parse(String text, String file, Format format) throws SpecException {
    JsonFactory factory = format == Format.YAML ? YAML_FACTORY : JSON_FACTORY;
    JsonParser p;
    try {
      p = factory.createParser(text);
    } catch (IOException e) {
      throw new SpecException(file, Location.UNKNOWN, null, "cannot read: " + e.getMessage());
    }
    try (p) {
      if (p.nextToken() == null) {
        return new Node.Scalar("", Node.Kind.NULL, new Location(1, 1)); // nothing but comments or white space
      }
      Node root = read(p, file, "", 0);
      if (p.nextToken() != null) {
        throw new SpecException(file, at(p.currentTokenLocation()), null, format == Format.YAML
            ? "a second YAML document (after '---') is not allowed: one spec per file"
            : "extra text after the JSON value");
      }
      return root;
    } catch (JacksonException e) {
      throw translate(e, file, format, text, at(p.currentLocation()));
    } catch (IOException e) {
      throw new SpecException(file, Location.UNKNOWN, null, "cannot read: " + e.getMessage());
    }
  }

  private static Node read(JsonParser p, String file, String path, int depth) throws IOException, SpecException {
    Location where = at(p.currentTokenLocation());
    if (depth > MAX_DEPTH) {
      throw new SpecException(file, where, null, "nested more than " + MAX_DEPTH + " levels deep");
    }
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      Map<String, Node.Entry> entries = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        Location keyAt = at(p.currentTokenLocation());
        String child = path.isEmpty() ? key : path + "." + key;
        if (entries.containsKey(key)) {
          throw new SpecException(file, keyAt, child,
              "key given twice (first at line " + entries.get(key).keyLocation().line() + ")");
        }
        p.nextToken();
        entries.put(key, new Node.Entry(key, keyAt, read(p, file, child, depth + 1)));
      }
      return new Node.Mapping(entries, where);
    }
    if (t == JsonToken.START_ARRAY) {
      List<Node> items = new ArrayList<>();
      int i = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        items.add(read(p, file, path + "[" + i++ + "]", depth + 1));
      }
      return new Node.Sequence(items, where);
    }
    if (p instanceof YAMLParser y && y.isCurrentAlias()) {
      throw new SpecException(file, where, path,
          "the YAML alias *" + Text.clip(p.getText(), 40) + " is not supported: write the value out");
    }
    Node.Kind kind = switch (t) {
      case VALUE_NUMBER_INT -> Node.Kind.INTEGER;
      case VALUE_NUMBER_FLOAT -> Node.Kind.DECIMAL;
      case VALUE_TRUE, VALUE_FALSE -> Node.Kind.BOOLEAN;
      case VALUE_NULL -> Node.Kind.NULL;
      default -> Node.Kind.STRING;
    };
    return new Node.Scalar(p.getText(), kind, where);
  }

  static Location at(JsonLocation l) {
    return l == null || l.getLineNr() < 1 ? Location.UNKNOWN : new Location(l.getLineNr(), Math.max(1, l.getColumnNr()));
  }

  // ---- parse failures, in the user's terms ---------------------------------------------------------

  /**
   * @param text  the whole input, to find a character the YAML reader refused
   * @param where where the parser stopped: the place of an error that carries none of its own
   */
  static SpecException translate(JacksonException e, String file, Format format, String text, Location where) {
    ReaderException reader = causeOf(e, ReaderException.class);
    if (reader != null) {
      int cp = reader.getCodePoint();
      return new SpecException(file, find(text, cp, where), null, "not valid YAML: the character " + describe(cp)
          + " is not allowed; in a \"double-quoted\" value write it as "
          + (cp > 0xFFFF ? String.format(Locale.ROOT, "\\U%08x", cp) : String.format(Locale.ROOT, "\\u%04x", cp)));
    }
    MarkedYAMLException yaml = causeOf(e, MarkedYAMLException.class);
    if (yaml != null) {
      String problem = yaml.getProblem() != null ? yaml.getProblem() : yaml.getContext();
      String context = yaml.getContext() == null ? "" : yaml.getContext();
      // an unclosed quote is found at the end of the file; where it opens is the place to look
      boolean unclosed = context.contains("quoted scalar") && problem != null
          && (problem.contains("end of stream") || problem.contains("document separator"));
      Mark mark = unclosed && yaml.getContextMark() != null ? yaml.getContextMark()
          : yaml.getProblemMark() != null ? yaml.getProblemMark() : yaml.getContextMark();
      Location at = mark == null ? where : new Location(mark.getLine() + 1, mark.getColumn() + 1);
      return new SpecException(file, at, null, "not valid YAML: " + yamlProblem(problem, context));
    }
    Location at = at(e.getLocation());
    if (!at.known()) {
      at = where;
    }
    if (e instanceof StreamConstraintsException c) {
      String m = String.valueOf(c.getOriginalMessage());
      return new SpecException(file, at, null, m.contains("nesting depth")
          ? "nested more than " + MAX_DEPTH + " levels deep"
          : m.startsWith("Number") ? "a number longer than " + MAX_NUMBER + " characters"
          : "a value longer than this tool accepts");
    }
    String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    String problem = format == Format.YAML ? yamlParserProblem(message)
        : jsonProblem(message, cp -> whole(text, e.getLocation(), cp));
    return new SpecException(file, at, null, "not valid " + format.name() + ": " + problem);
  }

  /**
   * The character Jackson names by its UTF-16 code: the half of a surrogate pair it read, completed
   * from the text to the whole character (an emoji), so that the message can show it.
   */
  private static int whole(String text, JsonLocation l, int code) {
    if (!Character.isHighSurrogate((char) code) || l == null) {
      return code;
    }
    for (long i = Math.max(0, l.getCharOffset() - 2); i <= l.getCharOffset() && i < text.length(); i++) {
      if (text.charAt((int) i) == code) {
        return text.codePointAt((int) i);
      }
    }
    return code;
  }

  /** Jackson's default limit on the length of a number (StreamReadConstraints). */
  private static final int MAX_NUMBER = 1000;

  /** Where {@code cp} first occurs in {@code text}, or {@code fallback}. */
  private static Location find(String text, int cp, Location fallback) {
    int i = text.indexOf(cp);
    if (i < 0) {
      return fallback;
    }
    int line = 1;
    int lineStart = 0;
    for (int j = 0; j < i; j++) {
      if (text.charAt(j) == '\n') {
        line++;
        lineStart = j + 1;
      }
    }
    return new Location(line, text.codePointCount(lineStart, i) + 1);
  }

  /** A character as a message shows it: 'x', or U+FEFF (a byte-order mark) when it cannot be seen. */
  static String describe(int cp) {
    int type = Character.getType(cp);
    boolean invisible = Character.isISOControl(cp) || type == Character.FORMAT || type == Character.SPACE_SEPARATOR
        || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE
        || type == Character.UNASSIGNED || type == Character.PRIVATE_USE;
    if (cp == '`') {
      return "a backquote (U+0060)"; // printed as a word: a lone backquote reads as markup
    }
    if (!invisible || cp == ' ') {
      return "'" + new String(Character.toChars(cp)) + "'";
    }
    String code = String.format(Locale.ROOT, "U+%04X", cp);
    String name = switch (cp) {
      case 0xFEFF -> " (a byte-order mark)";
      case 0x00A0 -> " (a no-break space)";
      case 0x200B -> " (a zero-width space)";
      case 0x2028 -> " (a line separator)";
      case 0x2029 -> " (a paragraph separator)";
      case 0x001B -> " (escape)";
      case 0x0000 -> " (a null character)";
      default -> Character.isISOControl(cp) ? " (a control character)" : "";
    };
    return code + name;
  }

  /**
   * SnakeYAML's problem texts in the user's terms. The context ("while scanning an anchor") says
   * which construct a character started, and so how to write the value instead.
   */
  static String yamlProblem(String problem, String context) {
    if (problem == null) {
      return "cannot be parsed";
    }
    String p = problem.strip();
    String c = context == null ? "" : context;
    if (p.startsWith("mapping values are not allowed here")) {
      return "a ':' where no key can start (is a value missing quotes, or is the indentation off?)";
    }
    if (p.startsWith("could not find expected ':'")) {
      return "expected 'key: value' (a ':' is missing)";
    }
    if (p.contains("(TAB)") || p.contains("'\\t'") || p.contains("\t")) {
      return "a tab character: YAML indents with spaces";
    }
    Matcher start = CANNOT_START.matcher(p);
    if (start.lookingAt()) {
      return "a value cannot start with " + describe(start.group(1).codePointAt(0)) + "; put the value in quotes";
    }
    if (p.startsWith("sequence entries are not allowed here")) {
      return "a '-' list entry where none can start (is the indentation off, or does a value need quotes?)";
    }
    if (p.startsWith("mapping keys are not allowed here")) {
      return "a '?' key where none can start (is the indentation off, or does a value need quotes?)";
    }
    if (c.contains("quoted scalar")) {
      if (p.contains("end of stream") || p.contains("document separator")) {
        return "a quoted value is never closed (its closing quote is missing)";
      }
      if (p.contains("escape")) {
        return "an unknown escape in a \"double-quoted\" value (valid: \\\\ \\\" \\n \\t \\xXX \\uXXXX; "
            + "a 'single-quoted' value has no escapes)";
      }
    }
    if (c.contains("block scalar")) {
      return "'|' and '>' start a block of text, and only a line break may follow them (quote a value that "
          + "starts with | or >)";
    }
    if (c.contains("anchor") || c.contains("alias")) {
      return "'&' and '*' start a YAML anchor or alias, which must be followed by a name (quote a value that "
          + "starts with & or *)";
    }
    if (c.contains("tag") || p.contains("tag handle")) {
      return "'!' starts a YAML tag such as !!str (quote a value that starts with !)";
    }
    if (c.contains("directive") || p.contains("directive") || p.contains("YAML document") || p.contains("version")) {
      return "a line that starts with '%' is a YAML directive (quote a value that starts with %)";
    }
    if (p.startsWith("expected '<document start>'")) {
      return "more text after the end of the document (do all top-level keys start in the same column?)";
    }
    if (p.startsWith("expected the node content")) {
      p = "expected a value" + p.substring("expected the node content".length());
    }
    return words(p);
  }

  /** SnakeYAML's "found character '%s' that cannot start any token": a character no value may start with. */
  private static final Pattern CANNOT_START = Pattern.compile("found character '(.+?)' that cannot start any token",
      Pattern.DOTALL);

  private static final Map<String, String> YAML_TOKENS = Map.ofEntries(
      Map.entry("<block end>", "the end of the block"),
      Map.entry("<block mapping start>", "a new mapping"),
      Map.entry("<block sequence start>", "a list"),
      Map.entry("<block sequence end>", "the end of a list"),
      Map.entry("<flow mapping start>", "'{'"),
      Map.entry("<flow mapping end>", "'}'"),
      Map.entry("<flow sequence start>", "'['"),
      Map.entry("<flow sequence end>", "']'"),
      Map.entry("<scalar>", "a value"),
      Map.entry("<key>", "a key"),
      Map.entry("<value>", "a value"),
      Map.entry("<stream end>", "the end of the file"),
      Map.entry("<document start>", "'---'"),
      Map.entry("<document end>", "'...'"),
      Map.entry("<anchor>", "an anchor"),
      Map.entry("<alias>", "an alias"),
      Map.entry("<tag>", "a tag"),
      Map.entry("<block entry>", "a '-' list entry"),
      Map.entry("<flow entry>", "','"),
      Map.entry("<directive>", "a directive"));

  private static String words(String problem) {
    String p = problem;
    for (Map.Entry<String, String> e : YAML_TOKENS.entrySet()) {
      p = p.replace("'" + e.getKey() + "'", e.getValue()).replace(e.getKey(), e.getValue());
    }
    p = p.replace("found '?'", "found a key") // SnakeYAML names every key token '?', written or not
        .replaceAll("<[^>]*>", "a token")
        .replaceAll("'(.)' ?\\(\\d+\\)", "'$1'") // SnakeYAML's code points: "found '!' (33)", "found v(118)"
        .replaceAll("(\\S)\\(\\d+\\)", "'$1'")
        .replaceAll(" \\(\\d+\\)", "");
    return Text.clip(p.lines().findFirst().orElse(p), 120);
  }

  private static final Pattern EVENT = Pattern.compile("got this instead: <.*", Pattern.DOTALL);

  /** Errors Jackson's YAML layer raises itself, e.g. a mapping used as a key. */
  static String yamlParserProblem(String message) {
    if (message.startsWith("Expected a field name")) {
      return "a mapping key must be a plain value, not a list or a mapping";
    }
    if (message.contains("base64") || message.contains("Base64")) {
      return "a !!binary value that is not valid base64 (no value in a spec is binary)";
    }
    String m = EVENT.matcher(message).replaceAll("").strip();
    return Text.clip(sanitize(m), 120);
  }

  /** Jackson's description of a character: {@code ('x' (code 120))}, {@code ((CTRL-CHAR, code 0))}. */
  private static final Pattern CHAR = Pattern.compile(
      "\\((?:'.*?' \\(code (\\d+)[^)]*\\)|\\(CTRL-CHAR, code (\\d+)\\))\\)", Pattern.DOTALL);
  private static final Pattern UNEXPECTED_CHAR = Pattern.compile("Unexpected character " + CHAR + ":? ?(.*)",
      Pattern.DOTALL);
  private static final Pattern ILLEGAL_CHAR = Pattern.compile("Illegal character " + CHAR + ".*", Pattern.DOTALL);
  private static final Pattern UNRECOGNIZED = Pattern.compile("Unrecognized token '(.*?)'.*", Pattern.DOTALL);
  private static final Pattern NON_STANDARD = Pattern.compile("Non-standard token '(.*?)'.*", Pattern.DOTALL);

  /** Jackson's JSON parser messages, rewritten: no codes, no features, no token types. */
  static String jsonProblem(String message, java.util.function.IntUnaryOperator character) {
    String first = message.lines().findFirst().orElse(message);
    Matcher m;
    if ((m = NON_STANDARD.matcher(first)).matches()) {
      return m.group(1) + " is not a JSON number (JSON has no NaN or Infinity)";
    }
    if ((m = UNRECOGNIZED.matcher(first)).matches()) {
      return "unrecognised word '" + Text.clip(m.group(1), 30)
          + "' (values are numbers, \"strings\", true, false, null, [lists] or {objects})";
    }
    if ((m = UNEXPECTED_CHAR.matcher(first)).matches()) {
      int cp = character.applyAsInt(Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2)));
      String c = describe(cp) + hint(cp);
      String expecting = m.group(3);
      if (expecting.contains("double-quote to start field name")) {
        return "expected a \"quoted\" key, got " + c;
      }
      if (expecting.contains("comma to separate Object entries")) {
        return "expected ',' or '}' after a value, got " + c;
      }
      if (expecting.contains("comma to separate Array entries")) {
        return "expected ',' or ']' after a value, got " + c;
      }
      if (expecting.contains("colon to separate field name and value")) {
        return "expected ':' after a key, got " + c;
      }
      if (expecting.contains("expected a value") || expecting.contains("expected a valid value")) {
        return "expected a value, got " + c;
      }
      return "unexpected character " + c;
    }
    if ((m = ILLEGAL_CHAR.matcher(first)).matches()) {
      int cp = character.applyAsInt(Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2)));
      return "the character " + describe(cp) + " is not allowed outside a \"string\"";
    }
    if (first.startsWith("Unexpected end-of-input")) {
      if (first.contains("closing quote")) {
        return "the file ends inside a \"string\" (its closing quote is missing)";
      }
      return "the file ends before the " + (first.contains("Array") ? "list" : "object") + " is closed";
    }
    if (first.startsWith("Illegal unquoted character")) {
      return "a string holds a raw control character (a line break or tab must be written \\n or \\t)";
    }
    if (first.contains("Leading zeroes not allowed")) {
      return "a number has a leading zero";
    }
    if (first.startsWith("Invalid numeric value") || first.startsWith("Unexpected character ('.'")) {
      return "a malformed number";
    }
    if (first.startsWith("Unrecognized character escape")) {
      return "an unknown escape in a string (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)";
    }
    if (first.startsWith("Unexpected close marker")) {
      return "a closing bracket that does not match the open one";
    }
    return Text.clip(sanitize(first), 120);
  }

  /** What a character that JSON refuses usually means. */
  private static String hint(int cp) {
    return switch (cp) {
      case '\'' -> " (JSON strings and keys take \"double quotes\")";
      case '/', '#' -> " (JSON has no comments)";
      default -> "";
    };
  }

  /** Last resort for a message not rewritten above: cut Jackson's internals out of it. */
  private static String sanitize(String message) {
    String m = CHAR.matcher(message).replaceAll("").replaceAll("\\(code \\d+[^)]*\\)", "")
        .replaceAll("`[^`]*`", "")
        .replaceAll("\\s*at \\[Source:.*", "")
        .replaceAll("(?i)\\b(JsonToken|JsonReadFeature|JsonParser|Feature)\\.[A-Z_]+", "")
        .replaceAll("\\b(START|END)_(OBJECT|ARRAY)\\b", "")
        .replaceAll("\\s+", " ")
        .strip();
    if (m.isEmpty()) {
      return "cannot be parsed";
    }
    return Character.toLowerCase(m.charAt(0)) + m.substring(1);
  }

  private static <T extends Throwable> T causeOf(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }
}
