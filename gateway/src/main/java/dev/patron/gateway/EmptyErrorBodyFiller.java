package dev.patron.gateway;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

/**
 * Gives the contract's error body to the error answers the HTTP server beneath the gateway writes without one. Reactor
 * Netty answers a request it cannot decode (a request line over the limit: 414; headers over it: 431; broken framing:
 * 400) and Spring's adapter a request target it cannot turn into a URI (raw {@code {}|\}, bad percent-escapes: 400)
 * with a status and an empty body, before any handler of the gateway runs; neither offers a hook, so the answer is
 * completed where every answer passes, on the connection, right before it is encoded. (An answer to HEAD gets the
 * headers of that body; Netty's encoder leaves the body out.)
 */
@ChannelHandler.Sharable
final class EmptyErrorBodyFiller extends ChannelOutboundHandlerAdapter {

    static final String NAME = "patronEmptyErrorBodyFiller";

    private final ContractErrorBody errorBody;

    EmptyErrorBodyFiller(ContractErrorBody errorBody) {
        this.errorBody = errorBody;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
        if (message instanceof FullHttpResponse response && response.status().code() >= 400
                && !response.content().isReadable()) {
            ctx.write(withContractBody(response), promise);
            return;
        }
        ctx.write(message, promise);
    }

    private FullHttpResponse withContractBody(FullHttpResponse empty) {
        byte[] body = errorBody.of(HttpStatusCode.valueOf(empty.status().code()));
        FullHttpResponse filled = empty.replace(Unpooled.wrappedBuffer(body));
        empty.release();
        filled.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return filled;
    }
}
