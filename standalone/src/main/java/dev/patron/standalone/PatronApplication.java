package dev.patron.standalone;

import dev.patron.command.CommandServiceApplication;
import dev.patron.query.QueryServiceApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.FullyQualifiedAnnotationBeanNameGenerator;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Both sides of Patron in one Spring application: the command service's and the query service's components, each
 * from its own module, under one Axon configuration. Events appended here wake the projection at once, and a write
 * waits for its projection in memory rather than over HTTP. Beans are named by their full class name, since both
 * sides have, say, a {@code CustomerController}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableScheduling
@ComponentScan(basePackages = {"dev.patron.command", "dev.patron.query"},
        nameGenerator = FullyQualifiedAnnotationBeanNameGenerator.class,
        excludeFilters = {
                @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE,
                        classes = {CommandServiceApplication.class, QueryServiceApplication.class}),
                // As @SpringBootApplication does: the modules' auto-configurations are applied as such, after
                // every component is known, not scanned like components.
                @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class)})
public class PatronApplication {
}
