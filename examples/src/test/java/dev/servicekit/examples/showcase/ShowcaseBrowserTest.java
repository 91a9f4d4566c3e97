package dev.servicekit.examples.showcase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the showcase report in a real headless Chromium, driven over the DevTools protocol (a
 * WebSocket from {@code java.net.http} and Jackson, no WebDriver): with the network switched off it
 * loads without console errors or requests, every chart has drawn shapes, and every figure on the
 * page equals the console summary's. The test finds Chromium and is skipped, saying why, where none
 * is installed; it installs Debian's package itself only when asked ({@code
 * -Dservicekit.installBrowser=true}, as root with apt-get): a test suite does not change the
 * machine unasked ({@code .ci/run} installs the package before the build).
 */
class ShowcaseBrowserTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> CHARTS =
      List.of(
          "sla-over-time",
          "ticket-timeline",
          "response-percentiles",
          "survey-trend",
          "qa-distribution",
          "staffing",
          "error-heatmap");

  /** Where a browser may be: $CHROME_BIN, then the usual Debian/Ubuntu and Chrome paths. */
  static Optional<Path> findBrowser() {
    List<String> candidates = new ArrayList<>();
    Optional.ofNullable(System.getenv("CHROME_BIN")).ifPresent(candidates::add);
    candidates.addAll(
        List.of(
            "/usr/bin/chromium",
            "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome",
            "/usr/bin/google-chrome-stable"));
    return candidates.stream()
        .map(Path::of)
        .filter(p -> Files.isExecutable(p) && !Files.isDirectory(p))
        .findFirst();
  }

  /**
   * Finds the browser, or installs Debian's chromium package when asked and allowed; else skips.
   */
  static Path browser() throws Exception {
    Optional<Path> found = findBrowser();
    if (found.isPresent()) {
      return found.get();
    }
    Path aptGet = Path.of("/usr/bin/apt-get");
    boolean root = "root".equals(System.getProperty("user.name"));
    String why = "no Chromium found ($CHROME_BIN, /usr/bin/chromium, google-chrome)";
    if (!Boolean.getBoolean("servicekit.installBrowser")) {
      why += " (-Dservicekit.installBrowser=true installs Debian's package as root with apt-get)";
    } else if (root && Files.isExecutable(aptGet)) {
      Process p =
          new ProcessBuilder(aptGet.toString(), "install", "-y", "chromium")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly();
      }
      found = findBrowser();
      if (found.isPresent()) {
        return found.get();
      }
      why += ", and 'apt-get install -y chromium' did not provide one";
    } else {
      why += ", and it cannot be installed here (needs root and apt-get)";
    }
    Assumptions.abort(why + ": install chromium to run this test");
    throw new AssertionError("unreachable");
  }

  @Test
  void reportRendersOfflineWithoutErrorsAndShowsTheConsoleFigures(@TempDir Path dir)
      throws Exception {
    Path chromium = browser();
    Path report = dir.resolve("report.html");
    ShowcaseTest.Run run =
        ShowcaseTest.run("--days", "21", "--seed", "5", "--out", report.toString());
    assertEquals(0, run.status(), run.err());

    try (Browser b = Browser.launch(chromium, dir.resolve("profile"))) {
      b.call("Runtime.enable", JSON.createObjectNode());
      b.call("Log.enable", JSON.createObjectNode());
      b.call("Page.enable", JSON.createObjectNode());
      b.call("Network.enable", JSON.createObjectNode());
      ObjectNode offline = JSON.createObjectNode();
      offline.put("offline", true).put("latency", 0);
      offline.put("downloadThroughput", -1).put("uploadThroughput", -1);
      b.call("Network.emulateNetworkConditions", offline);
      ObjectNode nav = JSON.createObjectNode();
      nav.put("url", report.toUri().toString());
      JsonNode navigated = b.call("Page.navigate", nav);
      assertTrue(navigated.path("errorText").isMissingNode(), navigated.toString());
      b.awaitEvent("Page.loadEventFired", Duration.ofSeconds(30));

      String script =
          "JSON.stringify({"
              + "charts: [...document.querySelectorAll('svg[data-chart]')].map(s => ({"
              + "  id: s.dataset.chart,"
              + "  shapes: s.querySelectorAll('rect,circle,polyline,path,line').length,"
              + "  width: s.getBoundingClientRect().width,"
              + "  height: s.getBoundingClientRect().height,"
              + "  drawn: s.getBBox().width * s.getBBox().height})),"
              + "figures: [...document.querySelectorAll('[data-metric]')].map(e => ({"
              + "  key: e.dataset.metric, value: e.textContent,"
              + "  label: e.previousElementSibling.textContent})),"
              + "resources: performance.getEntriesByType('resource').map(r => r.name)})";
      ObjectNode eval = JSON.createObjectNode();
      eval.put("expression", script).put("returnByValue", true);
      JsonNode result = b.call("Runtime.evaluate", eval);
      assertTrue(result.path("exceptionDetails").isMissingNode(), result.toString());
      JsonNode page = JSON.readTree(result.path("result").path("value").asText());

      List<String> charts = new ArrayList<>();
      for (JsonNode c : page.path("charts")) {
        charts.add(c.path("id").asText());
        assertTrue(c.path("shapes").asInt() >= 5, "chart with shapes: " + c);
        assertTrue(c.path("width").asDouble() > 100 && c.path("height").asDouble() > 50, "" + c);
        assertTrue(c.path("drawn").asDouble() > 0, "chart rendered content: " + c);
      }
      assertEquals(CHARTS.stream().sorted().toList(), charts.stream().sorted().toList());
      assertEquals(0, page.path("resources").size(), "resources loaded: " + page.path("resources"));

      // every figure in the page is a console line "  label ..... value", and vice versa
      Map<String, String> console = ShowcaseTest.consoleFigures(run.out());
      Map<String, String> shown = new LinkedHashMap<>();
      for (JsonNode f : page.path("figures")) {
        shown.put(f.path("label").asText(), f.path("value").asText());
      }
      assertTrue(shown.size() > 40, "figures in the page: " + shown.size());
      assertEquals(console, shown);

      List<String> problems = new ArrayList<>();
      for (JsonNode e : b.events) {
        String method = e.path("method").asText();
        JsonNode p = e.path("params");
        if (method.equals("Runtime.exceptionThrown")
            || method.equals("Runtime.consoleAPICalled")
                && List.of("error", "assert", "warning").contains(p.path("type").asText())
            || method.equals("Log.entryAdded")
                && List.of("error", "warning").contains(p.path("entry").path("level").asText())
            || method.equals("Network.requestWillBeSent")
                && !p.path("request").path("url").asText().startsWith("file:")) {
          problems.add(e.toString());
        }
      }
      assertEquals(List.of(), problems);
    }
  }

  /** A headless Chromium with one page, spoken to over the DevTools protocol. */
  static final class Browser implements AutoCloseable {
    final Process process;
    final WebSocket socket;
    final List<JsonNode> events = new CopyOnWriteArrayList<>();
    final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    final AtomicInteger ids = new AtomicInteger();

    private Browser(Process process, WebSocket socket) {
      this.process = process;
      this.socket = socket;
    }

    static Browser launch(Path chromium, Path profile) throws Exception {
      List<String> cmd =
          List.of(
              chromium.toString(),
              "--headless=new",
              "--no-sandbox", // CI containers run as root
              "--disable-gpu",
              "--no-first-run",
              "--disable-extensions",
              "--disable-background-networking",
              "--disable-component-update",
              "--disable-sync",
              // no network at all: every host name fails to resolve, no proxy reachable
              "--host-resolver-rules=MAP * ~NOTFOUND",
              "--proxy-server=127.0.0.1:9",
              "--window-size=1280,2000",
              "--user-data-dir=" + profile,
              "--remote-debugging-port=0",
              "about:blank");
      Process process =
          new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      try {
        String port = devToolsPort(process);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        JsonNode targets = null;
        String pageSocket = null;
        for (int attempt = 0; attempt < 50 && pageSocket == null; attempt++) {
          HttpResponse<String> list =
              http.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          targets = JSON.readTree(list.body());
          for (JsonNode t : targets) {
            if (t.path("type").asText().equals("page")) {
              pageSocket = t.path("webSocketDebuggerUrl").asText();
              break;
            }
          }
          if (pageSocket == null) {
            process.waitFor(100, TimeUnit.MILLISECONDS); // the first tab is still opening
          }
        }
        if (pageSocket == null) {
          throw new AssertionError("Chromium opened no page: " + targets);
        }
        Browser[] self = new Browser[1];
        Listener listener = new Listener(self);
        WebSocket ws =
            http.newWebSocketBuilder()
                .buildAsync(URI.create(pageSocket), listener)
                .get(10, TimeUnit.SECONDS);
        self[0] = new Browser(process, ws);
        return self[0];
      } catch (Exception | AssertionError e) {
        stop(process);
        throw e;
      }
    }

    /** Reads "DevTools listening on ws://127.0.0.1:PORT/..." from the browser's stderr. */
    private static String devToolsPort(Process process) throws Exception {
      CompletableFuture<String> port = new CompletableFuture<>();
      Thread reader =
          new Thread(
              () -> {
                Pattern p = Pattern.compile("DevTools listening on ws://[^:]+:(\\d+)/");
                StringBuilder seen = new StringBuilder();
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = r.readLine()) != null) {
                    Matcher m = p.matcher(line);
                    if (m.find()) {
                      port.complete(m.group(1));
                    } else if (seen.length() < 4000) {
                      seen.append(line).append('\n');
                    }
                  }
                } catch (IOException e) {
                  // the process ended
                }
                port.completeExceptionally(
                    new AssertionError("Chromium did not start DevTools:\n" + seen));
              },
              "chromium-stderr");
      reader.setDaemon(true);
      reader.start();
      return port.get(60, TimeUnit.SECONDS);
    }

    JsonNode call(String method, ObjectNode params) throws Exception {
      int id = ids.incrementAndGet();
      CompletableFuture<JsonNode> reply = new CompletableFuture<>();
      pending.put(id, reply);
      ObjectNode msg = JSON.createObjectNode();
      msg.put("id", id).put("method", method).set("params", params);
      socket.sendText(JSON.writeValueAsString(msg), true).get(10, TimeUnit.SECONDS);
      JsonNode r = reply.get(30, TimeUnit.SECONDS);
      if (r.has("error")) {
        throw new AssertionError(method + " failed: " + r.path("error"));
      }
      return r.path("result");
    }

    void awaitEvent(String method, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        for (Iterator<JsonNode> it = events.iterator(); it.hasNext(); ) {
          if (it.next().path("method").asText().equals(method)) {
            return;
          }
        }
        synchronized (events) {
          events.wait(50);
        }
      }
      throw new AssertionError("no " + method + " within " + timeout);
    }

    void onMessage(String text) {
      try {
        JsonNode m = JSON.readTree(text);
        if (m.has("id")) {
          CompletableFuture<JsonNode> f = pending.remove(m.path("id").asInt());
          if (f != null) {
            f.complete(m);
          }
        } else {
          events.add(m);
          synchronized (events) {
            events.notifyAll();
          }
        }
      } catch (IOException e) {
        events.add(JSON.createObjectNode().put("method", "unparseable").put("text", text));
      }
    }

    @Override
    public void close() {
      try {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        // the browser goes anyway
      }
      stop(process);
    }

    private static void stop(Process process) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Joins a message's frames and hands it to the browser object. */
  private static final class Listener implements WebSocket.Listener {
    private final Browser[] browser;
    private final StringBuilder buffer = new StringBuilder();

    Listener(Browser[] browser) {
      this.browser = browser;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      buffer.append(data);
      if (last) {
        String text = buffer.toString();
        buffer.setLength(0);
        while (browser[0] == null) {
          Thread.onSpinWait(); // the first message can race the constructor
        }
        browser[0].onMessage(text);
      }
      ws.request(1);
      return null;
    }
  }
}
