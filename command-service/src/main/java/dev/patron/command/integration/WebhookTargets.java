package dev.patron.command.integration;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where deliveries may go. A webhook makes Patron send requests wherever a back-office user says, from inside the
 * network Patron runs in; so targets resolving to loopback, private (RFC 1918, carrier-grade NAT), link-local (cloud
 * metadata at 169.254.169.254), unique-local, multicast or unspecified addresses are refused, at creation and again
 * before every attempt, since the name's DNS answer can change in between. Every address the name resolves to must
 * be public. {@code patron.webhooks.allow-private-targets} turns the check off (tests, a receiver on the same host).
 * <p>
 * Left open: the JDK client resolves the name once more when it connects, so a name whose answer changes within
 * that moment (DNS rebinding with a zero TTL) can still reach an internal address; an egress proxy or firewall
 * closes that for good.
 */
final class WebhookTargets {

    private final boolean allowPrivate;

    WebhookTargets(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Why {@code url} may not be sent to, or empty when it may. */
    Optional<String> refusal(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("url must be an http or https URL");
        }
        if (url.getHost() == null || url.getRawUserInfo() != null) {
            return Optional.of("url must name a host and no user");
        }
        if (allowPrivate) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(url.getHost());
        } catch (UnknownHostException unknown) {
            return Optional.of("url's host does not resolve");
        }
        for (InetAddress address : addresses) {
            if (isInternal(address)) {
                return Optional.of("url resolves to " + address.getHostAddress()
                        + ", an internal address; webhooks go to public addresses only");
            }
        }
        return Optional.empty();
    }

    static boolean isInternal(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            // fc00::/7 unique-local; an IPv4-mapped or -compatible form is judged as the IPv4 address it carries.
            if ((bytes[0] & 0xfe) == 0xfc) {
                return true;
            }
            boolean embedsIpv4 = true;
            for (int i = 0; i < 10; i++) {
                embedsIpv4 &= bytes[i] == 0;
            }
            if (embedsIpv4 && ((bytes[10] == 0 && bytes[11] == 0) || (bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff))) {
                byte[] ipv4 = {bytes[12], bytes[13], bytes[14], bytes[15]};
                try {
                    return isInternal(InetAddress.getByAddress(ipv4));
                } catch (UnknownHostException impossibleForFourBytes) {
                    return true;
                }
            }
            return false;
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        // 0.0.0.0/8 "this network", 100.64.0.0/10 carrier-grade NAT, 192.0.0.0/24 protocol assignments,
        // 198.18.0.0/15 benchmarking, 240.0.0.0/4 reserved and broadcast: none is a public receiver.
        return first == 0 || (first == 100 && second >= 64 && second < 128) || (first == 192 && second == 0
                && (bytes[2] & 0xff) == 0) || (first == 198 && (second == 18 || second == 19)) || first >= 240;
    }
}
