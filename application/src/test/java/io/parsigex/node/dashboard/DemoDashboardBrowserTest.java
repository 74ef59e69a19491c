package io.parsigex.node.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.api.Duty;
import io.parsigex.api.DutyType;
import io.parsigex.api.ParSignedData;
import io.parsigex.api.ParSignedDataSet;
import io.parsigex.api.PubKey;
import io.parsigex.api.SignedData;
import io.parsigex.core.node.ParSigExNode;
import io.parsigex.node.ParsigexApplication;
import io.parsigex.node.runtime.NodeRuntime;
import io.parsigex.testsupport.Prerequisite;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The dashboard in headless Chromium against the README's main job, the demo cluster: the page
 * lists the three other members as connected, live verified sets arrive, a set with a bad
 * signature from a demo member is shown as rejected and in the rejection breakdown under that
 * member, the verifier plugin is shown in service, each member is reached directly with a send
 * latency, sets/s reads a rate, a reopened page starts from the node's totals, and the page
 * recovers after the node restarts. The screenshot is written to {@code target/dashboard-demo.png}.
 */
class DemoDashboardBrowserTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path profile;
  private ConfigurableApplicationContext node;
  private ChromeDriver browser;

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (node != null) {
      node.close();
    }
  }

  private static ConfigurableApplicationContext startDemo(int port) {
    return new SpringApplicationBuilder(ParsigexApplication.class)
        .properties("server.port=" + port, "server.address=127.0.0.1",
            "parsigex.mode=demo", "parsigex.plugins.dir=target/plugins",
            "parsigex.demo.slot-duration=1s")
        .run();
  }

  private WebDriverWait waiting() {
    WebDriverWait w = new WebDriverWait(browser, WAIT);
    w.pollingEvery(Duration.ofMillis(100));
    // the live table re-renders its rows: a row read while it is replaced is read again
    w.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    return w;
  }

  private int connectedPeers() {
    return browser.findElements(By.cssSelector(
        "#peers li[data-self='false'][data-connected='true']")).size();
  }

  private int rows(String kind) {
    return browser.findElements(By.cssSelector("#events tbody tr[data-kind='" + kind + "']"))
        .size();
  }

  private static long totalReceived(int port) throws Exception {
    java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(
            "http://127.0.0.1:" + port + "/api/v1/dashboard")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return tools.jackson.databind.json.JsonMapper.builder().build().readTree(r.body())
        .get("totals").get("all").get("received").longValue();
  }

  @Test
  void theDemoClusterIsLiveOnThePageAndThePageSurvivesARestart() throws Exception {
    Prerequisite.require(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        () -> "DemoDashboardBrowserTest: chromium or chromedriver is missing "
              + "(apt-get install chromium chromium-driver)");
    int port;
    port = io.parsigex.testsupport.FreePorts.loopbackPort();
    node = startDemo(port);
    NodeRuntime runtime = node.getBean(NodeRuntime.class);
    String self = runtime.peerId().toString();

    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--window-size=1440,1100",
        "--user-data-dir=" + profile.toAbsolutePath());
    browser = new ChromeDriver(service, options);
    browser.manage().window().setSize(new Dimension(1440, 1100));
    browser.get("http://127.0.0.1:" + port + "/");

    waiting().until(d -> self.equals(d.findElement(By.id("node-peer-id")).getDomAttribute("title")));
    waiting().until(d -> connectedPeers() == 3);
    waiting().until(d -> rows("received") >= 10);
    waiting().until(d -> rows("broadcast") >= 3);

    // A demo member sends node 0 a set signed with garbage: node 0 refuses it, the page shows it.
    ParSigExNode member = runtime.demoMembers().get(0);
    PubKey validator = member.cluster().validators().keySet().iterator().next();
    SignedData bad = member.codecs().fromJson(DutyType.RANDAO,
        "{\"epoch\":\"0\",\"signature\":\"0x" + "a1".repeat(96) + "\"}");
    member.broadcast(new Duty(7, DutyType.RANDAO),
        ParSignedDataSet.of(validator, new ParSignedData(bad, 2))).get(10, TimeUnit.SECONDS);
    waiting().until(d -> !d.findElements(By.cssSelector(
        "#events tbody tr[data-kind='rejected'][data-slot='7']")).isEmpty());

    // The rejection breakdown names the reason, whose fault it is, and the member that sent it.
    String sender = member.host().peerId().toString();
    waiting().until(d -> !d.findElements(By.cssSelector("#rejections-by-peer tr[data-peer-id='"
        + sender + "'] .reason[data-reason='invalid_signature']")).isEmpty());
    waiting().until(d -> !d.findElements(By.cssSelector(
        "#rejections-by-reason tr[data-reason='invalid_signature'][data-fault='peer']")).isEmpty());
    // Plugins: the demo's verifier is loaded and in service.
    waiting().until(d -> "in_service".equals(d.findElement(By.cssSelector(
        "#plugins tbody tr[data-plugin='bls-verifier'][data-point='verifier']"))
        .getDomAttribute("data-state")));
    waiting().until(d -> "UP".equals(d.findElement(By.id("plugins-status"))
        .getDomAttribute("data-status")));
    // Every member is reached directly in the demo, and node 0's sends to it have a latency.
    waiting().until(d -> d.findElements(By.cssSelector(
        "#peers li[data-self='false'][data-connection='direct'] .latency[data-p50]")).size() == 3);
    // The sliding rate: the demo signs a slot every second; sets/s reads a rate, not 0.
    waiting().until(d -> {
      String r = d.findElement(By.id("total-rate")).getText();
      return r.matches("[0-9.]+k?") && !r.equals("0");
    });

    Path shot = Path.of("target", "dashboard-demo.png");
    Files.createDirectories(shot.getParent());
    Files.move(browser.getScreenshotAs(OutputType.FILE).toPath(), shot,
        StandardCopyOption.REPLACE_EXISTING);
    assertThat(Files.size(shot)).isGreaterThan(10_000);

    // Reopened while the demo runs, the page starts from the node's totals, not from zero.
    long before = totalReceived(port);
    browser.navigate().refresh();
    waiting().until(d -> "true".equals(
        d.findElement(By.id("totals-panel")).getDomAttribute("data-seeded")));
    long seeded = Long.parseLong(browser.findElement(By.id("total-received"))
        .getDomAttribute("data-value"));
    long after = totalReceived(port);
    assertThat(seeded).isPositive().isGreaterThanOrEqualTo(before).isLessThanOrEqualTo(after);

    // Restart: a new demo cluster on the same port; the page reconnects and goes live again.
    node.close();
    node = null;
    waiting().until(d -> !"live".equals(
        d.findElement(By.id("conn-status")).getDomAttribute("data-state")));
    node = startDemo(port);
    String restarted = node.getBean(NodeRuntime.class).peerId().toString();
    assertThat(restarted).isNotEqualTo(self);
    waiting().until(d -> "live".equals(
        d.findElement(By.id("conn-status")).getDomAttribute("data-state")));
    // The page learns the restarted node's identity and shows its peers' sets.
    waiting().until(d -> restarted.equals(
        d.findElement(By.id("node-peer-id")).getDomAttribute("title")));
    waiting().until(d -> connectedPeers() == 3);
    String firstRowPeer = "#events tbody tr[data-kind='received']";
    waiting().until(d -> d.findElements(By.cssSelector(firstRowPeer)).stream()
        .anyMatch(r -> node.getBean(NodeRuntime.class).setup().cluster().others().stream()
            .map(m -> m.peerId().toString())
            .anyMatch(id -> r.getText().contains(id.substring(id.length() - 6)))));
  }
}
