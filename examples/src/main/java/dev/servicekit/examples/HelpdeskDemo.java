package dev.servicekit.examples;

/** Placeholder main example; replaced once the core modules have their first capabilities. */
public final class HelpdeskDemo {
  private HelpdeskDemo() {}

  /**
   * Runs the demo.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    System.out.println("servicekit: modules " + Module.class.getSimpleName());
  }
}
