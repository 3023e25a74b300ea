package dev.pipelinesdk.examples.mortgage;

import dev.pipelinesdk.core.automation.AgendaItem;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * The borrower-facing texts of the mortgage template's delay contacts: core says which message
 * to send ({@link AgendaItem#messageKey()}) and which product to offer ({@link
 * AgendaItem#offer()}); the vendor ships the texts as a resource bundle ({@value #BUNDLE}:
 * {@code messages.properties} in English, {@code messages_de.properties} in German) and the
 * application picks the borrower's language.
 *
 * <pre>{@code
 * for (AgendaItem item : agenda.items()) {
 *   MortgageMessages.text(item, Locale.GERMAN).ifPresent(text -> mailer.send(borrower, text));
 * }
 * }</pre>
 *
 * <p>A language without a translation gets the English base bundle, whatever the JVM's default
 * locale is ({@link ResourceBundle.Control#getNoFallbackControl}).
 */
public final class MortgageMessages {
  /** The resource bundle's base name: {@value}. */
  public static final String BUNDLE = "dev.pipelinesdk.examples.mortgage.messages";
  /** The prefix of an offer's key in the bundle: {@value}, then the offer's id. */
  public static final String OFFER_PREFIX = "offer.";
  /** The languages the bundle has texts in, the base (English) first. */
  public static final List<Locale> LOCALES = List.of(Locale.ENGLISH, Locale.GERMAN);

  private static final ResourceBundle.Control NO_FALLBACK =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  private MortgageMessages() {}

  /**
   * The bundle of one language.
   *
   * @param locale the borrower's language
   * @return its texts, or the English ones if there is no translation
   * @throws NullPointerException if the locale is null
   */
  public static ResourceBundle bundle(Locale locale) {
    Objects.requireNonNull(locale, "locale is null");
    return ResourceBundle.getBundle(BUNDLE, locale, MortgageMessages.class.getClassLoader(),
        NO_FALLBACK);
  }

  /**
   * What to send the borrower for an agenda item: the text of its message key and, after a blank
   * line, the text of its offer.
   *
   * @param item an agenda item
   * @param locale the borrower's language
   * @return the text; empty if the item has no message (it is not a delay contact)
   * @throws IllegalArgumentException naming the key and the bundle if the bundle has no text
   *     for the item's message key or offer
   * @throws NullPointerException naming the argument if one is null
   */
  public static Optional<String> text(AgendaItem item, Locale locale) {
    Objects.requireNonNull(item, "item is null");
    if (item.messageKey().isEmpty()) {
      return Optional.empty();
    }
    ResourceBundle bundle = bundle(locale);
    String text = lookUp(bundle, item.messageKey().get());
    if (item.offer().isPresent()) {
      text = text + "\n\n" + lookUp(bundle, OFFER_PREFIX + item.offer().get());
    }
    return Optional.of(text);
  }

  private static String lookUp(ResourceBundle bundle, String key) {
    try {
      return bundle.getString(key);
    } catch (MissingResourceException e) {
      throw new IllegalArgumentException("no text for message key '" + key + "' in bundle "
          + BUNDLE + " (" + (bundle.getLocale().toString().isEmpty() ? "base"
              : bundle.getLocale()) + "); add it to " + BUNDLE.replace('.', '/')
          + ".properties and its translations", e);
    }
  }
}
