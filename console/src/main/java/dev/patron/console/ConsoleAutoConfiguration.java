package dev.patron.console;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the back-office console: {@code /console} is its one page (every screen is a hash route of it, so deep links
 * need nothing from the server), {@code /console/**} its scripts and styles, from this module's classpath folder only
 * (not Spring's default static locations, so nothing else becomes reachable). Every answer under {@code /console}
 * carries {@link ConsoleHeadersFilter}'s headers. Methods other than GET and HEAD are refused by Spring MVC, which
 * answers 405 in the contract's error format like any other path. No controller: the console is not an API operation,
 * and every controller route is one the API description must describe.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ConsoleAutoConfiguration implements WebMvcConfigurer {

    static final String PATH = "/console";
    static final String ASSETS = "classpath:/dev/patron/console/assets/";

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(PATH + "/**").addResourceLocations(ASSETS);
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController(PATH).setViewName("forward:" + PATH + "/index.html");
        registry.addViewController(PATH + "/").setViewName("forward:" + PATH + "/index.html");
    }

    @Bean
    public FilterRegistrationBean<ConsoleHeadersFilter> consoleHeadersFilter() {
        var registration = new FilterRegistrationBean<>(new ConsoleHeadersFilter());
        registration.addUrlPatterns(PATH, PATH + "/*");
        return registration;
    }
}
