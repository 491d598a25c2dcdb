package dev.visitorauth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The database check's wait: transient failures are retried within the bound, wrong settings fail at once. */
class PreflightTest {
    private static final String URL = "jdbc:postgresql://db1,db2/visitorauth?targetServerType=primary&password=secret";
    private static final Duration WAIT = Duration.ofSeconds(5);

    private long now;
    private final List<Duration> pauses = new ArrayList<>();
    private int attempts;

    private void await(SQLException... failures) {
        Preflight.awaitDatabase(URL, () -> {
            if (attempts++ < failures.length) {
                throw failures[attempts - 1];
            }
        }, WAIT, () -> now, pause -> {
            pauses.add(pause);
            now += pause.toNanos();
        });
    }

    private static SQLException noPrimary() {
        return new SQLException("Could not find a server with specified targetServerType: primary", "08001");
    }

    @Test
    void waitsOutAFailoverAndGoesOnOnceThePrimaryAnswers() {
        await(noPrimary(), new SQLException("Connection attempt timed out.", "08001"));

        assertThat(attempts).isEqualTo(3);
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void givesUpWhenTheWaitIsOverWithTheLastReasonAndNoCredentials() {
        SQLException[] forever = new SQLException[100];
        java.util.Arrays.fill(forever, noPrimary());

        assertThatThrownBy(() -> await(forever)).isInstanceOf(Preflight.Failed.class)
                .hasMessage("cannot reach the database at jdbc:postgresql://db1,db2/visitorauth (Could not find a server with"
                        + " specified targetServerType: primary). Check SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME,"
                        + " SPRING_DATASOURCE_PASSWORD and that the database is running.");
        assertThat(attempts).isEqualTo(6); // at 0, 1, ... 5 s
    }

    @Test
    void failsAtOnceWhenRefusedOrWhenTheLoginOrDatabaseIsWrong() {
        SQLException refused = new SQLException("Connection to db1:5432 refused.", "08001", new ConnectException("refused"));
        SQLException badPassword = new SQLException("password authentication failed for user \"visitorauth\"", "28P01");
        SQLException noDatabase = new SQLException("database \"visitorauth\" does not exist", "3D000");

        for (SQLException wrong : List.of(refused, badPassword, noDatabase)) {
            attempts = 0;
            assertThatThrownBy(() -> await(wrong)).isInstanceOf(Preflight.Failed.class).hasMessageContaining(wrong.getMessage());
            assertThat(attempts).as(wrong.getMessage()).isEqualTo(1);
        }
        assertThat(pauses).isEmpty();
    }
}
