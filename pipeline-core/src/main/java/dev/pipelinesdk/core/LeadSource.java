package dev.pipelinesdk.core;

import dev.pipelinesdk.core.internal.Checks;
import java.util.Objects;

/**
 * Where a deal came from: a cold or warm channel, such as {@code LeadSource.cold("call")} or
 * {@code LeadSource.warm("webinar")}. Metrics break down by it.
 *
 * @param temperature cold (outbound: calls, social selling) or warm (inbound: content download,
 *     form, chatbot, referral, event)
 * @param channel the channel name, free text without surrounding whitespace
 */
public record LeadSource(Temperature temperature, String channel) {

  /** Cold outreach or warm inbound interest. */
  public enum Temperature {
    /** The team reached out first: cold calls, cold email, social selling. */
    COLD,
    /** The prospect showed interest first: downloads, forms, chatbots, referrals, events. */
    WARM
  }

  /**
   * Checks the source.
   *
   * @param temperature cold (outbound: calls, social selling) or warm (inbound: content download,
   *     form, chatbot, referral, event)
   * @param channel the channel name, free text without surrounding whitespace
   * @throws IllegalArgumentException if {@code channel} is not a valid id (see {@link StageId})
   * @throws NullPointerException if {@code temperature} or {@code channel} is null
   */
  public LeadSource {
    Objects.requireNonNull(temperature, "temperature is null");
    Checks.id("lead source channel", channel);
  }

  /**
   * A cold channel.
   *
   * @param channel the channel name, such as {@code "call"}
   * @return the lead source
   */
  public static LeadSource cold(String channel) {
    return new LeadSource(Temperature.COLD, channel);
  }

  /**
   * A warm channel.
   *
   * @param channel the channel name, such as {@code "webinar"}
   * @return the lead source
   */
  public static LeadSource warm(String channel) {
    return new LeadSource(Temperature.WARM, channel);
  }

  /**
   * Reads a lead source as {@link #toString()} writes it: {@code cold:call}, {@code
   * warm:webinar} (the temperature in any case). What the command line and the Spark reader do
   * with a {@code source} column.
   *
   * @param text the text
   * @return the lead source, or empty if the text is not {@code cold:} or {@code warm:} followed
   *     by a valid channel
   * @throws NullPointerException if {@code text} is null
   */
  public static java.util.Optional<LeadSource> parse(String text) {
    int colon = text.indexOf(':');
    if (colon < 0 || colon == text.length() - 1) {
      return java.util.Optional.empty();
    }
    String temperature = text.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
    String channel = text.substring(colon + 1);
    if (!Checks.isValidId(channel)) {
      return java.util.Optional.empty();
    }
    return temperature.equals("warm") ? java.util.Optional.of(warm(channel))
        : temperature.equals("cold") ? java.util.Optional.of(cold(channel))
        : java.util.Optional.empty();
  }

  /** {@return the source as {@link #parse} reads it: {@code cold:call}, {@code warm:webinar}} */
  @Override
  public String toString() {
    return temperature.name().toLowerCase(java.util.Locale.ROOT) + ":" + channel;
  }
}
