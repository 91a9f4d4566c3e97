package dev.servicekit.qa.internal;

/** Enum constants by name in any ASCII letter case, as the JSON readers take them. */
public final class Enums {
  private Enums() {}

  /**
   * The constant of {@code type} whose name is {@code text} up to the case of ASCII letters, or
   * null. Only ASCII letters fold: {@code "faıl_form"} (a dotless i) is no constant, though Java's
   * Unicode case rules would upper-case it to {@code FAIL_FORM}.
   *
   * @param type the enum
   * @param text the text
   * @param <E> the enum type
   * @return the constant, or null
   */
  public static <E extends Enum<E>> E byName(Class<E> type, String text) {
    for (E e : type.getEnumConstants()) {
      String name = e.name();
      if (name.length() == text.length() && asciiEqualsIgnoreCase(name, text)) {
        return e;
      }
    }
    return null;
  }

  private static boolean asciiEqualsIgnoreCase(String a, String b) {
    for (int i = 0; i < a.length(); i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y && !(isAsciiLetter(x) && isAsciiLetter(y) && (x | 0x20) == (y | 0x20))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }
}
