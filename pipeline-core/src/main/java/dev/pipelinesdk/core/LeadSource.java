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

  @Override
  public String toString() {
    return temperature.name().toLowerCase(java.util.Locale.ROOT) + ":" + channel;
  }
}
