package dev.visitorauth.adapter.rest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Non-blocking reads (a {@link ReadListener}) go to the container's stream and are still counted. */
class RequestBodyLimitFilterTest {

    /** A container stream that records the listener it is given. */
    private static final class ContainerStream extends ServletInputStream {
        private final ByteArrayInputStream bytes;
        final AtomicReference<ReadListener> listener = new AtomicReference<>();

        ContainerStream(byte[] body) {
            bytes = new ByteArrayInputStream(body);
        }

        @Override
        public int read() {
            return bytes.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            return bytes.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
            return bytes.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener readListener) {
            listener.set(readListener);
        }
    }

    @Test
    void aReadListenerIsHandedToTheContainerAndItsReadsAreStillCounted() throws Exception {
        ContainerStream container = new ContainerStream(new byte[100]);
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/session") {
            @Override
            public ServletInputStream getInputStream() {
                return container;
            }
        };
        RequestBodyLimitFilter filter = new RequestBodyLimitFilter(new HttpLimits(10, Duration.ofSeconds(10)), Clock.systemUTC());
        AtomicReference<ServletInputStream> seen = new AtomicReference<>();
        ReadListener listener = new ReadListener() {
            @Override
            public void onDataAvailable() {
            }

            @Override
            public void onAllDataRead() {
            }

            @Override
            public void onError(Throwable t) {
            }
        };

        filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
            ServletInputStream stream = req.getInputStream();
            stream.setReadListener(listener);
            seen.set(stream);
        });

        assertThat(container.listener.get()).isSameAs(listener);
        assertThatThrownBy(() -> seen.get().read(new byte[100], 0, 100)).isInstanceOf(IOException.class);
    }
}
