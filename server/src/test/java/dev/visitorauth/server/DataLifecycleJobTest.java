package dev.visitorauth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.visitorauth.application.port.in.PurgeExpiredDataUseCase;
import dev.visitorauth.application.port.in.PurgeExpiredDataUseCase.PurgeCommand;
import dev.visitorauth.application.port.in.PurgeExpiredDataUseCase.PurgeReport;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The scheduler of the data-lifecycle job: a failing run never stops the schedule. */
class DataLifecycleJobTest {
    private static final PurgeCommand COMMAND = new PurgeCommand(Duration.ofDays(30), 1000);

    /** Runs nothing by itself: keeps what is scheduled so the test can run it. */
    private static final class ManualExecutor extends ScheduledThreadPoolExecutor {
        final List<Runnable> scheduled = new ArrayList<>();
        final List<Long> delaysMillis = new ArrayList<>();

        ManualExecutor() {
            super(1);
        }

        @Override
        public java.util.concurrent.ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
                                                                              TimeUnit unit) {
            scheduled.add(command);
            delaysMillis.add(unit.toMillis(delay));
            return null;
        }
    }

    @Test
    void aFailingRunIsLoggedAndTheNextRunStillHappens() {
        AtomicInteger runs = new AtomicInteger();
        PurgeExpiredDataUseCase flaky = command -> {
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("database went away");
            }
            return new PurgeReport(1, 2, 3, 4, 5, 6);
        };
        ManualExecutor executor = new ManualExecutor();
        DataLifecycleJob job = new DataLifecycleJob(flaky, COMMAND, Duration.ofMinutes(5), () -> executor, Clock.systemUTC());

        job.start();
        Runnable run = executor.scheduled.get(0);

        assertThatCode(run::run).doesNotThrowAnyException();
        run.run();
        assertThat(runs).hasValue(2);
        assertThat(executor.delaysMillis).containsExactly(Duration.ofMinutes(5).toMillis());
        job.stop();
    }

    @Test
    void aStoppedJobStartsAgainOnAFreshExecutor() {
        List<ManualExecutor> made = new ArrayList<>();
        DataLifecycleJob job = new DataLifecycleJob(command -> new PurgeReport(0, 0, 0, 0, 0, 0), COMMAND, Duration.ofMinutes(5),
                () -> {
                    ManualExecutor e = new ManualExecutor();
                    made.add(e);
                    return e;
                }, Clock.systemUTC());

        job.start();
        job.stop();
        job.start();

        assertThat(made).hasSize(2);
        assertThat(made.get(0).isShutdown()).isTrue();
        assertThat(made.get(1).scheduled).hasSize(1);
        assertThat(job.isRunning()).isTrue();
        job.stop();
    }
}
