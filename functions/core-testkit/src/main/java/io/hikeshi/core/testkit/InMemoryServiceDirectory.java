package io.hikeshi.core.testkit;

import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.warroom.ServiceDirectory;
import java.util.List;

/**
 * What a team configures about its services, held in memory: the services named, each owned by {@link #OWNER} and
 * the on-call group {@link #ON_CALL}, with a runbook at {@code https://runbooks.example.jp/<service>} and a two-step
 * guide for every severity.
 */
public record InMemoryServiceDirectory(List<String> services) implements ServiceDirectory {

    public static final String OWNER = "U0ALICE";
    public static final String ON_CALL = "S0ONCALL";

    public InMemoryServiceDirectory {
        services = List.copyOf(services);
    }

    public static InMemoryServiceDirectory of(String... services) {
        return new InMemoryServiceDirectory(List.of(services));
    }

    @Override
    public ServiceProfile profile(String service) {
        return new ServiceProfile(service, List.of(OWNER), List.of(ON_CALL), "https://runbooks.example.jp/" + service, null);
    }

    @Override
    public ResponseGuide guide(String service, Severity severity) {
        return new ResponseGuide(service + " — " + severity + " response", List.of("Acknowledge", "Check the dashboard"),
                "infrastructure/guides/" + service + ".md");
    }
}
