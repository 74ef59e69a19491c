package io.parsigex.node.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.api.Duty;
import io.parsigex.api.DutyType;
import io.parsigex.api.ParSignedData;
import io.parsigex.api.ParSignedDataSet;
import io.parsigex.api.PayloadEncoding;
import io.parsigex.api.PubKey;
import io.parsigex.core.broadcast.BroadcastResult;
import io.parsigex.core.broadcast.PeerOutcome;
import io.parsigex.core.broadcast.SendFailure;
import io.parsigex.core.receive.RejectReason;
import io.parsigex.core.receive.Rejection;
import io.parsigex.core.receive.VerifiedSet;
import io.parsigex.core.testing.TextData;
import io.parsigex.node.ParsigexApplication;
import io.parsigex.node.events.ParSigBroadcastEvent;
import io.parsigex.node.events.ParSigReceivedEvent;
import io.parsigex.node.events.ParSigRejectedEvent;
import io.parsigex.node.plugins.broken.BrokenCodec;
import io.parsigex.node.runtime.NodeRuntime;
import io.parsigex.testsupport.PluginArtifacts;
import io.parsigex.testsupport.Prerequisite;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard's operator panels in headless Chromium against a running node that has seen
 * traffic before the page opens: the counters start at the node's totals (equal to
 * {@code GET /api/v1/dashboard}, not zero), the per-duty table and legend give each duty its own
 * colour, the rate over a 20 s window stays above zero between 2 s bursts, the rejection breakdown
 * shows a known reason from a known peer (and counts on live), each peer shows its connection type,
 * send latency and last send error, and a plugin taken out of service shows as such with the
 * plugins DEGRADED. Writes {@code target/dashboard-panels.png}.
 */
class DashboardPanelsBrowserTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String PLUGIN = "broken-codec";
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private static final List<DutyType> DUTIES = List.of(DutyType.ATTESTER, DutyType.RANDAO,
      DutyType.PROPOSER, DutyType.SYNC_MESSAGE);

  @TempDir Path profile;
  @TempDir Path plugins;
  private ConfigurableApplicationContext node;
  private ChromeDriver browser;
  private final JsonMapper json = JsonMapper.builder().build();
  private final Random random = new Random(20261204L);
  private int port;

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (node != null) {
      node.close();
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json").header("Authorization", "Bearer secret")
        .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode dashboard() throws Exception {
    HttpResponse<String> r = get("/api/v1/dashboard");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json.readTree(r.body());
  }

  private WebDriverWait waiting() {
    WebDriverWait w = new WebDriverWait(browser, WAIT);
    w.pollingEvery(Duration.ofMillis(100));
    // live rows and panels are re-rendered: an element read while it is replaced is read again
    w.ignoring(StaleElementReferenceException.class);
    return w;
  }

  /** Reads a text from the page, again if the element was replaced meanwhile. */
  private String read(Function<WebDriver, String> what) {
    return waiting().until(what::apply);
  }

  private String attr(String css, String name) {
    return read(d -> {
      List<WebElement> e = d.findElements(By.cssSelector(css));
      return e.isEmpty() ? null : e.get(0).getDomAttribute(name);
    });
  }

  private long value(String css) {
    return Long.parseLong(attr(css, "data-value"));
  }

  private VerifiedSet received(String peer, long slot, DutyType type, int share) {
    byte[] b = new byte[PubKey.LENGTH];
    random.nextBytes(b);
    PubKey k = PubKey.fromBytes(b);
    return new VerifiedSet(peer, new Duty(slot, type),
        ParSignedDataSet.of(k, new ParSignedData(new TextData(type + " " + slot, new byte[96]),
            share)), Map.of(k, PayloadEncoding.SSZ), Instant.now(), Duration.ofMillis(2));
  }

  private void burst(List<String> others, List<String> members, long slot) {
    for (int i = 0; i < 12; i++) {
      String from = others.get(i % others.size());
      node.publishEvent(new ParSigReceivedEvent(this, received(from, slot,
          DUTIES.get(i % DUTIES.size()), members.indexOf(from) + 1)));
    }
  }

  private void reject(String peer, long slot, RejectReason reason) {
    node.publishEvent(new ParSigRejectedEvent(this, new Rejection(peer,
        Optional.of(new Duty(slot, DutyType.ATTESTER)), reason, "test rejection", Instant.now())));
  }

  private HttpResponse<String> decode(String payload) throws Exception {
    return post("/api/v1/payloads/decode", "{\"duty_type\":\"signature\",\"data_base64\":\""
        + Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "\"}");
  }

  @Test
  void thePanelsStartFromTheNodesTotalsAndShowRejectionsLinksAndPlugins() throws Exception {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      Prerequisite.missing("DashboardPanelsBrowserTest: " + CHROMIUM + " or " + CHROMEDRIVER
          + " is missing (apt-get install chromium chromium-driver)");
    }
    PluginArtifacts.testPlugin(plugins, PLUGIN, BrokenCodec.class);
    node = new SpringApplicationBuilder(ParsigexApplication.class)
        .properties("server.port=0", "server.address=127.0.0.1", "parsigex.mode=demo",
            "parsigex.plugins.dir=" + plugins, "parsigex.verification.enabled=false",
            "parsigex.demo.signing=false", "parsigex.api.token=secret",
            "parsigex.plugins.call-timeout=1s", "parsigex.plugins.breaker.failure-threshold=3",
            "parsigex.plugins.breaker.cool-down=10m")
        .run();
    port = Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
    NodeRuntime runtime = node.getBean(NodeRuntime.class);
    List<String> members = new ArrayList<>();
    runtime.setup().cluster().members().forEach(m -> members.add(m.peerId().toString()));
    String self = runtime.peerId().toString();
    List<String> others = members.stream().filter(p -> !p.equals(self)).toList();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (runtime.connectedPeers() < others.size() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }

    // Traffic before the page opens: sets of four duties, rejections of known reasons from known
    // peers, a real broadcast (send latencies), one with a failed send, a plugin out of service.
    long slot = 100;
    for (int b = 0; b < 3; b++) {
      burst(others, members, ++slot);
    }
    reject(others.get(0), ++slot, RejectReason.INVALID_SIGNATURE);
    reject(others.get(0), ++slot, RejectReason.INVALID_SIGNATURE);
    reject(others.get(1), ++slot, RejectReason.PLUGIN_TIMEOUT);
    HttpResponse<String> sent = post("/api/v1/parsigex/broadcast",
        "{\"duty\":{\"slot\":\"5\",\"type\":\"randao\"},\"set\":{\"0x" + "aa".repeat(48)
            + "\":{\"share_idx\":1,\"data\":{\"epoch\":\"0\",\"signature\":\"0x"
            + "bb".repeat(96) + "\"}}}}");
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
    String failing = others.get(others.size() - 1);
    List<PeerOutcome> outcomes = new ArrayList<>();
    for (String o : others) {
      outcomes.add(o.equals(failing) ? PeerOutcome.failed(o, SendFailure.TIMEOUT,
          "no answer within 7s") : PeerOutcome.sent(o));
    }
    node.publishEvent(new ParSigBroadcastEvent(this, new BroadcastResult(
        new Duty(++slot, DutyType.RANDAO), ParSignedDataSet.of(PubKey.fromBytes(
            new byte[PubKey.LENGTH]), new ParSignedData(new TextData("mine", new byte[96]), 1)),
        outcomes)));
    for (int i = 0; i < 3; i++) {
      assertThat(decode("throw").statusCode()).isEqualTo(502);
    }
    deadline = System.nanoTime() + WAIT.toNanos();
    JsonNode rest = dashboard();
    while (rest.get("totals").get("all").get("broadcasts").longValue() < 2
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
      rest = dashboard();
    }
    JsonNode all = rest.get("totals").get("all");
    assertThat(all.get("received").longValue()).isEqualTo(36);
    assertThat(all.get("rejected").longValue()).isEqualTo(3);
    assertThat(rest.get("plugins").get("status").stringValue()).isEqualTo("DEGRADED");

    // The page opens after the traffic: its counters are the node's totals at once.
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--window-size=1440,1600",
        "--user-data-dir=" + profile.toAbsolutePath());
    browser = new ChromeDriver(service, options);
    browser.manage().window().setSize(new Dimension(1440, 1600));
    browser.get("http://127.0.0.1:" + port + "/");
    waiting().until(d -> "true".equals(
        d.findElement(By.id("totals-panel")).getDomAttribute("data-seeded")));
    assertThat(value("#total-received")).isEqualTo(all.get("received").longValue()).isPositive();
    assertThat(value("#total-rejected")).isEqualTo(all.get("rejected").longValue());
    assertThat(value("#total-broadcast")).isEqualTo(all.get("broadcasts").longValue());
    assertThat(attr("#total-sends", "data-failed")).isEqualTo(all.get("failed").asString());
    assertThat(attr("#total-sends", "data-sent")).isEqualTo(all.get("sent").asString());
    for (DutyType d : DUTIES) {
      String row = "#duties tbody tr[data-duty='" + d.charonName() + "'] td[data-k='received']";
      assertThat(value(row)).as(d.charonName()).isEqualTo(
          rest.get("totals").get("duties").get(d.charonName()).get("received").longValue());
    }

    // The rejection breakdown: a known reason from a known peer, with whose fault it is.
    assertThat(value("#rejections-by-reason tr[data-reason='invalid_signature'][data-fault='peer']"
        + " .count")).isEqualTo(2);
    assertThat(value("#rejections-by-reason tr[data-reason='plugin_timeout'][data-fault='node']"
        + " .count")).isEqualTo(1);
    String peerRow = "#rejections-by-peer tr[data-peer-id='" + others.get(0) + "']";
    assertThat(value(peerRow + " .reason[data-reason='invalid_signature']")).isEqualTo(2);
    // ... and it counts on live.
    reject(others.get(0), ++slot, RejectReason.INVALID_SIGNATURE);
    waiting().until(d -> "3".equals(d.findElement(By.cssSelector(
        peerRow + " .reason[data-reason='invalid_signature']")).getDomAttribute("data-value")));
    waiting().until(d -> "4".equals(d.findElement(By.id("total-rejected"))
        .getDomAttribute("data-value")));

    // Each peer: how it is reached, the send latency of the real broadcast, the last send error.
    for (String o : others) {
      String li = "#peers li[data-peer-id='" + o + "']";
      waiting().until(d -> "direct".equals(d.findElement(By.cssSelector(li))
          .getDomAttribute("data-connection")));
      assertThat(Double.parseDouble(attr(li + " .latency", "data-p50"))).isPositive();
      assertThat(Double.parseDouble(attr(li + " .latency", "data-last"))).isPositive();
    }
    assertThat(read(d -> d.findElement(By.cssSelector("#peers li[data-peer-id='" + failing
        + "'] .send-error")).getText())).contains("no answer within 7s");

    // The plugin the node took out of service, and the plugins' status.
    String codecRow = "#plugins tbody tr[data-plugin='" + PLUGIN + "'][data-point='codec']";
    waiting().until(d -> "out_of_service".equals(d.findElement(By.cssSelector(codecRow))
        .getDomAttribute("data-state")));
    assertThat(read(d -> d.findElement(By.cssSelector(codecRow)).getText()))
        .contains("out of service").contains("decode exploded");
    assertThat(attr("#plugins-status", "data-status")).isEqualTo("DEGRADED");

    // Bursts every 2 s: the rate over its 20 s window never reads 0 between them, and each duty
    // has its own colour in the legend.
    for (int b = 0; b < 4; b++) {
      burst(others, members, ++slot);
      Thread.sleep(2000);
    }
    Set<String> rates = new HashSet<>();
    for (int i = 0; i < 8; i++) {
      String r = read(d -> d.findElement(By.id("total-rate")).getText());
      rates.add(r);
      assertThat(Double.parseDouble(r)).as("sets / s between bursts").isPositive();
      Thread.sleep(250);
    }
    Set<String> colors = new HashSet<>();
    for (DutyType d : DUTIES) {
      colors.add(attr("#legend li[data-duty='" + d.charonName() + "'] canvas.sw", "data-color"));
    }
    assertThat(colors).hasSize(DUTIES.size());

    Path shot = Path.of("target", "dashboard-panels.png");
    Files.createDirectories(shot.getParent());
    Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shot,
        StandardCopyOption.REPLACE_EXISTING);
    assertThat(Files.size(shot)).isGreaterThan(10_000);
  }
}
