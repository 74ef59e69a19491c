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
import io.parsigex.node.events.PeerConnectionEvent;
import io.parsigex.testsupport.Prerequisite;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
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
 * The dashboard in a real headless Chromium against a running node: identity and peers from
 * {@code /api/v1/node}, live sets from the feed, a rejected set shown as rejected, and recovery
 * after the node restarts on the same port. Writes {@code target/dashboard.png}.
 */
class DashboardBrowserTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration UI_WAIT = Duration.ofSeconds(20);
  private static final Duration RECONNECT_WAIT = Duration.ofSeconds(40);
  private static final Path SCREENSHOT = Path.of("target", "dashboard.png");
  private static final String SHOWN_ROWS = "#events tbody tr:not([hidden])";
  private static final Path SCREENSHOT_DARK = Path.of("target", "dashboard-dark.png");
  private static final Duration DARK_REPAINT = Duration.ofMillis(1200);
  private static final List<DutyType> DUTIES = List.of(DutyType.ATTESTER, DutyType.RANDAO,
      DutyType.PROPOSER, DutyType.SYNC_MESSAGE, DutyType.AGGREGATOR);

  @TempDir Path profile;
  private ConfigurableApplicationContext node;
  private ChromeDriver browser;
  private final JsonMapper json = JsonMapper.builder().build();
  private final Random random = new Random(20261123L);

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (node != null) {
      node.close();
    }
  }

  private static ConfigurableApplicationContext startNode(int port) {
    return new SpringApplicationBuilder(ParsigexApplication.class, NodeApiFallback.class)
        .properties("server.port=" + port, "server.address=127.0.0.1",
            "parsigex.mode=demo", "parsigex.plugins.dir=target/no-such-plugin-dir",
            "parsigex.verification.enabled=false", "parsigex.demo.signing=false")
        .run();
  }

  private static int port(ConfigurableApplicationContext ctx) {
    return Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
  }

  private ChromeDriver openBrowser() {
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--window-size=1440,1100",
        "--user-data-dir=" + profile.toAbsolutePath());
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1440, 1100));
    return driver;
  }

  private JsonNode nodeInfo(int port) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/node")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return json.readTree(r.body());
  }

  private WebDriverWait waiting(Duration d) {
    WebDriverWait wait = new WebDriverWait(browser, d);
    wait.pollingEvery(Duration.ofMillis(100));
    // the live table re-renders its rows: a row read while it is replaced is read again
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    return wait;
  }

  private String statusState() {
    return browser.findElement(By.id("conn-status")).getDomAttribute("data-state");
  }

  private List<WebElement> rows(String kind, String slot) {
    return browser.findElements(By.cssSelector(
        "#events tbody tr[data-kind='" + kind + "'][data-slot='" + slot + "']"));
  }

  private PubKey key() {
    byte[] b = new byte[PubKey.LENGTH];
    random.nextBytes(b);
    return PubKey.fromBytes(b);
  }

  private VerifiedSet received(String peer, long slot, DutyType type, int share, int keys) {
    Map<PubKey, ParSignedData> entries = new HashMap<>();
    Map<PubKey, PayloadEncoding> enc = new HashMap<>();
    for (int i = 0; i < keys; i++) {
      PubKey k = key();
      byte[] sig = new byte[96];
      random.nextBytes(sig);
      entries.put(k, new ParSignedData(new TextData(type + " " + slot, sig), share));
      enc.put(k, PayloadEncoding.SSZ);
    }
    return new VerifiedSet(peer, new Duty(slot, type), new ParSignedDataSet(entries), enc,
        Instant.now(), Duration.ofNanos(1000L * (800 + random.nextInt(2400))));
  }

  @Test
  void showsPeersLiveSetsRejectionsAndRecoversAfterARestart() throws Exception {
    Prerequisite.require(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        () -> "DashboardBrowserTest: " + CHROMIUM + " or " + CHROMEDRIVER
              + " is missing (apt-get install chromium chromium-driver)");
    node = startNode(0);
    int port = port(node);
    JsonNode info = nodeInfo(port);
    String self = info.get("peer_id").stringValue();
    List<String> peers = new ArrayList<>();
    info.get("peers").forEach(p -> peers.add(p.get("peer_id").stringValue()));
    List<String> others = peers.stream().filter(p -> !p.equals(self)).toList();
    assertThat(others).as("a cluster to show").isNotEmpty();

    browser = openBrowser();

    // Without GET /api/v1/node the page still works: it says so and learns peers from the feed.
    browser.executeCdpCommand("Network.enable", Map.of());
    browser.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/api/v1/node")));
    browser.get("http://127.0.0.1:" + port + "/");
    waiting(UI_WAIT).until(d -> "live".equals(statusState()));
    waiting(UI_WAIT).until(d -> "unavailable".equals(
        d.findElement(By.id("node-identity")).getDomAttribute("data-state")));
    node.publishEvent(new PeerConnectionEvent(this, others.get(0), true));
    waiting(UI_WAIT).until(d -> !d.findElements(By.cssSelector(
        "#peers li[data-peer-id='" + others.get(0) + "'][data-connected='true']")).isEmpty());
    browser.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));

    browser.navigate().refresh();
    waiting(UI_WAIT).until(d -> "live".equals(statusState()));

    // Identity and members from GET /api/v1/node.
    waiting(UI_WAIT).until(d -> self.equals(
        d.findElement(By.id("node-peer-id")).getDomAttribute("title")));
    waiting(UI_WAIT).until(d -> d.findElements(By.cssSelector("#peers li")).size() == peers.size());
    for (String p : peers) {
      // the peer list is re-rendered as links and latencies arrive: read it again if replaced
      waiting(UI_WAIT).until(d -> d.findElement(By.cssSelector("#peers li[data-peer-id='" + p
          + "']")).getText().contains(p));
    }

    // Connection state follows peer messages.
    node.publishEvent(new PeerConnectionEvent(this, others.get(0), true));
    if (others.size() > 1) {
      node.publishEvent(new PeerConnectionEvent(this, others.get(1), false));
    }
    waiting(UI_WAIT).until(d -> "true".equals(d.findElement(By.cssSelector(
        "#peers li[data-peer-id='" + others.get(0) + "']")).getDomAttribute("data-connected")));
    if (others.size() > 1) {
      waiting(UI_WAIT).until(d -> "false".equals(d.findElement(By.cssSelector(
          "#peers li[data-peer-id='" + others.get(1) + "']")).getDomAttribute("data-connected")));
    }
    for (int i = 2; i < others.size(); i++) {
      node.publishEvent(new PeerConnectionEvent(this, others.get(i), true));
    }

    // Live sets: several duty types over a few seconds, so the rate chart has something to draw.
    long slot = 9_000_000;
    for (int second = 0; second < 3; second++) {
      for (int i = 0; i < 12; i++) {
        DutyType type = DUTIES.get(random.nextInt(DUTIES.size()));
        int sender = random.nextInt(others.size());
        node.publishEvent(new ParSigReceivedEvent(this,
            received(others.get(sender), ++slot, type, peers.indexOf(others.get(sender)) + 1,
                1 + random.nextInt(3))));
      }
      Thread.sleep(1000);
    }
    long lastSlot = slot;
    waiting(UI_WAIT).until(d -> !rows("received", Long.toString(lastSlot)).isEmpty());
    WebElement row = rows("received", Long.toString(lastSlot)).get(0);
    assertThat(row.getText()).contains(Long.toString(lastSlot)).contains("verified in");
    WebElement peerCell = row.findElement(By.cssSelector("td:nth-child(5) .trunc"));
    assertThat(others).contains(peerCell.getDomAttribute("title"));
    assertThat(peerCell.getText()).contains("…");

    node.publishEvent(new ParSigRejectedEvent(this, new Rejection(others.get(0),
        Optional.of(new Duty(++slot, DutyType.ATTESTER)), RejectReason.INVALID_SIGNATURE,
        "share 2 signature does not verify against its public share", Instant.now())));
    long rejectedSlot = slot;
    waiting(UI_WAIT).until(d -> !rows("rejected", Long.toString(rejectedSlot)).isEmpty());
    WebElement rejected = rows("rejected", Long.toString(rejectedSlot)).get(0);
    assertThat(rejected.findElement(By.cssSelector(".kind")).getText()).isEqualTo("rejected");
    assertThat(rejected.getText()).contains("invalid_signature");
    // whose fault: a bad signature is the peer's
    assertThat(rejected.findElement(By.cssSelector(".fault.peer")).getText())
        .isEqualTo("peer fault");
    assertThat(rows("received", Long.toString(rejectedSlot))).isEmpty();

    PubKey mine = key();
    List<PeerOutcome> outcomes = new ArrayList<>();
    for (String o : others) {
      outcomes.add(o.equals(others.get(others.size() - 1)) && others.size() > 1
          ? PeerOutcome.failed(o, SendFailure.TIMEOUT, "no answer within 7s")
          : PeerOutcome.sent(o));
    }
    node.publishEvent(new ParSigBroadcastEvent(this, new BroadcastResult(
        new Duty(++slot, DutyType.RANDAO),
        ParSignedDataSet.of(mine, new ParSignedData(new TextData("mine", new byte[96]), 1)),
        outcomes)));
    long broadcastSlot = slot;
    waiting(UI_WAIT).until(d -> !rows("broadcast", Long.toString(broadcastSlot)).isEmpty());
    assertThat(rows("broadcast", Long.toString(broadcastSlot)).get(0).getText())
        .contains("peers sent");

    // The table filter narrows rows to those mentioning what the operator typed.
    WebElement search = browser.findElement(By.id("search"));
    search.sendKeys(Long.toString(rejectedSlot));
    waiting(UI_WAIT).until(d -> d.findElements(By.cssSelector(SHOWN_ROWS)).size() == 1);
    assertThat(browser.findElement(By.cssSelector(SHOWN_ROWS)).getDomAttribute("data-kind"))
        .isEqualTo("rejected");
    search.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
    waiting(UI_WAIT).until(d -> d.findElements(By.cssSelector(SHOWN_ROWS)).size() > 30);
    // Peers that sent sets show when they were last heard from.
    waiting(UI_WAIT).until(d -> d.findElement(By.cssSelector(
        "#peers li[data-peer-id='" + others.get(0) + "'] .seen")).getText().endsWith("ago"));

    waiting(UI_WAIT).until(d -> !d.findElements(By.cssSelector("#legend li")).isEmpty());
    assertThat(browser.findElement(By.id("total-received")).getText()).isEqualTo("36");
    assertThat(browser.findElement(By.id("total-rejected")).getText()).isEqualTo("1");

    // Nothing was fetched from anywhere but the node.
    Object foreign = ((JavascriptExecutor) browser).executeScript(
        "return performance.getEntriesByType('resource').map(e => e.name)"
            + ".filter(n => !n.startsWith(location.origin) && !n.startsWith('ws://' + location.host));");
    assertThat((List<?>) foreign).isEmpty();

    Files.createDirectories(SCREENSHOT.getParent());
    Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT,
        StandardCopyOption.REPLACE_EXISTING);
    // The same page as an operator with a dark desktop sees it.
    browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
        List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
    Thread.sleep(DARK_REPAINT.toMillis());
    Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
        SCREENSHOT_DARK, StandardCopyOption.REPLACE_EXISTING);

    // The node restarts on the same port: the page says it is reconnecting, then recovers.
    node.close();
    node = null;
    waiting(UI_WAIT).until(d -> "reconnecting".equals(statusState()));
    assertThat(browser.findElement(By.id("conn-text")).getText()).contains("reconnecting");
    node = startNode(port);
    waiting(RECONNECT_WAIT).until(d -> "live".equals(statusState()));
    node.publishEvent(new PeerConnectionEvent(this, others.get(0), true));
    node.publishEvent(new ParSigReceivedEvent(this,
        received(others.get(0), ++slot, DutyType.ATTESTER, peers.indexOf(others.get(0)) + 1, 1)));
    long afterRestart = slot;
    waiting(UI_WAIT).until(d -> !rows("received", Long.toString(afterRestart)).isEmpty());
    waiting(UI_WAIT).until(d -> "true".equals(d.findElement(By.cssSelector(
        "#peers li[data-peer-id='" + others.get(0) + "']")).getDomAttribute("data-connected")));
    assertThat(new File(SCREENSHOT.toString())).exists();
  }
}
