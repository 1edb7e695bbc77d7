package io.github.kvsdk.klaviyo.poller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

final class PollerConfigTest {
  private static PollerConfig.Builder profiles() {
    return PollerConfig.builder().objectType("profiles").timestampField("updated");
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> rejects(PollerConfig.Builder b,
      String field) {
    return assertThatThrownBy(b::build)
        .isInstanceOfSatisfying(InvalidConfigurationException.class,
            e -> assertThat(e.field()).isEqualTo(field));
  }

  @Test
  void defaultsFollowTheTriggerSpecification() {
    PollerConfig config = profiles().build();
    assertThat(config.objectType()).isEqualTo(ObjectType.PROFILES);
    assertThat(config.emitMode()).isEqualTo(EmitMode.INDIVIDUALLY);
    assertThat(config.pageSize()).isEqualTo(100);
    assertThat(config.startTime()).isEqualTo(Instant.parse("1970-01-01T00:00:00Z"));
    assertThat(config.endTime()).isNull();
    assertThat(config.lag()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.channel()).isNull();
  }

  @Test
  void objectTypeIsRequiredAndMustBeKnown() {
    rejects(PollerConfig.builder().timestampField("updated"), "object-type")
        .hasMessageContaining("is required");
    rejects(profiles().objectType("metrics"), "object-type")
        .hasMessageContaining("must be one of profiles, events, campaigns")
        .hasMessageContaining("'metrics'");
  }

  @Test
  void objectTypeNamesAreCaseInsensitive() {
    assertThat(profiles().objectType(" Profiles ").build().objectType())
        .isEqualTo(ObjectType.PROFILES);
  }

  @Test
  void timestampFieldMustBeFilterableOnTheType() {
    rejects(PollerConfig.builder().objectType("profiles"), "timestamp-field")
        .hasMessageContaining("is required; for profiles one of [created, updated]");
    rejects(profiles().timestampField("datetime"), "timestamp-field")
        .hasMessageContaining("must be one of [created, updated] for profiles, was 'datetime'");
    rejects(PollerConfig.builder().objectType("events").timestampField("updated"),
        "timestamp-field").hasMessageContaining("[datetime]");
    // Reviews can be sorted on updated, but not filtered on it.
    rejects(PollerConfig.builder().objectType("reviews").timestampField("updated"),
        "timestamp-field").hasMessageContaining("[created]");
    rejects(PollerConfig.builder().objectType("campaigns").timestampField("updated")
        .channel("email"), "timestamp-field").hasMessageContaining("[created_at, updated_at]");
  }

  @Test
  void everyPollableFieldHasALowerBoundOperator() {
    for (ObjectType type : ObjectType.values()) {
      assertThat(type.timestampFields()).as(type.configName()).isNotEmpty();
      for (String field : type.timestampFields()) {
        assertThat(type.operators(field)).as(type + "." + field)
            .containsAnyOf(FilterOperator.GREATER_THAN, FilterOperator.GREATER_OR_EQUAL);
      }
    }
  }

  @Test
  void campaignsRequireAChannel() {
    PollerConfig.Builder campaigns =
        PollerConfig.builder().objectType("campaigns").timestampField("updated_at");
    rejects(campaigns, "channel").hasMessageContaining("is required for campaigns");
    rejects(campaigns.channel("push"), "channel")
        .hasMessageContaining("must be 'email' or 'sms', was 'push'");
    assertThat(campaigns.channel("SMS").build().channel()).isEqualTo(CampaignChannel.SMS);
    rejects(profiles().channel("email"), "channel")
        .hasMessageContaining("applies only to campaigns");
  }

  @Test
  void pageSizeIsOneToOneHundredAndWithinTheEndpointMaximum() {
    rejects(profiles().pageSize(0), "page-size").hasMessageContaining("between 1 and 100, was 0");
    rejects(profiles().pageSize(101), "page-size").hasMessageContaining("was 101");
    assertThat(profiles().pageSize(1).build().pageSize()).isEqualTo(1);
    PollerConfig.Builder flows = PollerConfig.builder().objectType("flows").timestampField("updated");
    assertThat(flows.build().pageSize()).isEqualTo(50);
    rejects(flows.pageSize(51), "page-size").hasMessageContaining("at most 50 for flows");
  }

  @Test
  void fixedPageSizeEndpointsAcceptButDoNotSendAPageSize() {
    PollerConfig events = PollerConfig.builder().objectType("events").timestampField("datetime")
        .pageSize(30).build();
    assertThat(events.objectType().supportsPageSize()).isFalse();
    assertThat(events.objectType().fixedPageSize()).isEqualTo(200);
    assertThat(events.pageSize()).isEqualTo(30);
  }

  @Test
  void endTimeMustFollowStartTime() {
    Instant start = Instant.parse("2024-11-21T10:00:00Z");
    rejects(profiles().startTime(start).endTime(start), "end-time")
        .hasMessageContaining("must be after start-time 2024-11-21T10:00:00Z");
    assertThat(profiles().startTime(start).endTime(start.plusSeconds(1)).build().endTime())
        .isEqualTo(start.plusSeconds(1));
  }

  @Test
  void startTimeMustNotPrecede1970() {
    rejects(profiles().startTime(Instant.parse("1969-12-31T23:59:59Z")), "start-time")
        .hasMessageContaining("must not be before 1970-01-01T00:00:00Z");
    assertThat(profiles().startTime(Instant.EPOCH).build().startTime()).isEqualTo(Instant.EPOCH);
  }

  @Test
  void lagMustNotBeNegative() {
    rejects(profiles().lag(Duration.ofSeconds(-1)), "lag").hasMessageContaining("negative");
    assertThat(profiles().lag(Duration.ZERO).build().lag()).isZero();
  }

  @Test
  void parsesIso8601InstantsWithAnOffset() {
    assertThat(PollerConfig.parseInstant("start-time", "2024-11-21T10:00:00Z"))
        .isEqualTo(Instant.parse("2024-11-21T10:00:00Z"));
    assertThat(PollerConfig.parseInstant("start-time", "2024-11-21T12:00:00+02:00"))
        .isEqualTo(Instant.parse("2024-11-21T10:00:00Z"));
    assertThatThrownBy(() -> PollerConfig.parseInstant("start-time", "2024-11-21"))
        .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> {
          assertThat(e.field()).isEqualTo("start-time");
          assertThat(e.rule()).contains("ISO-8601").contains("'2024-11-21'");
        });
    assertThatThrownBy(() -> PollerConfig.parseInstant("end-time", " "))
        .isInstanceOf(InvalidConfigurationException.class).hasMessageStartingWith("end-time:");
  }

  @Test
  void emitModeParsesTheTwoBehaviours() {
    assertThat(EmitMode.parse("individually")).isEqualTo(EmitMode.INDIVIDUALLY);
    assertThat(EmitMode.parse("PAGE")).isEqualTo(EmitMode.PAGE);
    assertThatThrownBy(() -> EmitMode.parse("batch"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage("emit: must be 'individually' or 'page', was 'batch'");
  }

  @Test
  void toStringDescribesTheConfiguration() {
    assertThat(PollerConfig.builder().objectType("campaigns").timestampField("created_at")
        .channel("email").build().toString())
        .isEqualTo("PollerConfig{objectType=campaigns, timestampField=created_at, emit=individually,"
            + " pageSize=100, start=1970-01-01T00:00:00Z, lag=PT30S, channel=email}");
  }
}
