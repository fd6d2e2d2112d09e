//! Signing the package: a detached CMS (PKCS #7) `SignedData` of `manifest.json`, written as
//! `manifest.json.p7s` (DER, SHA-256, RSA PKCS #1 v1.5 or ECDSA P-256, the signer's certificate
//! and chain included, signingTime the report's signing date), so the same inputs and key give
//! the same bytes (RSA PKCS #1 v1.5 and RFC 6979 ECDSA are deterministic).
//!
//! Crates: p12-keystore reads the PKCS #12 file, RustCrypto `cms` builds the `SignedData`,
//! `rsa` and `p256` sign; no ASN.1 is written here beyond the signingTime attribute.

use std::fmt;

use cms::builder::{SignedDataBuilder, SignerInfoBuilder};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::signed_data::{EncapsulatedContentInfo, SignerIdentifier};
use der::asn1::SetOfVec;
use der::{Any, Decode, Encode};
use rsa::sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;
use time::Date;
use x509_cert::Certificate;
use x509_cert::attr::Attribute;

use super::certs::{self, CertProblem};

/// The name of the signature beside the manifest.
pub const SIGNATURE_NAME: &str = super::verify::SIGNATURE_NAME;

/// A private key that can sign: from a PKCS #12 file, or on a token.
enum Key {
    Rsa(rsa::pkcs1v15::SigningKey<Sha256>),
    P256(p256::ecdsa::SigningKey),
    Token(super::token::TokenKey),
}

/// A signing key with its certificate and chain (signer first).
pub struct Signer {
    key: Key,
    chain: Vec<Certificate>,
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never the key.
        write!(f, "Signer({})", certs::describe(&self.chain[0]))
    }
}

/// Why signing could not be done.
#[derive(Debug, thiserror::Error)]
pub enum SignError {
    /// The PKCS #12 file could not be opened (wrong password, damaged file).
    #[error("không mở được tệp khóa PKCS#12 (sai mật khẩu hoặc tệp hỏng): {0}")]
    Pkcs12(String),
    /// The file holds no private key with its certificate.
    #[error("tệp khóa không chứa khóa bí mật kèm chứng thư số")]
    NoKey,
    /// The key is of a kind baocao does not sign with.
    #[error("loại khóa không được hỗ trợ (chỉ RSA hoặc ECDSA P-256)")]
    KeyKind,
    /// The key does not belong to the certificate.
    #[error("khóa bí mật không khớp với chứng thư số trong tệp")]
    KeyMismatch,
    /// The certificate cannot sign on the signing date.
    #[error("chứng thư số {who} không dùng được để ký ngày {date}: {problem}")]
    Certificate {
        /// The certificate (CN, O).
        who: String,
        /// The signing date as printed.
        date: String,
        /// Why.
        problem: CertProblem,
    },
    /// A certificate could not be read.
    #[error("chứng thư số trong tệp khóa không đọc được: {0}")]
    BadCertificate(String),
    /// The token could not be used.
    #[error("không ký được bằng token PKCS#11: {0}")]
    Token(String),
    /// Building the CMS structure failed.
    #[error("không tạo được chữ ký CMS: {0}")]
    Cms(String),
}

impl Signer {
    /// Reads a PKCS #12 (`.p12`, `.pfx`) file's first key and its certificate chain.
    pub fn from_pkcs12(bytes: &[u8], password: &str) -> Result<Signer, SignError> {
        let store = p12_keystore::KeyStore::from_pkcs12(bytes, password)
            .map_err(|e| SignError::Pkcs12(e.to_string()))?;
        let (_, entry) = store.private_key_chain().ok_or(SignError::NoKey)?;
        let chain = entry
            .chain()
            .iter()
            .map(|c| Certificate::from_der(c.as_der()).map_err(|e| SignError::BadCertificate(e.to_string())))
            .collect::<Result<Vec<_>, _>>()?;
        Signer::from_pkcs8(entry.key(), chain)
    }

    /// The signing key on the token labelled `label`, reached through the PKCS #11 `module`
    /// and unlocked with `pin`, with the certificates on the token.
    pub fn from_pkcs11(module: &std::path::Path, label: &str, pin: &str) -> Result<Signer, SignError> {
        let (key, chain) = super::token::open(module, label, pin)?;
        Ok(Signer { key: Key::Token(key), chain })
    }

    /// A signer from a PKCS #8 private key (DER) and its certificate chain, signer first.
    pub fn from_pkcs8(key: &[u8], chain: Vec<Certificate>) -> Result<Signer, SignError> {
        use pkcs8::DecodePrivateKey;
        let first = chain.first().ok_or(SignError::NoKey)?;
        let info = pkcs8::PrivateKeyInfo::try_from(key).map_err(|_| SignError::KeyKind)?;
        let key = match info.algorithm.oid {
            certs::RSA_ENCRYPTION => {
                let k = rsa::RsaPrivateKey::from_pkcs8_der(key).map_err(|_| SignError::KeyKind)?;
                Key::Rsa(rsa::pkcs1v15::SigningKey::<Sha256>::new(k))
            }
            certs::EC_PUBLIC_KEY => {
                Key::P256(p256::ecdsa::SigningKey::from_pkcs8_der(key).map_err(|_| SignError::KeyKind)?)
            }
            _ => return Err(SignError::KeyKind),
        };
        let public = match &key {
            Key::Rsa(k) => spki::EncodePublicKey::to_public_key_der(&k.as_ref().to_public_key()),
            Key::P256(k) => spki::EncodePublicKey::to_public_key_der(k.verifying_key()),
            Key::Token(_) => return Err(SignError::KeyKind),
        }
        .map_err(|e| SignError::Cms(e.to_string()))?;
        let cert_key = first
            .tbs_certificate
            .subject_public_key_info
            .to_der()
            .map_err(|e| SignError::Cms(e.to_string()))?;
        if public.as_bytes() != cert_key.as_slice() {
            return Err(SignError::KeyMismatch);
        }
        Ok(Signer { key, chain })
    }

    /// The signer's certificate.
    pub fn certificate(&self) -> &Certificate {
        &self.chain[0]
    }

    /// Refuses a certificate that is not valid on `date` or lacks the digitalSignature and
    /// nonRepudiation key usages.
    pub fn check(&self, date: Date) -> Result<(), SignError> {
        certs::check_signer(self.certificate(), date).map_err(|problem| SignError::Certificate {
            who: certs::describe(self.certificate()),
            date: crate::vn::date_short(date),
            problem,
        })
    }

    /// The detached signature of `content` (DER `ContentInfo`), dated `date`; the certificate is
    /// checked first.
    pub fn sign(&self, content: &[u8], date: Date) -> Result<Vec<u8>, SignError> {
        self.check(date)?;
        self.sign_unchecked(content, date)
    }

    /// [`Signer::sign`] without checking the certificate (tests make refused signatures with it).
    pub fn sign_unchecked(&self, content: &[u8], date: Date) -> Result<Vec<u8>, SignError> {
        let cms = |e: &dyn fmt::Display| SignError::Cms(e.to_string());
        let digest = Sha256::digest(content);
        let econtent =
            EncapsulatedContentInfo { econtent_type: const_oid::db::rfc5911::ID_DATA, econtent: None };
        let cert = self.certificate();
        let sid = SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: cert.tbs_certificate.issuer.clone(),
            serial_number: cert.tbs_certificate.serial_number.clone(),
        });
        let digest_alg =
            AlgorithmIdentifierOwned { oid: const_oid::db::rfc5912::ID_SHA_256, parameters: None };
        let time = signing_time(date).map_err(|e| cms(&e))?;
        let mut data = SignedDataBuilder::new(&econtent);
        data.add_digest_algorithm(digest_alg.clone()).map_err(|e| cms(&e))?;
        for c in &self.chain {
            data.add_certificate(CertificateChoices::Certificate(c.clone())).map_err(|e| cms(&e))?;
        }
        let signer = SignerPart { sid, digest_alg, econtent: &econtent, digest: &digest, time };
        match &self.key {
            Key::Rsa(k) => signer.add::<_, rsa::pkcs1v15::Signature>(&mut data, k)?,
            Key::P256(k) => signer.add::<_, p256::ecdsa::DerSignature>(&mut data, k)?,
            Key::Token(super::token::TokenKey::Rsa(k)) => {
                signer.add::<_, rsa::pkcs1v15::Signature>(&mut data, k)?
            }
            Key::Token(super::token::TokenKey::P256(k)) => {
                signer.add::<_, p256::ecdsa::DerSignature>(&mut data, k)?
            }
        }
        data.build().map_err(|e| cms(&e))?.to_der().map_err(|e| cms(&e))
    }
}

/// What a signer info is made of, whatever the key.
struct SignerPart<'a> {
    sid: SignerIdentifier,
    digest_alg: AlgorithmIdentifierOwned,
    econtent: &'a EncapsulatedContentInfo,
    digest: &'a [u8],
    time: Attribute,
}

impl SignerPart<'_> {
    /// Signs with `key` and adds the signer info to `data`.
    fn add<S, Sig>(self, data: &mut SignedDataBuilder<'_>, key: &S) -> Result<(), SignError>
    where
        S: signature::Keypair + spki::DynSignatureAlgorithmIdentifier + signature::Signer<Sig>,
        Sig: spki::SignatureBitStringEncoding,
    {
        let cms = |e: &dyn fmt::Display| SignError::Cms(e.to_string());
        let mut info =
            SignerInfoBuilder::new(key, self.sid, self.digest_alg, self.econtent, Some(self.digest))
                .map_err(|e| cms(&e))?;
        info.add_signed_attribute(self.time).map_err(|e| cms(&e))?;
        data.add_signer_info::<S, Sig>(info).map_err(|e| cms(&e))?;
        Ok(())
    }
}

/// The signingTime attribute (RFC 5652 § 11.3) of a date at 00:00 UTC.
fn signing_time(date: Date) -> der::Result<Attribute> {
    let time = certs::x509_time(date)?;
    let mut values = SetOfVec::new();
    values.insert(Any::encode_from(&time)?)?;
    Ok(Attribute { oid: const_oid::db::rfc5911::ID_SIGNING_TIME, values })
}

/// True when `bytes` is a PDF carrying a signature: the `%PDF-` header, a signature dictionary
/// (`/Type /Sig` or a `/Sig` field) with its `/ByteRange` and `/Contents`. Checked on the bytes
/// the office's signing software wrote; the file is never rewritten.
pub fn is_signed_pdf(bytes: &[u8]) -> bool {
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    bytes.starts_with(b"%PDF-")
        && has(b"/ByteRange")
        && has(b"/Contents")
        && (has(b"/Sig") || has(b"/DocTimeStamp"))
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use p256::ecdsa::DerSignature;
    use spki::SubjectPublicKeyInfoOwned;
    use x509_cert::builder::{Builder, CertificateBuilder, Profile};
    use x509_cert::name::Name;
    use x509_cert::serial_number::SerialNumber;
    use x509_cert::time::Validity;

    use super::*;
    use crate::package::signature::{SignatureProblem, check_signature};

    /// A throwaway RSA key made by `openssl genpkey` for these tests only.
    const RSA_KEY: &str = include_str!("../../tests/fixtures/pki/rsa-test-key.pem");

    fn date(y: i32, m: u8, d: u8) -> Date {
        Date::from_calendar_date(y, time::Month::try_from(m).expect("a month"), d).expect("a date")
    }

    fn validity(from: Date, until: Date) -> Validity {
        Validity {
            not_before: certs::x509_time(from).expect("time"),
            not_after: certs::x509_time(until).expect("time"),
        }
    }

    fn ca(key: &p256::ecdsa::SigningKey) -> Certificate {
        let spki = SubjectPublicKeyInfoOwned::from_key(*key.verifying_key()).expect("spki");
        let subject = Name::from_str("CN=CA thử,O=Test,C=VN").expect("name");
        let valid = validity(date(2020, 1, 1), date(2040, 1, 1));
        CertificateBuilder::new(Profile::Root, SerialNumber::from(1u32), valid, subject, spki, key)
            .expect("builder")
            .build::<DerSignature>()
            .expect("root")
    }

    fn leaf(
        spki: SubjectPublicKeyInfoOwned,
        ca: &Certificate,
        ca_key: &p256::ecdsa::SigningKey,
    ) -> Certificate {
        let profile = Profile::Leaf {
            issuer: ca.tbs_certificate.subject.clone(),
            enable_key_agreement: false,
            enable_key_encipherment: false,
        };
        let subject = Name::from_str("CN=Người Ký,O=Sở Thử,C=VN").expect("name");
        let valid = validity(date(2024, 1, 1), date(2024, 12, 31));
        CertificateBuilder::new(profile, SerialNumber::from(77u32), valid, subject, spki, ca_key)
            .expect("builder")
            .build::<DerSignature>()
            .expect("leaf")
    }

    #[test]
    fn rsa_and_ecdsa_signatures_verify_and_are_deterministic() {
        let ca_key = p256::ecdsa::SigningKey::from_slice(&[3; 32]).expect("key");
        let root = ca(&ca_key);
        let (_, rsa_der) = der::pem::decode_vec(RSA_KEY.as_bytes()).expect("PEM");
        let rsa_public = {
            use pkcs8::DecodePrivateKey;
            rsa::RsaPrivateKey::from_pkcs8_der(&rsa_der).expect("RSA").to_public_key()
        };
        let ec_key = p256::ecdsa::SigningKey::from_slice(&[4; 32]).expect("key");
        let ec_der = pkcs8::EncodePrivateKey::to_pkcs8_der(&ec_key).expect("PKCS #8");
        let signers = [
            (rsa_der.clone(), SubjectPublicKeyInfoOwned::from_key(rsa_public).expect("spki")),
            (
                ec_der.as_bytes().to_vec(),
                SubjectPublicKeyInfoOwned::from_key(*ec_key.verifying_key()).expect("spki"),
            ),
        ];
        let manifest = b"{\"files\": []}";
        for (key, spki) in signers {
            let cert = leaf(spki, &root, &ca_key);
            let signer = Signer::from_pkcs8(&key, vec![cert, root.clone()]).expect("a signer");
            let p7s = signer.sign(manifest, date(2024, 6, 20)).expect("signed");
            assert_eq!(p7s, signer.sign(manifest, date(2024, 6, 20)).expect("signed"), "deterministic");
            let signed = check_signature(manifest, &p7s, Some(std::slice::from_ref(&root))).expect("valid");
            assert_eq!(signed.name, "Người Ký");
            assert_eq!(signed.organisation.as_deref(), Some("Sở Thử"));
            assert_eq!(signed.date, date(2024, 6, 20));
            assert_eq!(signed.serial, "4D");
            assert_eq!(check_signature(b"{\"files\": [1]}", &p7s, None), Err(SignatureProblem::Digest));
            // Outside the certificate's validity: refused before signing, and when verifying a
            // signature made anyway.
            let late = date(2025, 3, 1);
            assert!(matches!(signer.sign(manifest, late), Err(SignError::Certificate { .. })));
            let p7s = signer.sign_unchecked(manifest, late).expect("signed");
            let err =
                check_signature(manifest, &p7s, Some(std::slice::from_ref(&root))).expect_err("expired");
            assert!(err.to_string().contains("đã hết hạn"), "{err}");
        }
    }

    #[test]
    fn a_key_must_match_its_certificate() {
        let ca_key = p256::ecdsa::SigningKey::from_slice(&[3; 32]).expect("key");
        let root = ca(&ca_key);
        let other = p256::ecdsa::SigningKey::from_slice(&[5; 32]).expect("key");
        let cert =
            leaf(SubjectPublicKeyInfoOwned::from_key(*other.verifying_key()).expect("spki"), &root, &ca_key);
        let key = pkcs8::EncodePrivateKey::to_pkcs8_der(&ca_key).expect("PKCS #8");
        assert!(matches!(Signer::from_pkcs8(key.as_bytes(), vec![cert]), Err(SignError::KeyMismatch)));
    }

    #[test]
    fn signed_pdfs_are_told_from_plain_ones() {
        assert!(is_signed_pdf(b"%PDF-1.7 << /Type /Sig /ByteRange [0 1 2 3] /Contents <00> >>"));
        assert!(!is_signed_pdf(b"%PDF-1.7 << /Type /Page >>"));
        assert!(!is_signed_pdf(b"PK\x03\x04 /Sig /ByteRange /Contents"));
    }
}
