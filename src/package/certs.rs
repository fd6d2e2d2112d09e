//! X.509 certificates for signing and verifying packages: names as printed, validity on a date,
//! key usage, signatures (RSA PKCS #1 v1.5 and ECDSA P-256 with SHA-256) and the path from a
//! signer up to a trusted certificate. Parsing is x509-cert's; the checks follow RFC 5280 for
//! what a package signature needs (no revocation: the signing date is in the past).

use std::fmt;

use const_oid::ObjectIdentifier;
use der::referenced::OwnedToRef;
use der::{Decode, Encode};
use rsa::sha2::Sha256;
use time::Date;
use x509_cert::Certificate;
use x509_cert::ext::pkix::{BasicConstraints, KeyUsage, KeyUsages};
use x509_cert::name::Name;
use x509_cert::time::Time;

/// rsaEncryption.
pub const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
/// id-ecPublicKey.
pub const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
/// sha256WithRSAEncryption.
pub const RSA_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
/// ecdsa-with-SHA256.
pub const ECDSA_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");
/// The deepest chain followed (signer, intermediates, trusted certificate).
const MAX_DEPTH: usize = 8;

/// Why a certificate cannot serve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CertProblem {
    /// Not yet valid on the date.
    NotYetValid(Date),
    /// Expired before the date.
    Expired(Date),
    /// Neither digitalSignature nor nonRepudiation key usage.
    KeyUsage,
    /// No key usage extension at all.
    NoKeyUsage,
    /// An issuer in the chain is not a CA.
    NotCa(String),
    /// No path to a trusted certificate.
    Untrusted(String),
    /// A certificate's signature does not verify.
    BadSignature(String),
    /// An algorithm baocao does not verify.
    Algorithm(String),
    /// The certificate could not be read.
    Unreadable(String),
}

impl fmt::Display for CertProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CertProblem::NotYetValid(d) => {
                write!(f, "chưa có hiệu lực (hiệu lực từ ngày {})", crate::vn::date_short(*d))
            }
            CertProblem::Expired(d) => {
                write!(f, "đã hết hạn (hết hiệu lực ngày {})", crate::vn::date_short(*d))
            }
            CertProblem::KeyUsage => {
                write!(f, "không được phép dùng để ký (thiếu mục đích digitalSignature và nonRepudiation)")
            }
            CertProblem::NoKeyUsage => write!(
                f,
                "không ghi mục đích sử dụng khóa (Key Usage) nên không xác định được là chứng thư ký số"
            ),
            CertProblem::NotCa(who) => {
                write!(f, "chứng thư cấp trên {who} không phải của tổ chức cung cấp dịch vụ chứng thực (CA)")
            }
            CertProblem::Untrusted(who) => {
                write!(f, "không lần được tới chứng thư tin cậy nào (dừng ở {who})")
            }
            CertProblem::BadSignature(who) => write!(f, "chữ ký trên chứng thư {who} không hợp lệ"),
            CertProblem::Algorithm(oid) => write!(f, "thuật toán {oid} không được hỗ trợ"),
            CertProblem::Unreadable(e) => write!(f, "không đọc được chứng thư: {e}"),
        }
    }
}

/// A name's attribute (`CN`, `O`), when present.
pub fn name_part(name: &Name, oid: ObjectIdentifier) -> Option<String> {
    name.0.iter().flat_map(|rdn| rdn.0.iter()).find(|a| a.oid == oid).map(|a| {
        der::asn1::Utf8StringRef::try_from(&a.value)
            .map(|s| s.as_str().to_owned())
            .or_else(|_| der::asn1::PrintableStringRef::try_from(&a.value).map(|s| s.as_str().to_owned()))
            .unwrap_or_else(|_| a.value.value().iter().map(|&b| char::from(b)).collect())
    })
}

/// `CN (O)` of a certificate's subject, for messages.
pub fn describe(cert: &Certificate) -> String {
    let subject = &cert.tbs_certificate.subject;
    let cn = name_part(subject, const_oid::db::rfc4519::CN).unwrap_or_else(|| subject.to_string());
    match name_part(subject, const_oid::db::rfc4519::O) {
        Some(o) if o != cn => format!("«{cn}» ({o})"),
        _ => format!("«{cn}»"),
    }
}

/// The serial number in hex, as certificate viewers print it.
pub fn serial_hex(cert: &Certificate) -> String {
    cert.tbs_certificate.serial_number.as_bytes().iter().map(|b| format!("{b:02X}")).collect()
}

/// A date at 00:00 UTC as an X.509 time (UTCTime before 2050).
pub fn x509_time(date: Date) -> der::Result<Time> {
    let t = der::DateTime::new(
        u16::try_from(date.year()).map_err(|_| der::ErrorKind::DateTime)?,
        u8::from(date.month()),
        date.day(),
        0,
        0,
        0,
    )?;
    Ok(if date.year() < 2050 {
        Time::UtcTime(der::asn1::UtcTime::from_date_time(t)?)
    } else {
        Time::GeneralTime(der::asn1::GeneralizedTime::from_date_time(t))
    })
}

/// The calendar date of an X.509 time (UTC).
pub fn date_of(time: &Time) -> Option<Date> {
    let t = time.to_date_time();
    Date::from_calendar_date(i32::from(t.year()), time::Month::try_from(t.month()).ok()?, t.day()).ok()
}

/// Valid on `date` (a whole day: valid at some moment of it).
pub fn check_validity(cert: &Certificate, date: Date) -> Result<(), CertProblem> {
    let v = &cert.tbs_certificate.validity;
    let (from, until) = (date_of(&v.not_before), date_of(&v.not_after));
    match (from, until) {
        (Some(f), _) if date < f => Err(CertProblem::NotYetValid(f)),
        (_, Some(u)) if date > u => Err(CertProblem::Expired(u)),
        (Some(_), Some(_)) => Ok(()),
        _ => Err(CertProblem::Unreadable("ngày hiệu lực".to_owned())),
    }
}

/// A signer's certificate: valid on `date`, key usage digitalSignature or nonRepudiation.
pub fn check_signer(cert: &Certificate, date: Date) -> Result<(), CertProblem> {
    check_validity(cert, date)?;
    let usage = cert
        .tbs_certificate
        .get::<KeyUsage>()
        .map_err(|e| CertProblem::Unreadable(e.to_string()))?
        .ok_or(CertProblem::NoKeyUsage)?
        .1;
    if usage.0.contains(KeyUsages::DigitalSignature) || usage.0.contains(KeyUsages::NonRepudiation) {
        Ok(())
    } else {
        Err(CertProblem::KeyUsage)
    }
}

/// Verifies `signature` over `message` with the public key of `cert`, for the given algorithm.
pub fn verify_with(
    cert: &Certificate,
    algorithm: ObjectIdentifier,
    message: &[u8],
    signature: &[u8],
) -> Result<(), CertProblem> {
    use signature::Verifier;
    let spki = &cert.tbs_certificate.subject_public_key_info;
    let bad = || CertProblem::BadSignature(describe(cert));
    match (spki.algorithm.oid, algorithm) {
        (RSA_ENCRYPTION, RSA_SHA256 | RSA_ENCRYPTION) => {
            let key = rsa::RsaPublicKey::try_from(spki.owned_to_ref()).map_err(|_| bad())?;
            let sig = rsa::pkcs1v15::Signature::try_from(signature).map_err(|_| bad())?;
            rsa::pkcs1v15::VerifyingKey::<Sha256>::new(key).verify(message, &sig).map_err(|_| bad())
        }
        (EC_PUBLIC_KEY, ECDSA_SHA256) => {
            let key = p256::ecdsa::VerifyingKey::from_sec1_bytes(spki.subject_public_key.raw_bytes())
                .map_err(|_| bad())?;
            let sig = p256::ecdsa::DerSignature::from_bytes(signature).map_err(|_| bad())?;
            key.verify(message, &sig).map_err(|_| bad())
        }
        (_, other) => Err(CertProblem::Algorithm(other.to_string())),
    }
}

/// True when `issuer` signed `cert`.
fn signed_by(cert: &Certificate, issuer: &Certificate) -> Result<(), CertProblem> {
    let tbs = cert.tbs_certificate.to_der().map_err(|e| CertProblem::Unreadable(e.to_string()))?;
    let signature = cert.signature.as_bytes().ok_or_else(|| CertProblem::BadSignature(describe(cert)))?;
    verify_with(issuer, cert.signature_algorithm.oid, &tbs, signature)
}

/// True when `cert` is a CA certificate (basicConstraints cA).
fn is_ca(cert: &Certificate) -> bool {
    matches!(cert.tbs_certificate.get::<BasicConstraints>(), Ok(Some((_, bc))) if bc.ca)
}

/// The path from `signer` up to one of `trusted`, through `pool` (the certificates the signature
/// carries), every certificate valid on `date` and every issuer a CA. Returns the trusted
/// certificate reached.
pub fn trusted_path<'a>(
    signer: &Certificate,
    pool: &[Certificate],
    trusted: &'a [Certificate],
    date: Date,
) -> Result<&'a Certificate, CertProblem> {
    let mut current = signer.clone();
    for _ in 0..MAX_DEPTH {
        check_validity(&current, date).map_err(|p| match p {
            CertProblem::Expired(_) | CertProblem::NotYetValid(_) if current != *signer => {
                CertProblem::Untrusted(format!("{} {p}", describe(&current)))
            }
            p => p,
        })?;
        let issuer_name = &current.tbs_certificate.issuer;
        // A trusted certificate that signed it ends the path.
        if let Some(anchor) = trusted
            .iter()
            .find(|t| &t.tbs_certificate.subject == issuer_name && signed_by(&current, t).is_ok())
        {
            check_validity(anchor, date)
                .map_err(|p| CertProblem::Untrusted(format!("{} {p}", describe(anchor))))?;
            return Ok(anchor);
        }
        // The signer itself may be the trusted certificate.
        if let Some(anchor) = trusted.iter().find(|t| *t == &current) {
            return Ok(anchor);
        }
        let next = pool.iter().find(|c| {
            &c.tbs_certificate.subject == issuer_name && *c != &current && signed_by(&current, c).is_ok()
        });
        match next {
            Some(issuer) if !is_ca(issuer) => return Err(CertProblem::NotCa(describe(issuer))),
            Some(issuer) => current = issuer.clone(),
            None => return Err(CertProblem::Untrusted(describe(&current))),
        }
    }
    Err(CertProblem::Untrusted(describe(&current)))
}

/// Reads trusted certificates from PEM (one or more) or DER.
pub fn load_certificates(bytes: &[u8]) -> Result<Vec<Certificate>, CertProblem> {
    let text = bytes.starts_with(b"-----") || bytes.windows(11).any(|w| w == b"-----BEGIN ");
    let certs = if text {
        Certificate::load_pem_chain(bytes).map_err(|e| CertProblem::Unreadable(e.to_string()))?
    } else {
        vec![Certificate::from_der(bytes).map_err(|e| CertProblem::Unreadable(e.to_string()))?]
    };
    if certs.is_empty() {
        return Err(CertProblem::Unreadable("tệp không có chứng thư nào".to_owned()));
    }
    Ok(certs)
}
