package dev.patron.console;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's one HTML page, at {@code /console} and {@code /console/} (its headers: {@link ConsoleHeadersFilter}). */
@Controller
public class ConsolePage {

    static final String PATH = "/console";

    private final Resource page = new ClassPathResource("dev/patron/console/assets/index.html");

    @GetMapping({PATH, PATH + "/"})
    public ResponseEntity<Resource> page() {
        return ResponseEntity.ok()
                .contentType(MediaType.TEXT_HTML)
                .body(page);
    }
}
