package dev.visitorauth.adapter.memory;

import dev.visitorauth.application.Storage;
import dev.visitorauth.contract.WorkspaceAndWidgetContractTest;
import java.time.Clock;

class MemoryWorkspaceAndWidgetTest extends WorkspaceAndWidgetContractTest {
    @Override
    protected Storage openStore(Clock clock) {
        return InMemoryStorage.create(clock);
    }
}
