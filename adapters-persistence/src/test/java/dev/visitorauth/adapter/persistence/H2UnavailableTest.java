package dev.visitorauth.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visitorauth.contract.TestData;
import dev.visitorauth.domain.error.Result;
import java.net.ServerSocket;
import java.time.Duration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** An H2 server that does not answer: every call is {@link PersistenceUnavailableException}, quickly. */
class H2UnavailableTest {

    private static JdbcTransactions unreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // free now, and nothing listens on it afterwards
        }
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:tcp://127.0.0.1:" + port + "/./nothing;MODE=PostgreSQL");
        return new JdbcTransactions(ds);
    }

    @Test
    void aTransactionFailsAsUnavailable() throws Exception {
        JdbcTransactions tx = unreachable();
        long start = System.nanoTime();

        assertThatThrownBy(() -> tx.inTransaction(() -> Result.ok(1)))
                .isInstanceOf(PersistenceUnavailableException.class)
                .hasMessage("storage unavailable");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aRepositoryCallOutsideATransactionFailsAsUnavailable() throws Exception {
        JdbcWorkspaceRepository workspaces = new JdbcWorkspaceRepository(unreachable());

        assertThatThrownBy(() -> workspaces.findWorkspace(TestData.workspaceId()))
                .isInstanceOf(PersistenceUnavailableException.class);
    }
}
