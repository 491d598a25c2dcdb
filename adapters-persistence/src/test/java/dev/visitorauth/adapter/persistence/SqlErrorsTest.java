package dev.visitorauth.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class SqlErrorsTest {

    @Test
    void connectionTimeoutAndConcurrencyStatesAreUnavailable() {
        for (String state : new String[] {"08001", "08006", "57P01", "53300", "57014", "55P03", "40001", "40P01", "90067"}) {
            assertThat(SqlErrors.translate(new SQLException("x", state)))
                    .as(state).isInstanceOf(PersistenceUnavailableException.class);
        }
    }

    @Test
    void poolExhaustionIsUnavailable() {
        assertThat(SqlErrors.translate(new SQLTransientConnectionException("Connection is not available, request timed out")))
                .isInstanceOf(PersistenceUnavailableException.class);
    }

    @Test
    void anUnavailableCauseDeepInTheChainIsFound() {
        SQLException wrapped = new SQLException("wrapper", "XX000", new ConnectException("refused"));

        assertThat(SqlErrors.translate(wrapped)).isInstanceOf(PersistenceUnavailableException.class);
    }

    @Test
    void constraintAndSyntaxErrorsAreOtherPersistenceErrors() {
        for (String state : new String[] {"23505", "23503", "42601", "22001"}) {
            assertThat(SqlErrors.translate(new SQLException("x", state)))
                    .as(state).isExactlyInstanceOf(PersistenceException.class);
        }
    }

    @Test
    void messagesHoldNoSqlOrData() {
        SQLException e = new SQLException("duplicate key value violates unique constraint: INSERT INTO users ... 'ada@example.com'",
                "23505");

        assertThat(SqlErrors.translate(e).getMessage()).isEqualTo("storage error");
        assertThat(SqlErrors.translate(new SQLException("Connection to host refused", "08001")).getMessage())
                .isEqualTo("storage unavailable");
    }
}
