package org.specsoc.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** java.util.logging (Aparapi) and commons-logging (Commons Configuration) both end up in logback. */
class LoggingBridgeTest {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void capture() {
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void release() {
        root.detachAppender(appender);
    }

    @Test
    void javaUtilLoggingIsBridgedOnceTheCliInstallsTheBridge() {
        SpecsocCli.bridgeJavaUtilLogging();
        SpecsocCli.bridgeJavaUtilLogging();

        java.util.logging.Logger.getLogger("com.aparapi.internal.kernel.KernelRunner").warning("no OpenCL device");

        assertThat(appender.list).filteredOn(e -> e.getLoggerName().equals("com.aparapi.internal.kernel.KernelRunner"))
                .singleElement().satisfies(e -> assertThat(e.getFormattedMessage()).isEqualTo("no OpenCL device"));
    }

    @Test
    void commonsLoggingGoesToSlf4jWithoutTheCommonsLoggingJar() {
        LogFactory.getLog("org.apache.commons.configuration2.test").warn("from commons-logging");

        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage).contains("from commons-logging");
        assertThat(LogFactory.getFactory().getClass().getName()).startsWith("org.apache.commons.logging.impl.SLF4J");
    }
}
