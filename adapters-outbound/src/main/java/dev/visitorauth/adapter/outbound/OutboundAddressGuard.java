package dev.visitorauth.adapter.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the service may send requests of its own (JWKS URLs now, webhooks later; spec sections 12
 * and 14): {@code https} to hosts whose every resolved address is public. Loopback, private
 * (10/8, 172.16/12, 192.168/16), shared (CGNAT 100.64/10), unique-local (fc00::/7) and site-local
 * addresses are refused unless {@code VISITORAUTH_OUTBOUND_ALLOW_PRIVATE} is on, which also allows
 * plain {@code http} (development and tests). Link-local addresses (169.254/16, fe80::/10, where
 * cloud metadata lives), multicast, unspecified, broadcast and reserved addresses are refused
 * always. IPv4 addresses inside IPv6 ones (mapped, compatible, NAT64, 6to4) are judged as the IPv4
 * address they carry.
 *
 * <p>The check runs on the resolved addresses, so a public name that resolves to a private address
 * is refused; {@link GuardedDnsResolver} makes the HTTP client connect to exactly the addresses
 * checked here, so a second DNS answer cannot slip in between check and connect. Thread-safe.
 */
public final class OutboundAddressGuard {

    /** How an address is treated. */
    public enum AddressClass {
        /** Globally reachable: always allowed. */
        PUBLIC,
        /** Loopback and private ranges: allowed only with the private-outbound switch on. */
        PRIVATE,
        /** Link-local, multicast, unspecified, broadcast, reserved: never allowed. */
        FORBIDDEN
    }

    /** Resolves a host name to its addresses (the JDK's resolver in production). */
    @FunctionalInterface
    public interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowPrivate;
    private final HostResolver resolver;

    /** A guard on the JDK's resolver. */
    public OutboundAddressGuard(boolean allowPrivate) {
        this(allowPrivate, InetAddress::getAllByName);
    }

    public OutboundAddressGuard(boolean allowPrivate, HostResolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** True when {@code VISITORAUTH_OUTBOUND_ALLOW_PRIVATE} is on. */
    public boolean allowsPrivate() {
        return allowPrivate;
    }

    /**
     * Checks a URL before any connection: {@code https} (or {@code http} with the switch on), a
     * host, no user info. Its addresses are checked when it is resolved ({@link #resolve}).
     */
    public void checkUrl(URI url) throws OutboundRefusedException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowPrivate && scheme.equals("http"))) {
            throw new OutboundRefusedException("outbound requests use https only"
                    + (scheme.equals("http") ? " (plain http needs VISITORAUTH_OUTBOUND_ALLOW_PRIVATE=true)" : ""));
        }
        if (url.getHost() == null || url.getHost().isEmpty() || url.getRawUserInfo() != null) {
            throw new OutboundRefusedException("an outbound URL needs a host and no user info");
        }
    }

    /**
     * The addresses of {@code host}, each of them allowed.
     *
     * @throws OutboundRefusedException when any address is not (the whole host is refused, so no
     *                                  retry or round robin can reach the refused one)
     * @throws UnknownHostException     when the host does not resolve
     */
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = resolver.resolve(host);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(host + " has no address");
        }
        for (InetAddress address : addresses) {
            AddressClass kind = classify(address);
            if (kind == AddressClass.FORBIDDEN || (kind == AddressClass.PRIVATE && !allowPrivate)) {
                throw new OutboundRefusedException(host + " resolves to " + address.getHostAddress() + ", "
                        + (kind == AddressClass.FORBIDDEN ? "a link-local, multicast or reserved address, which is never allowed"
                        : "a loopback or private address (allowed only with VISITORAUTH_OUTBOUND_ALLOW_PRIVATE=true)"));
            }
        }
        return addresses.clone();
    }

    /** How {@code address} is treated. */
    public static AddressClass classify(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return classifyV4(b, 0);
        }
        if (!(address instanceof Inet6Address) || b.length != 16) {
            return AddressClass.FORBIDDEN;
        }
        return classifyV6(b);
    }

    private static AddressClass classifyV6(byte[] b) {
        boolean firstTenZero = true;
        for (int i = 0; i < 10; i++) {
            firstTenZero &= b[i] == 0;
        }
        if (firstTenZero && b[10] == 0 && b[11] == 0) {
            // ::/96: unspecified, loopback, or an IPv4-compatible address (deprecated, still routed by some stacks)
            boolean restZero = b[12] == 0 && b[13] == 0 && b[14] == 0;
            if (restZero && b[15] == 0) {
                return AddressClass.FORBIDDEN;
            }
            if (restZero && b[15] == 1) {
                return AddressClass.PRIVATE;
            }
            return classifyV4(b, 12);
        }
        if (firstTenZero && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
            return classifyV4(b, 12); // ::ffff:a.b.c.d, IPv4-mapped
        }
        int first = b[0] & 0xFF;
        int second = b[1] & 0xFF;
        if (first == 0x00 && second == 0x64 && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x9B && allZero(b, 4, 12)) {
            return classifyV4(b, 12); // 64:ff9b::/96, NAT64 well-known prefix
        }
        if (first == 0x20 && second == 0x02) {
            return classifyV4(b, 2); // 2002::/16, 6to4
        }
        if (first == 0xFF) {
            return AddressClass.FORBIDDEN; // multicast
        }
        if (first == 0xFE && (second & 0xC0) == 0x80) {
            return AddressClass.FORBIDDEN; // fe80::/10, link-local
        }
        if (first == 0xFE && (second & 0xC0) == 0xC0) {
            return AddressClass.PRIVATE; // fec0::/10, the old site-local
        }
        if ((first & 0xFE) == 0xFC) {
            return AddressClass.PRIVATE; // fc00::/7, unique local
        }
        if (first == 0x20 && second == 0x01 && (b[2] & 0xFF) == 0x0D && (b[3] & 0xFF) == 0xB8) {
            return AddressClass.FORBIDDEN; // 2001:db8::/32, documentation
        }
        return (first & 0xE0) == 0x20 ? AddressClass.PUBLIC : AddressClass.FORBIDDEN; // only 2000::/3 is global unicast
    }

    private static AddressClass classifyV4(byte[] b, int at) {
        int a = b[at] & 0xFF;
        int c = b[at + 1] & 0xFF;
        int d = b[at + 2] & 0xFF;
        if (a == 0 || a >= 224) {
            return AddressClass.FORBIDDEN; // 0/8 "this network", 224/4 multicast, 240/4 reserved, broadcast
        }
        if (a == 169 && c == 254) {
            return AddressClass.FORBIDDEN; // link-local, cloud metadata
        }
        if (a == 127 || a == 10 || (a == 172 && (c & 0xF0) == 16) || (a == 192 && c == 168)
                || (a == 100 && (c & 0xC0) == 64)) {
            return AddressClass.PRIVATE; // loopback, RFC 1918, shared address space (CGNAT)
        }
        if ((a == 192 && c == 0 && (d == 0 || d == 2)) || (a == 198 && (c & 0xFE) == 18)
                || (a == 198 && c == 51 && d == 100) || (a == 203 && c == 0 && d == 113)) {
            return AddressClass.FORBIDDEN; // IETF assignments, benchmarking, documentation
        }
        return AddressClass.PUBLIC;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
