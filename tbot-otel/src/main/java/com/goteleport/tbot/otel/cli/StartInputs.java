package com.goteleport.tbot.otel.cli;

import com.goteleport.tbot.otel.config.ConfigException;
import com.goteleport.tbot.otel.config.Endpoints;
import com.goteleport.tbot.otel.config.TbotConfig;
import com.goteleport.tbot.otel.config.TbotConfigReader;
import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.event.RunMode;
import com.goteleport.tbot.otel.event.StartEvent;
import java.net.URI;
import java.util.Map;
import javax.annotation.Nullable;

/** Everything a start needs, resolved from flags, tbot's config and the environment. */
record StartInputs(Consent consent, @Nullable URI endpoint, StartEvent event) {

  static StartInputs resolve(AnalyticsOptions options, Map<String, String> env) throws ConfigException {
    TbotConfig config = options.config == null ? TbotConfig.EMPTY : TbotConfigReader.read(options.config);
    Consent consent = Consent.resolve(options.anonymousAnalytics, config.anonymousAnalytics(), env);
    URI endpoint =
        Endpoints.resolve(options.endpoint, env.get(Endpoints.ENV_ADDRESS), config.anonymousAnalyticsEndpoint());
    StartEvent event =
        StartEvent.builder()
            .setRunMode(options.oneshot || config.oneshot() ? RunMode.ONE_SHOT : RunMode.CONTINUOUS)
            .setVersion(options.tbotVersion != null ? options.tbotVersion : ProjectVersion.get())
            .setJoinType(options.joinMethod != null ? options.joinMethod : config.joinMethod())
            .setHelperFromEnvironment(env)
            .setDestinations(config.destinations().plusUntyped(options.destinationDir != null ? 1 : 0))
            .build();
    return new StartInputs(consent, endpoint, event);
  }
}
