package dev.patron.command.customer.login;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Where a password sign-in comes from, for counting its failures per source: the client's address as this service
 * sees it ({@code HttpServletRequest.getRemoteAddr()}: the peer's address, or the client's that a trusted proxy, the
 * gateway, forwarded). An IPv6 address counts as its /64 network, which one subscriber is usually given whole: one
 * attacker would otherwise be as many sources as addresses they care to use.
 *
 * @param value the address, or its network, as text
 */
public record SignInSource(String value) {

    /** Only hex digits, dots and colons, and at least one colon: never a host name, so never looked up. */
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f.:]*:[0-9A-Fa-f.:]*");
    private static final int IPV6_NETWORK_BYTES = 8;

    /** @param remoteAddress an IP address literal, as servlet containers give it; anything else counts as it is */
    public static SignInSource of(String remoteAddress) {
        String withoutZone = remoteAddress.replaceFirst("%.*$", "");
        if (!IPV6_LITERAL.matcher(withoutZone).matches()) {
            return new SignInSource(remoteAddress);
        }
        try {
            byte[] address = InetAddress.getByName(withoutZone).getAddress();
            if (address.length == 4) {
                return new SignInSource(InetAddress.getByAddress(address).getHostAddress());
            }
            Arrays.fill(address, IPV6_NETWORK_BYTES, address.length, (byte) 0);
            return new SignInSource(InetAddress.getByAddress(address).getHostAddress() + "/64");
        } catch (UnknownHostException notAnAddress) {
            return new SignInSource(remoteAddress);
        }
    }
}
