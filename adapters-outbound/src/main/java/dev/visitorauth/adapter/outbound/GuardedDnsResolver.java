package dev.visitorauth.adapter.outbound;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The HTTP client's resolver: every connection it opens goes to addresses the guard resolved and
 * checked in the same call, so a host cannot answer the check with a public address and the
 * connection with a private one (DNS rebinding).
 */
final class GuardedDnsResolver implements DnsResolver {
    private final OutboundAddressGuard guard;

    GuardedDnsResolver(OutboundAddressGuard guard) {
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return guard.resolve(host);
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        List<InetSocketAddress> out = new ArrayList<>();
        for (InetAddress address : guard.resolve(host)) {
            out.add(new InetSocketAddress(address, port));
        }
        return out;
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        return host; // used only for SPNEGO/Kerberos, which outbound requests never do
    }
}
