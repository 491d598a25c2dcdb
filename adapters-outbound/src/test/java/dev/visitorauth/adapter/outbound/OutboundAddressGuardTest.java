package dev.visitorauth.adapter.outbound;

import static dev.visitorauth.adapter.outbound.OutboundAddressGuard.AddressClass.FORBIDDEN;
import static dev.visitorauth.adapter.outbound.OutboundAddressGuard.AddressClass.PRIVATE;
import static dev.visitorauth.adapter.outbound.OutboundAddressGuard.AddressClass.PUBLIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OutboundAddressGuardTest {

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal); // a literal: no DNS look-up
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** An IPv6 address kept in its IPv6 form (the JDK turns ::ffff:a.b.c.d into an IPv4 address). */
    private static InetAddress v6(String literal) {
        try {
            byte[] bytes = new byte[16];
            byte[] parsed = InetAddress.getByName(literal).getAddress();
            if (parsed.length == 4) {
                bytes[10] = (byte) 0xFF;
                bytes[11] = (byte) 0xFF;
                System.arraycopy(parsed, 0, bytes, 12, 4);
            } else {
                bytes = parsed;
            }
            return Inet6Address.getByAddress(null, bytes, -1);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static OutboundAddressGuard guard(boolean allowPrivate, Map<String, String[]> dns) {
        return new OutboundAddressGuard(allowPrivate, host -> {
            String[] answers = dns.get(host);
            if (answers == null) {
                throw new UnknownHostException(host);
            }
            InetAddress[] out = new InetAddress[answers.length];
            for (int i = 0; i < answers.length; i++) {
                out[i] = ip(answers[i]);
            }
            return out;
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "192.169.0.1",
            "2606:4700:4700::1111", "2a00:1450:4001:80b::200e"})
    void publicAddressesAreAllowed(String address) {
        assertThat(OutboundAddressGuard.classify(ip(address))).isEqualTo(PUBLIC);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.255.255.254", "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.255",
            "192.168.0.1", "192.168.255.255", "100.64.0.1", "100.127.255.255", "::1", "fc00::1", "fd12:3456::1",
            "fec0::1"})
    void loopbackAndPrivateAddressesAreOpenedOnlyByTheSwitch(String address) {
        assertThat(OutboundAddressGuard.classify(ip(address))).isEqualTo(PRIVATE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"169.254.169.254", "169.254.0.1", "fe80::1", "febf::1", "0.0.0.0", "0.1.2.3", "::",
            "224.0.0.1", "239.255.255.250", "ff02::1", "255.255.255.255", "240.0.0.1", "192.0.2.1", "198.18.0.1",
            "198.51.100.7", "203.0.113.9", "2001:db8::1", "100::1"})
    void linkLocalMulticastUnspecifiedAndReservedAddressesAreNeverAllowed(String address) {
        assertThat(OutboundAddressGuard.classify(ip(address))).isEqualTo(FORBIDDEN);
    }

    @Test
    void ipv4InsideIpv6IsJudgedAsTheIpv4AddressItCarries() {
        assertThat(OutboundAddressGuard.classify(v6("127.0.0.1"))).isEqualTo(PRIVATE); // ::ffff:127.0.0.1
        assertThat(OutboundAddressGuard.classify(v6("169.254.169.254"))).isEqualTo(FORBIDDEN);
        assertThat(OutboundAddressGuard.classify(v6("8.8.8.8"))).isEqualTo(PUBLIC);
        assertThat(OutboundAddressGuard.classify(ip("::10.0.0.1"))).isEqualTo(PRIVATE); // IPv4-compatible
        assertThat(OutboundAddressGuard.classify(ip("::169.254.169.254"))).isEqualTo(FORBIDDEN);
        assertThat(OutboundAddressGuard.classify(ip("64:ff9b::a9fe:a9fe"))).isEqualTo(FORBIDDEN); // NAT64 of 169.254.169.254
        assertThat(OutboundAddressGuard.classify(ip("64:ff9b::808:808"))).isEqualTo(PUBLIC);
        assertThat(OutboundAddressGuard.classify(ip("2002:7f00:1::1"))).isEqualTo(PRIVATE); // 6to4 of 127.0.0.1
        assertThat(OutboundAddressGuard.classify(ip("2002:0808:0808::1"))).isEqualTo(PUBLIC);
    }

    @Test
    void aHostIsRefusedWhenAnyOfItsAddressesIsPrivate() {
        OutboundAddressGuard guard = guard(false, Map.of("mixed.example", new String[] {"93.184.216.34", "10.0.0.7"}));

        assertThatThrownBy(() -> guard.resolve("mixed.example")).isInstanceOf(OutboundRefusedException.class)
                .hasMessageContaining("10.0.0.7").hasMessageContaining("VISITORAUTH_OUTBOUND_ALLOW_PRIVATE");
    }

    @Test
    void aPublicNameThatResolvesToLoopbackIsRefusedAfterResolution() {
        OutboundAddressGuard guard = guard(false, Map.of("jwks.example", new String[] {"127.0.0.1"}));

        assertThatThrownBy(() -> guard.resolve("jwks.example")).isInstanceOf(OutboundRefusedException.class);
    }

    @Test
    void theSwitchOpensPrivateAddressesButNeverLinkLocal() {
        OutboundAddressGuard guard = guard(true, Map.of("dev.local", new String[] {"127.0.0.1", "10.1.2.3"},
                "metadata.local", new String[] {"169.254.169.254"}));

        assertThatCode(() -> guard.resolve("dev.local")).doesNotThrowAnyException();
        assertThatThrownBy(() -> guard.resolve("metadata.local")).isInstanceOf(OutboundRefusedException.class)
                .hasMessageContaining("never allowed");
    }

    @Test
    void publicHostsResolveToTheAddressesChecked() throws Exception {
        OutboundAddressGuard guard = guard(false, Map.of("jwks.example", new String[] {"93.184.216.34"}));

        assertThat(guard.resolve("jwks.example")).containsExactly(ip("93.184.216.34"));
    }

    @Test
    void onlyHttpsUnlessTheSwitchIsOn() {
        OutboundAddressGuard strict = new OutboundAddressGuard(false);
        OutboundAddressGuard open = new OutboundAddressGuard(true);

        assertThatThrownBy(() -> strict.checkUrl(URI.create("http://jwks.example/keys")))
                .isInstanceOf(OutboundRefusedException.class).hasMessageContaining("https");
        assertThatCode(() -> strict.checkUrl(URI.create("https://jwks.example/keys"))).doesNotThrowAnyException();
        assertThatCode(() -> open.checkUrl(URI.create("http://127.0.0.1:8080/keys"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> open.checkUrl(URI.create("ftp://jwks.example/keys"))).isInstanceOf(OutboundRefusedException.class);
        assertThatThrownBy(() -> open.checkUrl(URI.create("https://user:pw@jwks.example/keys")))
                .isInstanceOf(OutboundRefusedException.class);
    }
}
