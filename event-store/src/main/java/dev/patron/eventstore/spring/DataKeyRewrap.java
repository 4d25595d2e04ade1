package dev.patron.eventstore.spring;

import dev.patron.eventstore.privacy.DataKeyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Once the service is up, wraps every data key under the active master key ({@link DataKeyStore#rewrap()}): the keys
 * an earlier Patron stored in clear, and after a rotation those wrapped under the previous master key. On a thread of
 * its own, since until it is done every key still reads as it is stored; it costs one lookup when there is nothing
 * to do.
 */
public class DataKeyRewrap implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(DataKeyRewrap.class);

    private final DataKeyStore keys;

    DataKeyRewrap(DataKeyStore keys) {
        this.keys = keys;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        Thread worker = new Thread(this::rewrap, "data-key-rewrap");
        worker.setDaemon(true);
        worker.start();
    }

    private void rewrap() {
        try {
            DataKeyStore.Rewrapped done = keys.rewrap();
            if (done.wereInClear() + done.wereUnderOldKeys() > 0) {
                log.info("Wrapped {} data keys stored in clear and re-wrapped {} wrapped under an earlier master key "
                        + "under the active master key", done.wereInClear(), done.wereUnderOldKeys());
            }
        } catch (RuntimeException e) {
            log.error("Could not wrap every data key under the active master key; the next start tries again", e);
        }
    }
}
