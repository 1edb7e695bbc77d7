package io.github.kvsdk.klaviyo.sandbox.internal.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed X.509 certificate (EC P-256, SHA-256 with ECDSA) made when the sandbox starts with TLS, valid
 * for {@code localhost}, {@code 127.0.0.1}, {@code ::1} and the bind address. The JDK can sign but has no public
 * API to build a certificate, so the few DER structures of one are written here.
 */
public final class SelfSignedCertificate {
  private static final byte[] OID_ECDSA_SHA256 = {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x04, 0x03, 0x02};
  private static final byte[] OID_COMMON_NAME = {0x55, 0x04, 0x03};
  private static final byte[] OID_SUBJECT_ALT_NAME = {0x55, 0x1d, 0x11};
  private static final byte[] OID_BASIC_CONSTRAINTS = {0x55, 0x1d, 0x13};
  private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
      .withZone(ZoneOffset.UTC);

  private final KeyPair keyPair;
  private final X509Certificate certificate;

  private SelfSignedCertificate(KeyPair keyPair, X509Certificate certificate) {
    this.keyPair = keyPair;
    this.certificate = certificate;
  }

  /**
   * {@return a new key pair and a certificate for {@code host} (plus the loopback names), valid for 30 days}
   *
   * @param host the host name the certificate is for, such as {@code localhost}
   */
  public static SelfSignedCertificate create(String host) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      KeyPair keyPair = generator.generateKeyPair();
      Instant now = Instant.now();
      byte[] name = name("Klaviyo sandbox");
      byte[] tbs = sequence(
          tagged(0xa0, integer(BigInteger.TWO)),
          integer(new BigInteger(63, new SecureRandom()).add(BigInteger.ONE)),
          sequence(oid(OID_ECDSA_SHA256)),
          name,
          sequence(utcTime(now.minus(Duration.ofHours(1))), utcTime(now.plus(Duration.ofDays(30)))),
          name,
          keyPair.getPublic().getEncoded(),
          tagged(0xa3, sequence(
              sequence(oid(OID_BASIC_CONSTRAINTS), octets(sequence())),
              sequence(oid(OID_SUBJECT_ALT_NAME), octets(subjectAltNames(host))))));
      Signature signer = Signature.getInstance("SHA256withECDSA");
      signer.initSign(keyPair.getPrivate());
      signer.update(tbs);
      byte[] der = sequence(tbs, sequence(oid(OID_ECDSA_SHA256)), bitString(signer.sign()));
      X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der));
      return new SelfSignedCertificate(keyPair, certificate);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot make the sandbox's TLS certificate", e);
    }
  }

  /** {@return the certificate} */
  public X509Certificate certificate() {
    return certificate;
  }

  /** {@return the certificate in PEM form, for clients to trust} */
  public String pem() {
    try {
      String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
          .encodeToString(certificate.getEncoded());
      return "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@return a server {@link SSLContext} presenting this certificate} */
  public SSLContext serverContext() {
    try {
      char[] password = new char[0];
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("sandbox", keyPair.getPrivate(), password, new X509Certificate[] {certificate});
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, new SecureRandom());
      return context;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("Cannot set up the sandbox's TLS", e);
    }
  }

  private static byte[] subjectAltNames(String host) {
    Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
    names.add(host);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String n : names) {
      byte[] address = literalAddress(n);
      if (address != null) {
        out.writeBytes(tlv(0x87, address));
      } else {
        out.writeBytes(tlv(0x82, n.getBytes(StandardCharsets.US_ASCII)));
      }
    }
    return tlv(0x30, out.toByteArray());
  }

  /** The bytes of an IP literal, or null for a host name (never resolved). */
  private static byte[] literalAddress(String host) {
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (!h.matches("[0-9.]+") && !h.contains(":")) {
      return null;
    }
    try {
      return InetAddress.getByName(h).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static byte[] name(String commonName) {
    return sequence(tlv(0x31, sequence(oid(OID_COMMON_NAME), tlv(0x0c, commonName.getBytes(StandardCharsets.UTF_8)))));
  }

  private static byte[] utcTime(Instant instant) {
    return tlv(0x17, UTC_TIME.format(instant).getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] integer(BigInteger value) {
    return tlv(0x02, value.toByteArray());
  }

  private static byte[] oid(byte[] encoded) {
    return tlv(0x06, encoded);
  }

  private static byte[] octets(byte[] content) {
    return tlv(0x04, content);
  }

  private static byte[] bitString(byte[] content) {
    byte[] withUnusedBits = new byte[content.length + 1];
    System.arraycopy(content, 0, withUnusedBits, 1, content.length);
    return tlv(0x03, withUnusedBits);
  }

  private static byte[] tagged(int tag, byte[] content) {
    return tlv(tag, content);
  }

  private static byte[] sequence(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return tlv(0x30, out.toByteArray());
  }

  /** One DER tag-length-value. */
  private static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
    out.write(tag);
    int length = content.length;
    if (length < 0x80) {
      out.write(length);
    } else if (length < 0x100) {
      out.write(0x81);
      out.write(length);
    } else if (length < 0x10000) {
      out.write(0x82);
      out.write(length >> 8);
      out.write(length);
    } else {
      out.write(0x83);
      out.write(length >> 16);
      out.write(length >> 8);
      out.write(length);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }
}
