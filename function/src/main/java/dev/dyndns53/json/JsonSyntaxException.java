package dev.dyndns53.json;

/** A document that is not JSON, with where the reader gave up. */
public final class JsonSyntaxException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final int column;

  public JsonSyntaxException(int line, int column, String what) {
    super("line " + line + ", column " + column + ": " + what);
    this.line = line;
    this.column = column;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }
}
