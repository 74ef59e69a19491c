package io.parsigex.libp2p.multistream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parsigex.testsupport.TestSeed;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestSeed.class)
class NegotiatorTest {

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** Delivers {@code data} to {@code n} in random chunks; returns the joined output and result. */
  private static Negotiator.Step deliver(Negotiator n, byte[] data, Random rnd, List<byte[]> sent)
      throws Exception {
    int pos = 0;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (pos < data.length) {
      int chunk = 1 + rnd.nextInt(Math.max(1, data.length - pos));
      byte[] part = java.util.Arrays.copyOfRange(data, pos, pos + chunk);
      pos += chunk;
      Negotiator.Step s = n.receive(part);
      out.writeBytes(s.output());
      if (s.done()) {
        byte[] rest = java.util.Arrays.copyOfRange(data, pos, data.length);
        sent.add(out.toByteArray());
        return new Negotiator.Step(new byte[0], s.protocol(), concat(s.leftover(), rest));
      }
    }
    sent.add(out.toByteArray());
    return new Negotiator.Step(new byte[0], Optional.empty(), new byte[0]);
  }

  @Test
  void wireBytesOfHeaderAndProposal() {
    Negotiator d = Negotiator.dialer(List.of("/noise"));
    assertThat(HexFormat.of().formatHex(d.start())).isEqualTo(
        "13" + HexFormat.of().formatHex("/multistream/1.0.0\n".getBytes(StandardCharsets.UTF_8))
        + "07" + HexFormat.of().formatHex("/noise\n".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void dialerFallsBackFromTlsToNoiseWithRandomChunking() throws Exception {
    long seed = TestSeed.seed("NegotiatorTest.dialerFallsBackFromTlsToNoiseWithRandomChunking");
    Random rnd = new Random(seed);
    for (int round = 0; round < 500; round++) {
      Negotiator dialer = Negotiator.dialer(List.of("/tls/1.0.0", "/noise"));
      Negotiator listener = Negotiator.listener(Set.of("/noise", "/other"));
      byte[] app = new byte[rnd.nextInt(50)];
      rnd.nextBytes(app);
      byte[] toListener = concat(dialer.start());
      byte[] toDialer = listener.start();
      List<byte[]> sent = new ArrayList<>();
      Negotiator.Step ls = deliver(listener, toListener, rnd, sent);
      assertThat(ls.done()).isFalse();
      Negotiator.Step ds = deliver(dialer, concat(toDialer, sent.get(0)), rnd, sent);
      assertThat(ds.done()).isFalse();
      // the dialer now proposes /noise and pipelines application bytes behind it (lazy select)
      Negotiator.Step ls2 = deliver(listener, concat(sent.get(1), app), rnd, sent);
      assertThat(ls2.protocol()).as("seed %d", seed).contains("/noise");
      assertThat(ls2.leftover()).as("seed %d", seed).isEqualTo(app);
      byte[] reply = new byte[rnd.nextInt(20)];
      rnd.nextBytes(reply);
      Negotiator.Step ds2 = deliver(dialer, concat(sent.get(2), reply), rnd, sent);
      assertThat(ds2.protocol()).as("seed %d", seed).contains("/noise");
      assertThat(ds2.leftover()).as("seed %d", seed).isEqualTo(reply);
    }
  }

  @Test
  void goStyleLazySelectInOnePacketKeepsTheData() throws Exception {
    Negotiator listener = Negotiator.listener(Set.of("/charon/parsigex/2.0.0"));
    listener.start();
    byte[] packet = concat(Negotiator.encode("/multistream/1.0.0"),
        Negotiator.encode("/charon/parsigex/2.0.0"), new byte[] {3, 1, 2, 3});
    Negotiator.Step s = listener.receive(packet);
    assertThat(s.protocol()).contains("/charon/parsigex/2.0.0");
    assertThat(s.output()).isEqualTo(Negotiator.encode("/charon/parsigex/2.0.0"));
    assertThat(s.leftover()).containsExactly(3, 1, 2, 3);
  }

  @Test
  void listenerAnswersNaAndLs() throws Exception {
    Negotiator listener = Negotiator.listener(Set.of("/b", "/a"));
    listener.start();
    Negotiator.Step s = listener.receive(concat(Negotiator.encode("/multistream/1.0.0"),
        Negotiator.encode("/tls/1.0.0"), Negotiator.encode("ls")));
    byte[] list = concat(Negotiator.encode("/a"), Negotiator.encode("/b"), new byte[] {'\n'});
    assertThat(s.output()).isEqualTo(concat(Negotiator.encode("na"), new byte[] {(byte) list.length},
        list));
    assertThat(s.done()).isFalse();
  }

  @Test
  void dialerReportsNoAgreement() throws Exception {
    Negotiator d = Negotiator.dialer(List.of("/tls/1.0.0"));
    d.start();
    assertThatThrownBy(() -> d.receive(concat(Negotiator.encode("/multistream/1.0.0"),
        Negotiator.encode("na")))).isInstanceOf(MultistreamException.NoAgreement.class);
  }

  @Test
  void violationsAreTyped() throws Exception {
    byte[][] bad = {
        Negotiator.encode("/multistream/2.0.0"),
        {5, 'a', 'b', 'c', 'd', 'e'},
        {0},
        {(byte) 0x81, 0x10},
        {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
            (byte) 0xff, (byte) 0xff, (byte) 0xff},
        {(byte) 0x80, 0x00}};
    for (byte[] b : bad) {
      Negotiator l = Negotiator.listener(Set.of("/x"));
      l.start();
      assertThatThrownBy(() -> l.receive(b)).as(HexFormat.of().formatHex(b))
          .isInstanceOf(MultistreamException.ProtocolViolation.class);
    }
    Negotiator d = Negotiator.dialer(List.of("/x"));
    d.start();
    assertThatThrownBy(() -> d.receive(concat(Negotiator.encode("/multistream/1.0.0"),
        Negotiator.encode("/y")))).isInstanceOf(MultistreamException.ProtocolViolation.class);
  }

  @Test
  void tooManyProposalsEndIt() throws Exception {
    Negotiator l = Negotiator.listener(Set.of("/x"));
    l.start();
    l.receive(Negotiator.encode("/multistream/1.0.0"));
    for (int i = 0; i < Negotiator.MAX_PROPOSALS; i++) {
      assertThat(l.receive(Negotiator.encode("/nope/" + i)).output())
          .isEqualTo(Negotiator.encode("na"));
    }
    assertThatThrownBy(() -> l.receive(Negotiator.encode("/nope")))
        .isInstanceOf(MultistreamException.NoAgreement.class);
  }

  @Test
  void randomInputNeverThrowsUncheckedAndBuffersStayBounded() {
    long seed = TestSeed.seed("NegotiatorTest.randomInputNeverThrowsUncheckedAndBuffersStayBounded");
    Random rnd = new Random(seed);
    for (int i = 0; i < 3000; i++) {
      Negotiator n = rnd.nextBoolean() ? Negotiator.listener(Set.of("/a"))
          : Negotiator.dialer(List.of("/a", "/b"));
      n.start();
      try {
        for (int k = 0; k < 20 && !n.isDone(); k++) {
          byte[] b = new byte[rnd.nextInt(300)];
          rnd.nextBytes(b);
          if (rnd.nextInt(3) == 0) {
            b = concat(Negotiator.encode(rnd.nextBoolean() ? "/multistream/1.0.0" : "/a"), b);
          }
          n.receive(b);
        }
      } catch (MultistreamException expected) {
        // typed
      } catch (RuntimeException e) {
        throw new AssertionError("seed " + seed, e);
      }
    }
  }
}
