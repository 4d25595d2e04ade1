package dev.patron.eventstore.spring;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class AxonUpdateCheckerOptOutTest {

    @AfterEach
    void forget() {
        System.clearProperty(AxonUpdateCheckerOptOut.DISABLED);
    }

    @Test
    void disablesTheCheckerUnlessConfigurationAsksForIt() {
        System.clearProperty(AxonUpdateCheckerOptOut.DISABLED);
        new AxonUpdateCheckerOptOut().postProcessEnvironment(new StandardEnvironment(), new SpringApplication());
        assertThat(System.getProperty(AxonUpdateCheckerOptOut.DISABLED)).isEqualTo("true");

        System.clearProperty(AxonUpdateCheckerOptOut.DISABLED);
        new AxonUpdateCheckerOptOut().postProcessEnvironment(
                new MockEnvironment().withProperty(AxonUpdateCheckerOptOut.DISABLED, "false"), new SpringApplication());
        assertThat(System.getProperty(AxonUpdateCheckerOptOut.DISABLED)).isNull();
    }

    @Test
    void runsInEverySpringBootApplicationOnTheClasspath() {
        System.clearProperty(AxonUpdateCheckerOptOut.DISABLED);
        SpringApplication application = new SpringApplication(NothingToConfigure.class);
        application.setWebApplicationType(WebApplicationType.NONE);

        application.run().close();

        assertThat(System.getProperty(AxonUpdateCheckerOptOut.DISABLED)).isEqualTo("true");
    }

    @Configuration(proxyBeanMethods = false)
    static class NothingToConfigure {
    }
}
