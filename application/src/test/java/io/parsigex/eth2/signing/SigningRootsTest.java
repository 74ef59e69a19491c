package io.parsigex.eth2.signing;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.api.Eth2Signing;
import io.parsigex.api.SigningDomain;
import io.parsigex.eth2.fork.Fork;
import io.parsigex.testsupport.NodeJs;
import io.parsigex.testsupport.TestSeed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Domains and signing roots against an independent implementation: lodestar's SSZ containers and
 * domain constants driven by {@code signing-domains.mjs}.
 */
@ExtendWith(TestSeed.class)
class SigningRootsTest {

  private static final HexFormat HEX = HexFormat.of();

  /** Capella fork versions from Charon's network table ({@code eth2util/network.go}). */
  private static final Map<String, String> CHARON_CAPELLA_VERSIONS = Map.of(
      "mainnet", "0x03000000", "gnosis", "0x03000064", "chiado", "0x0300006f",
      "sepolia", "0x90000072", "hoodi", "0x40000910");

  private record Case(ChainSpec spec, SigningDomain domain, long epoch, byte[] messageRoot) {}

  @Test
  void domainsAndSigningRootsMatchLodestarOnEveryPresetDomainAndForkBoundary(@TempDir Path tmp)
      throws IOException {
    long seed = TestSeed.seed("SigningRootsTest.domainsAndSigningRootsMatchLodestarOnEveryPresetDomainAndForkBoundary");
    Random random = new Random(seed);
    List<Case> cases = new ArrayList<>();
    List<ChainSpec> specs = new ArrayList<>();
    for (ChainPreset p : ChainPreset.values()) {
      specs.add(p.spec());
    }
    specs.add(customChain());
    for (ChainSpec spec : specs) {
      List<Long> epochs = new ArrayList<>(List.of(0L, ScheduledFork.UNSCHEDULED,
          random.nextLong() >>> 1, (long) random.nextInt(2_000_000)));
      for (ScheduledFork f : spec.forks().forks()) {
        if (f.scheduled()) {
          epochs.add(f.epoch());
          epochs.add(f.epoch() + 1);
          if (f.epoch() > 0) {
            epochs.add(f.epoch() - 1);
          }
        }
      }
      for (SigningDomain d : SigningDomain.values()) {
        for (long epoch : epochs) {
          byte[] root = new byte[32];
          random.nextBytes(root);
          cases.add(new Case(spec, d, epoch, root));
        }
      }
    }
    List<String> expected = runReference(tmp, cases);
    assertThat(expected).hasSize(cases.size());
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      SigningRoots roots = new SigningRoots(c.spec());
      String actual = HEX.formatHex(roots.domain(c.domain(), c.epoch())) + " "
          + HEX.formatHex(roots.signingRoot(new Eth2Signing(c.domain(), c.epoch(), c.messageRoot())));
      assertThat(actual)
          .as("seed %d: %s %s epoch %s", seed, c.spec().name(), c.domain(),
              Long.toUnsignedString(c.epoch()))
          .isEqualTo(expected.get(i));
    }
  }

  @Test
  void mainnetAttesterDomainAtACapellaEpochUsesTheCapellaVersion(@TempDir Path tmp)
      throws IOException {
    ChainSpec mainnet = ChainPreset.MAINNET.spec();
    long capellaEpoch = 200_000;
    byte[] root = HEX.parseHex("a36b13159845b8afc947ea7f9ffd74ceb1178e9882533ee767b6a6578501771c");
    SigningRoots roots = new SigningRoots(mainnet);
    byte[] domain = roots.domain(SigningDomain.BEACON_ATTESTER, capellaEpoch);
    assertThat(domain).isEqualTo(SigningRoots.computeDomain(
        HEX.parseHex("01000000"), HEX.parseHex("03000000"), mainnet.genesisValidatorsRoot()));
    String expected = runReference(tmp,
        List.of(new Case(mainnet, SigningDomain.BEACON_ATTESTER, capellaEpoch, root))).get(0);
    assertThat(HEX.formatHex(domain) + " " + HEX.formatHex(roots.signingRoot(
        new Eth2Signing(SigningDomain.BEACON_ATTESTER, capellaEpoch, root)))).isEqualTo(expected);
  }

  @Test
  void mainnetBuilderDomainIsThePublishedValue() {
    // The mainnet builder domain that mev-boost relays publish.
    assertThat(HEX.formatHex(new SigningRoots(ChainPreset.MAINNET.spec())
        .domain(SigningDomain.APPLICATION_BUILDER, 123_456)))
        .isEqualTo("00000001f5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a9");
  }

  @Test
  void exitDomainIsTheCapellaDomainOnEveryPresetWhateverTheEpoch(@TempDir Path tmp)
      throws IOException {
    List<Case> cases = new ArrayList<>();
    for (ChainPreset p : ChainPreset.values()) {
      assertThat("0x" + HEX.formatHex(p.spec().forks().fork(Fork.CAPELLA).version()))
          .as("capella version of %s", p.label())
          .isEqualTo(CHARON_CAPELLA_VERSIONS.get(p.label()));
      for (long epoch : new long[] {0, 1, 194_048, 10_000_000, ScheduledFork.UNSCHEDULED}) {
        cases.add(new Case(p.spec(), SigningDomain.VOLUNTARY_EXIT, epoch, new byte[32]));
      }
    }
    List<String> expected = runReference(tmp, cases);
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      SigningRoots roots = new SigningRoots(c.spec());
      byte[] capellaDomain = SigningRoots.computeDomain(SigningDomain.VOLUNTARY_EXIT.domainType(),
          HEX.parseHex(CHARON_CAPELLA_VERSIONS.get(c.spec().name()).substring(2)),
          c.spec().genesisValidatorsRoot());
      assertThat(roots.domain(SigningDomain.VOLUNTARY_EXIT, c.epoch())).isEqualTo(capellaDomain);
      assertThat(expected.get(i)).startsWith(HEX.formatHex(capellaDomain) + " ");
    }
  }

  @Test
  void presetGenesisValidatorsRootsAreThePublishedValues() {
    Map<ChainPreset, String> published = Map.of(
        ChainPreset.MAINNET, "4b363db94e286120d76eb905340fdd4e54bfe9f06bf33ff6cf5ad27f511bfe95",
        ChainPreset.HOODI, "212f13fc4df078b6cb7db228f1c8307566dcecf900867401a92023d7ba99cb5f",
        ChainPreset.SEPOLIA, "d8ea171f3c94aea21ebc42a1ed61052acf3f9209c00e4efbaaddac09ed9b8078",
        ChainPreset.GNOSIS, "f5dcb5564e829aab27264b9becd5dfaa017085611224cb3036f573368dbb9d47",
        ChainPreset.CHIADO, "9d642dac73058fbf39c0ae41ab1e34e4d889043cb199851ded7095bc99eb4c1e");
    for (ChainPreset p : ChainPreset.values()) {
      assertThat(HEX.formatHex(p.spec().genesisValidatorsRoot())).as(p.label())
          .isEqualTo(published.get(p));
    }
  }

  private static ChainSpec customChain() {
    return ChainSpec.custom().name("devnet").genesisTime(1_700_000_000L)
        .genesisValidatorsRoot("0x" + "ab".repeat(32))
        .fork(Fork.PHASE0, "0x10203040", 0).fork(Fork.ALTAIR, "0x11203040", 0)
        .fork(Fork.BELLATRIX, "0x12203040", 5).fork(Fork.CAPELLA, "0x13203040", 10)
        .fork(Fork.DENEB, "0x14203040", 10).fork(Fork.ELECTRA, "0x15203040", 100)
        .fork(Fork.FULU, "0x16203040", ScheduledFork.UNSCHEDULED).build();
  }

  private static List<String> runReference(Path tmp, List<Case> cases) throws IOException {
    StringBuilder json = new StringBuilder("{\"cases\":[");
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      if (i > 0) {
        json.append(',');
      }
      json.append("{\"domain\":\"").append(c.domain().name()).append("\",\"epoch\":\"")
          .append(Long.toUnsignedString(c.epoch())).append("\",\"messageRoot\":\"")
          .append(HEX.formatHex(c.messageRoot())).append("\",\"capellaVersion\":\"")
          .append(CHARON_CAPELLA_VERSIONS.getOrDefault(c.spec().name(),
              "0x" + HEX.formatHex(c.spec().forks().fork(Fork.CAPELLA).version())))
          .append("\",\"chain\":{\"genesisValidatorsRoot\":\"")
          .append(HEX.formatHex(c.spec().genesisValidatorsRoot())).append("\",\"forks\":[");
      List<ScheduledFork> forks = c.spec().forks().forks();
      for (int j = 0; j < forks.size(); j++) {
        json.append(j > 0 ? "," : "").append("{\"version\":\"0x")
            .append(HEX.formatHex(forks.get(j).version())).append("\",\"epoch\":\"")
            .append(Long.toUnsignedString(forks.get(j).epoch())).append("\"}");
      }
      json.append("]}}");
    }
    json.append("]}");
    Path file = tmp.resolve("cases.json");
    Files.writeString(file, json);
    String out = NodeJs.get().run(Duration.ofSeconds(60), "signing-domains.mjs", file.toString());
    return out.lines().filter(l -> l.matches("[0-9a-f]{64} [0-9a-f]{64}")).toList();
  }
}
