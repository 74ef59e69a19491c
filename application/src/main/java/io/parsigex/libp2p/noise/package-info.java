/**
 * The libp2p Noise security handshake ({@code /noise}, Noise_XX_25519_ChaChaPoly_SHA256 with the
 * libp2p identity payload) as a sans-IO state machine ({@link io.parsigex.libp2p.noise.NoiseHandshake})
 * and a Netty handler ({@link io.parsigex.libp2p.noise.NoiseHandler}) that frames, encrypts and
 * decrypts the connection once the handshake is done. Uses the JDK's X25519 and
 * ChaCha20-Poly1305, the latter from the JDK provider {@link
 * io.parsigex.libp2p.noise.ChaChaPolyProvider} finds fastest (NSS through {@code SunPKCS11} before
 * Java 20).
 */
package io.parsigex.libp2p.noise;
