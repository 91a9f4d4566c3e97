package dev.servicekit.sla.holidays.internal;

/**
 * jollyday has no data for a country, or for one of the subdivisions below it: an {@link
 * IllegalArgumentException} that also says which of the two, so a JSON reader can locate the error
 * at the field that holds the name. Free of jollyday types, so callers can catch it without
 * jollyday on the class path. Not API.
 */
public final class UnknownRegionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** {@link #subdivision()} of an unknown country. */
  public static final int COUNTRY = -1;

  private final int subdivision;

  /**
   * An unknown country or subdivision.
   *
   * @param message the message, as code callers see it
   * @param subdivision the index of the unknown subdivision, or {@link #COUNTRY}
   * @param cause jollyday's exception, or null
   */
  public UnknownRegionException(String message, int subdivision, Throwable cause) {
    super(message, cause);
    this.subdivision = subdivision;
  }

  /**
   * Which name jollyday does not know.
   *
   * @return the index of the unknown subdivision, or {@link #COUNTRY} for the country
   */
  public int subdivision() {
    return subdivision;
  }
}
