package io.github.kvsdk.klaviyo.sandbox.resources;

import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The effects of the jobs whose work is not a list of items to store: profile suppression and
 * unsuppression, campaign sends and campaign recipient estimations. Each is applied when its job
 * completes.
 *
 * <p>A campaign's recipients are the profiles of its included lists and segments minus those of its
 * excluded ones that can receive its channel: for email, profiles with an email address that is neither
 * suppressed nor unsubscribed; for SMS, profiles with a phone number whose SMS marketing consent is
 * {@code SUBSCRIBED}.
 */
final class JobEffects {
  static final String SUPPRESS = "profile-suppression-bulk-create-job";
  static final String UNSUPPRESS = "profile-suppression-bulk-delete-job";
  static final String SEND = "campaign-send-job";
  static final String ESTIMATE = "campaign-recipient-estimation-job";
  static final String ESTIMATION = "campaign-recipient-estimation";
  private static final Set<String> TYPES = Set.of(SUPPRESS, UNSUPPRESS, SEND, ESTIMATE);

  private final SandboxState state;
  private final EventEndpoints events;

  JobEffects(SandboxState state, EventEndpoints events) {
    this.state = state;
    this.events = events;
  }

  static boolean handles(String jobType) {
    return TYPES.contains(jobType);
  }

  /**
   * Checks a new job's request before it is stored: a campaign job must name a stored campaign. A
   * completed estimation of the same campaign is replaced by the new one (Klaviyo lets an estimation be
   * refreshed any number of times).
   */
  void beforeCreate(String jobType, Map<String, Object> data) {
    if (!jobType.equals(SEND) && !jobType.equals(ESTIMATE)) {
      return;
    }
    String campaignId = String.valueOf(data.get("id"));
    Resource campaign = state.campaigns().get(campaignId).orElseThrow(() -> ApiException.notFound(
        "A campaign with id " + campaignId + " does not exist."));
    if (jobType.equals(SEND) && "Sent".equals(campaign.attribute("status"))) {
      throw ApiException.conflict("The campaign " + campaignId + " has already been sent.");
    }
    if (jobType.equals(ESTIMATE)) {
      state.tableOf(ESTIMATE).get(campaignId).ifPresent(previous -> {
        if (!"queued".equals(previous.attribute("status")) && !"processing".equals(previous.attribute("status"))) {
          state.delete(ESTIMATE, campaignId);
        }
      });
    }
  }

  /**
   * A campaign send job patched with {@code action: cancel} (or {@code revert}) before it completes is
   * cancelled: its status becomes {@code cancelled} and the campaign is not sent.
   */
  void afterUpdate(Resource job, Map<String, Object> data) {
    Object action = data.get("attributes") instanceof Map<?, ?> a ? a.get("action") : null;
    String status = String.valueOf(job.attribute("status"));
    if (job.type().equals(SEND) && (status.equals("queued") || status.equals("processing"))
        && ("cancel".equals(action) || "revert".equals(action))) {
      Map<String, Object> next = new LinkedHashMap<>(job.attributes());
      next.put("status", "cancelled");
      state.replace(job, next);
    }
  }

  /** The effect of {@code job}, applied when it completes; {@code data} is the request's resource object. */
  Supplier<Jobs.Outcome> effect(Resource job, Map<String, Object> data) {
    return switch (job.type()) {
      case SUPPRESS, UNSUPPRESS -> () -> suppression(job.type().equals(SUPPRESS), data);
      case SEND -> () -> send(job.id());
      default -> () -> estimate(job.id());
    };
  }

  // ---- suppression -------------------------------------------------------------------------------------

  /**
   * Suppresses (or unsuppresses) the profiles with the given email addresses and every member of the
   * given list or segment. Suppression adds a {@code USER_SUPPRESSED} entry to the profile's email marketing
   * {@code suppression} and clears {@code can_receive_email_marketing}; unsuppression removes that entry
   * and restores {@code can_receive_email_marketing} from the consent. Addresses of no stored profile are
   * counted in {@code skipped_count}.
   */
  private Jobs.Outcome suppression(boolean suppress, Map<String, Object> data) {
    Set<String> profileIds = new LinkedHashSet<>();
    int skipped = 0;
    if (data.get("attributes") instanceof Map<?, ?> attributes && attributes.get("profiles") instanceof Map<?, ?> p
        && p.get("data") instanceof List<?> items) {
      for (Object item : items) {
        Object email = item instanceof Map<?, ?> m && m.get("attributes") instanceof Map<?, ?> a ? a.get("email") : null;
        String id = email instanceof String e ? state.findProfileId(e, null, null) : null;
        if (id == null) {
          skipped++;
        } else {
          profileIds.add(id);
        }
      }
    }
    Map<String, List<String>> relationships = new LinkedHashMap<>();
    String listId = relatedId(data, "list");
    if (listId != null) {
      profileIds.addAll(state.listMembers(listId));
      relationships.put("lists", List.of(listId));
    }
    String segmentId = relatedId(data, "segment");
    if (segmentId != null) {
      profileIds.addAll(state.segmentMembers(segmentId));
      relationships.put("segments", List.of(segmentId));
    }
    Instant now = state.now();
    int completed = 0;
    for (String id : profileIds) {
      Resource profile = state.profiles().get(id).orElse(null);
      if (profile == null || profile.attribute("email") == null) {
        skipped++;
        continue;
      }
      Object subscriptions = suppress ? Profiles.withSuppression(profile.attributes().get("subscriptions"), now)
          : Profiles.withoutSuppression(profile.attributes().get("subscriptions"));
      state.updateProfile(id, Map.of("subscriptions", subscriptions));
      completed++;
    }
    return new Jobs.Outcome(completed, List.of(), relationships, Map.of("skipped_count", (long) skipped));
  }

  private static String relatedId(Map<String, Object> data, String name) {
    return data.get("relationships") instanceof Map<?, ?> rels && rels.get(name) instanceof Map<?, ?> rel
        && rel.get("data") instanceof Map<?, ?> d && d.get("id") instanceof String id ? id : null;
  }

  // ---- campaigns ---------------------------------------------------------------------------------------

  /**
   * Sends campaign {@code campaignId}: its status becomes {@code Sent} with {@code send_time} now, each
   * message gets that send time, and each recipient gets a {@code Received Email} (or {@code Received SMS})
   * event carrying the message in {@code $message}, which the campaign reports count.
   */
  private Jobs.Outcome send(String campaignId) {
    Resource campaign = state.campaigns().get(campaignId).orElse(null);
    if (campaign == null) {
      return new Jobs.Outcome(0, List.of(Jobs.error("The campaign " + campaignId + " no longer exists.", "/data/id")),
          Map.of());
    }
    Instant now = state.now();
    List<String> recipients = recipients(campaign);
    for (String messageId : campaign.related("campaign-messages")) {
      Resource message = state.campaignMessages().get(messageId).orElse(null);
      if (message == null) {
        continue;
      }
      Map<String, Object> sendTime = new LinkedHashMap<>();
      sendTime.put("datetime", now);
      sendTime.put("is_local", false);
      state.update(Types.CAMPAIGN_MESSAGE, messageId, Map.of("send_times", List.of(sendTime)), "updated_at");
      String metric = "sms".equals(message.attribute("channel")) ? "Received SMS" : "Received Email";
      for (String profileId : recipients) {
        Resource profile = state.profiles().get(profileId).orElse(null);
        if (profile != null) {
          Map<String, Object> properties = new LinkedHashMap<>();
          properties.put("$message", messageId);
          properties.put("Campaign Name", campaign.attribute("name"));
          events.record(metric, profile, properties);
        }
      }
    }
    Map<String, Object> changes = new LinkedHashMap<>();
    changes.put("status", "Sent");
    changes.put("send_time", now);
    state.update(Types.CAMPAIGN, campaignId, changes, "updated_at");
    return new Jobs.Outcome(1, List.of(), Map.of());
  }

  /** Stores (or replaces) the campaign's recipient estimation: the number of its recipients now. */
  private Jobs.Outcome estimate(String campaignId) {
    Resource campaign = state.campaigns().get(campaignId).orElse(null);
    if (campaign == null) {
      return new Jobs.Outcome(0, List.of(Jobs.error("The campaign " + campaignId + " no longer exists.", "/data/id")),
          Map.of());
    }
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("estimated_recipient_count", (long) recipients(campaign).size());
    state.tableOf(ESTIMATION);
    state.delete(ESTIMATION, campaignId);
    state.insertWithId(ESTIMATION, campaignId, attributes, Map.of());
    return new Jobs.Outcome(1, List.of(), Map.of());
  }

  /** The profiles a campaign would reach now (see the class comment), in a stable order. */
  List<String> recipients(Resource campaign) {
    List<String> included = List.of();
    List<String> excluded = List.of();
    if (campaign.attributes().get("audiences") instanceof Map<?, ?> audiences) {
      included = ids(audiences.get("included"));
      excluded = ids(audiences.get("excluded"));
    }
    Set<String> members = new LinkedHashSet<>();
    included.forEach(id -> members.addAll(audience(id)));
    excluded.forEach(id -> members.removeAll(audience(id)));
    boolean sms = false;
    for (String messageId : campaign.related("campaign-messages")) {
      sms |= state.campaignMessages().get(messageId).map(m -> "sms".equals(m.attribute("channel"))).orElse(false);
    }
    List<String> out = new ArrayList<>();
    for (String id : new java.util.TreeSet<>(members)) {
      Resource profile = state.profiles().get(id).orElse(null);
      if (profile != null && (sms ? Profiles.canReceiveSms(profile.attributes())
          : Profiles.canReceiveEmail(profile.attributes()))) {
        out.add(id);
      }
    }
    return out;
  }

  private Set<String> audience(String id) {
    return state.lists().contains(id) ? state.listMembers(id) : state.segmentMembers(id);
  }

  private static List<String> ids(Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof List<?> list) {
      list.forEach(v -> out.add(String.valueOf(v)));
    }
    return out;
  }
}
