package dev.patron.gateway;

import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

/** The gateway's HTTP server (Reactor Netty), made to answer its own refusals in the contract's format. */
@Configuration(proxyBeanMethods = false)
class HttpServerConfiguration {

    /**
     * Every HTTP/1.1 connection gets the {@link EmptyErrorBodyFiller} between the codec and Reactor Netty's request
     * handling, which is where Reactor Netty writes its own refusals.
     */
    @Bean
    NettyServerCustomizer emptyErrorBodiesFilled(ContractErrorBody errorBody) {
        EmptyErrorBodyFiller filler = new EmptyErrorBodyFiller(errorBody);
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
            if (channel.pipeline().get(NettyPipeline.HttpTrafficHandler) != null) {
                channel.pipeline().addBefore(NettyPipeline.HttpTrafficHandler, EmptyErrorBodyFiller.NAME, filler);
            }
        });
    }
}
