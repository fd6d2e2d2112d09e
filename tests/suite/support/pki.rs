//! Throwaway certificate authorities and signers for the signing tests: ECDSA P-256 keys from
//! fixed seeds, certificates made by x509-cert's builder, PKCS #12 files by p12-keystore.

use std::str::FromStr;

use der::{Decode, Encode, EncodePem};
use p256::ecdsa::{DerSignature, SigningKey};
use pkcs8::EncodePrivateKey;
use spki::SubjectPublicKeyInfoOwned;
use x509_cert::Certificate;
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::time::{Time, Validity};

/// The password of the test PKCS #12 files.
pub const PASSWORD: &str = "mật-khẩu thử 123";

/// A key from a fixed seed (the same key in every run).
pub fn key(seed: u8) -> SigningKey {
    SigningKey::from_slice(&[seed; 32]).expect("a valid P-256 scalar")
}

fn time(y: u16, m: u8, d: u8) -> Time {
    let t = der::DateTime::new(y, m, d, 0, 0, 0).expect("a date");
    Time::UtcTime(der::asn1::UtcTime::from_date_time(t).expect("before 2050"))
}

/// Valid from `from` to `until` (year, month, day), at 00:00 UTC.
pub fn validity(from: (u16, u8, u8), until: (u16, u8, u8)) -> Validity {
    Validity { not_before: time(from.0, from.1, from.2), not_after: time(until.0, until.1, until.2) }
}

fn spki(key: &SigningKey) -> SubjectPublicKeyInfoOwned {
    SubjectPublicKeyInfoOwned::from_key(*key.verifying_key()).expect("a public key")
}

/// A self-signed root CA named `name`, valid 2020–2040.
pub fn root(name: &str, key: &SigningKey) -> Certificate {
    let subject = Name::from_str(&format!("CN={name},O=Test CA,C=VN")).expect("a name");
    CertificateBuilder::new(
        Profile::Root,
        SerialNumber::from(1u32),
        validity((2020, 1, 1), (2040, 1, 1)),
        subject,
        spki(key),
        key,
    )
    .expect("a builder")
    .build::<DerSignature>()
    .expect("a root certificate")
}

/// A signer's certificate (key usage digitalSignature and nonRepudiation) issued by `ca`.
pub fn signer(
    cn: &str,
    org: &str,
    key: &SigningKey,
    ca: &Certificate,
    ca_key: &SigningKey,
    valid: Validity,
) -> Certificate {
    signer_spki(cn, org, spki(key), ca, ca_key, valid)
}

/// A PKCS #12 file holding `key` and `chain` (signer first), encrypted with [`PASSWORD`].
pub fn pkcs12(key: &SigningKey, chain: &[Certificate]) -> Vec<u8> {
    let der = key.to_pkcs8_der().expect("PKCS #8");
    let chain: Vec<p12_keystore::Certificate> = chain
        .iter()
        .map(|c| p12_keystore::Certificate::from_der(&c.to_der().expect("DER")).expect("a certificate"))
        .collect();
    let mut store = p12_keystore::KeyStore::new();
    let entry = p12_keystore::PrivateKeyChain::new(der.as_bytes(), [7u8; 20], chain);
    store.add_entry("baocao", p12_keystore::KeyStoreEntry::PrivateKeyChain(entry));
    store.writer(PASSWORD).write().expect("a PKCS #12 file")
}

/// A certificate as PEM.
pub fn pem(cert: &Certificate) -> String {
    cert.to_pem(der::pem::LineEnding::LF).expect("PEM")
}

/// Reads a certificate back from DER (for checks on what a package carries).
pub fn from_der(bytes: &[u8]) -> Certificate {
    Certificate::from_der(bytes).expect("a certificate")
}

/// A signer's certificate for any public key (an RSA key, a key on a token) issued by `ca`.
pub fn signer_spki(
    cn: &str,
    org: &str,
    spki: SubjectPublicKeyInfoOwned,
    ca: &Certificate,
    ca_key: &SigningKey,
    valid: Validity,
) -> Certificate {
    let subject = Name::from_str(&format!("CN={cn},O={org},C=VN")).expect("a name");
    let profile = Profile::Leaf {
        issuer: ca.tbs_certificate.subject.clone(),
        enable_key_agreement: false,
        enable_key_encipherment: false,
    };
    CertificateBuilder::new(profile, SerialNumber::from(0x2024_0619u32), valid, subject, spki, ca_key)
        .expect("a builder")
        .build::<DerSignature>()
        .expect("a signer certificate")
}
