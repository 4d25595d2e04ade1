package dev.patron.kit.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The peers whose forwarded headers a service believes ({@code patron.web.trusted-proxies}): address blocks in CIDR
 * notation ({@code 10.0.0.0/8}, {@code fd00::/8}) or single addresses. Anyone else can write any header, so their
 * forwarded headers are ignored.
 */
final class TrustedProxies {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final List<Block> blocks;

    private TrustedProxies(List<Block> blocks) {
        this.blocks = blocks;
    }

    /** @throws IllegalArgumentException naming the first entry that is not an address or an address block */
    static TrustedProxies of(List<String> entries) {
        return new TrustedProxies(entries.stream().map(String::trim).filter(entry -> !entry.isEmpty())
                .map(Block::parse).toList());
    }

    /** @param peer the address of the connection's other end, as the servlet container reports it */
    boolean includes(String peer) {
        return address(peer).filter(address -> blocks.stream().anyMatch(block -> block.contains(address)))
                .isPresent();
    }

    /**
     * An IPv4 or IPv6 address written as digits (IPv6 optionally in brackets), never a name: nothing here may cause a
     * DNS lookup, which would let a header make the service wait on, or be lied to by, a name server.
     */
    static Optional<InetAddress> address(String literal) {
        String text = literal.startsWith("[") && literal.endsWith("]")
                ? literal.substring(1, literal.length() - 1) : literal;
        if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException notAnAddress) {
            return Optional.empty();
        }
    }

    private record Block(byte[] network, int prefixLength) {

        static Block parse(String entry) {
            int slash = entry.indexOf('/');
            InetAddress network = address(slash < 0 ? entry : entry.substring(0, slash))
                    .orElseThrow(() -> notABlock(entry));
            int bits = network.getAddress().length * 8;
            int prefixLength = bits;
            if (slash >= 0) {
                String length = entry.substring(slash + 1);
                if (!length.matches("\\d{1,3}") || Integer.parseInt(length) > bits) {
                    throw notABlock(entry);
                }
                prefixLength = Integer.parseInt(length);
            }
            return new Block(network.getAddress(), prefixLength);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefixLength; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        private static IllegalArgumentException notABlock(String entry) {
            return new IllegalArgumentException("patron.web.trusted-proxies: '" + entry
                    + "' is neither an IP address nor an address block such as 10.0.0.0/8 or fd00::/8");
        }
    }
}
