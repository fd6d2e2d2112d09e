//! Checking `manifest.json.p7s`: the CMS `SignedData` is parsed by RustCrypto `cms`, its signed
//! attributes (content type, message digest, signing time) checked against `manifest.json`, the
//! signature verified with the signer certificate's key, and, with trusted certificates given,
//! the signer's chain followed up to one of them on the signing date.

use std::fmt;

use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier};
use der::{Decode, Encode};
use rsa::sha2::{Digest, Sha256};
use time::Date;
use x509_cert::Certificate;
use x509_cert::time::Time;

use super::certs::{self, CertProblem};

/// Who signed, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed {
    /// The signer's common name.
    pub name: String,
    /// The signer's organisation, when given.
    pub organisation: Option<String>,
    /// The certificate's serial number (hex).
    pub serial: String,
    /// The signing date (signingTime).
    pub date: Date,
    /// The trusted certificate the chain reached (when trust was checked).
    pub trusted_by: Option<String>,
}

impl fmt::Display for Signed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "người ký: {}", self.name)?;
        if let Some(o) = &self.organisation {
            write!(f, ", {o}")?;
        }
        write!(f, "; số hiệu chứng thư: {}; ký {}", self.serial, crate::vn::date_long(self.date))?;
        if let Some(t) = &self.trusted_by {
            write!(f, "; chứng thực bởi {t}")?;
        }
        Ok(())
    }
}

/// What `manifest.json.p7s` says.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub enum SignatureState {
    /// The package is not signed.
    #[default]
    Absent,
    /// A valid signature whose signer was not checked against trusted certificates.
    Unchecked(Signed),
    /// A valid signature by a signer whose chain reaches a trusted certificate.
    Trusted(Signed),
    /// A signature that is refused, and why.
    Refused(SignatureProblem),
}

/// Why a signature is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureProblem {
    /// The package carries no signature (refused when trust is asked for).
    #[error("gói không có chữ ký số (manifest.json.p7s) nên không xác thực được nguồn gốc")]
    Missing,
    /// Not a CMS SignedData in DER.
    #[error("tệp chữ ký không phải CMS SignedData hợp lệ: {0}")]
    Malformed(String),
    /// Not exactly one signer.
    #[error("tệp chữ ký có {0} người ký (cần đúng một)")]
    Signers(usize),
    /// The signer's certificate is not in the signature.
    #[error("tệp chữ ký không kèm chứng thư số của người ký")]
    NoCertificate,
    /// The manifest's digest differs from the signed one.
    #[error(
        "manifest.json không phải tệp đã được ký (mã băm khác với mã băm trong chữ ký): gói đã bị sửa sau khi ký"
    )]
    Digest,
    /// A required signed attribute is missing or malformed.
    #[error("chữ ký thiếu thuộc tính bắt buộc: {0}")]
    Attribute(&'static str),
    /// Not SHA-256.
    #[error("chữ ký dùng thuật toán băm không được chấp nhận (cần SHA-256)")]
    DigestAlgorithm,
    /// The signature value does not verify.
    #[error("giá trị chữ ký không hợp lệ với khóa công khai của người ký")]
    Signature,
    /// The signer's certificate or chain is not acceptable.
    #[error("chứng thư số của người ký {who}: {problem}")]
    Certificate {
        /// The signer.
        who: String,
        /// Why.
        problem: CertProblem,
    },
}

/// Checks `p7s` as the detached signature of `manifest`; with `trusted`, also the chain up to one
/// of them on the signing date.
pub fn check_signature(
    manifest: &[u8],
    p7s: &[u8],
    trusted: Option<&[Certificate]>,
) -> Result<Signed, SignatureProblem> {
    let malformed = |e: &dyn fmt::Display| SignatureProblem::Malformed(e.to_string());
    let info = ContentInfo::from_der(p7s).map_err(|e| malformed(&e))?;
    if info.content_type != const_oid::db::rfc5911::ID_SIGNED_DATA {
        return Err(SignatureProblem::Malformed(format!("loại nội dung {}", info.content_type)));
    }
    let data: SignedData = info.content.decode_as().map_err(|e| malformed(&e))?;
    if data.encap_content_info.econtent.is_some() {
        return Err(SignatureProblem::Malformed("chữ ký không tách rời (có kèm nội dung)".to_owned()));
    }
    let signers: Vec<_> = data.signer_infos.0.iter().collect();
    let [signer] = signers.as_slice() else { return Err(SignatureProblem::Signers(signers.len())) };
    let pool: Vec<Certificate> = data
        .certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .filter_map(|c| match c {
            cms::cert::CertificateChoices::Certificate(c) => Some(c.clone()),
            _ => None,
        })
        .collect();
    let cert = match &signer.sid {
        SignerIdentifier::IssuerAndSerialNumber(id) => pool.iter().find(|c| {
            c.tbs_certificate.issuer == id.issuer && c.tbs_certificate.serial_number == id.serial_number
        }),
        SignerIdentifier::SubjectKeyIdentifier(_) => None,
    }
    .ok_or(SignatureProblem::NoCertificate)?;
    if signer.digest_alg.oid != const_oid::db::rfc5912::ID_SHA_256 {
        return Err(SignatureProblem::DigestAlgorithm);
    }
    let attrs = signer.signed_attrs.as_ref().ok_or(SignatureProblem::Attribute("messageDigest"))?;
    let value = |oid| attrs.iter().find(|a| a.oid == oid).and_then(|a| a.values.iter().next());
    let digest = value(const_oid::db::rfc5911::ID_MESSAGE_DIGEST)
        .and_then(|v| der::asn1::OctetStringRef::try_from(v).ok())
        .ok_or(SignatureProblem::Attribute("messageDigest"))?;
    if digest.as_bytes() != Sha256::digest(manifest).as_slice() {
        return Err(SignatureProblem::Digest);
    }
    let content_type = value(const_oid::db::rfc5911::ID_CONTENT_TYPE)
        .and_then(|v| v.decode_as::<const_oid::ObjectIdentifier>().ok())
        .ok_or(SignatureProblem::Attribute("contentType"))?;
    if content_type != data.encap_content_info.econtent_type {
        return Err(SignatureProblem::Attribute("contentType"));
    }
    let date = value(const_oid::db::rfc5911::ID_SIGNING_TIME)
        .and_then(|v| Time::from_der(&v.to_der().ok()?).ok())
        .and_then(|t| certs::date_of(&t))
        .ok_or(SignatureProblem::Attribute("signingTime"))?;
    let signed = attrs.to_der().map_err(|e| malformed(&e))?;
    let algorithm = match signer.signature_algorithm.oid {
        // RSA signatures name either the key algorithm or sha256WithRSAEncryption.
        certs::RSA_ENCRYPTION | certs::RSA_SHA256 => certs::RSA_SHA256,
        other => other,
    };
    certs::verify_with(cert, algorithm, &signed, signer.signature.as_bytes()).map_err(|p| match p {
        CertProblem::BadSignature(_) => SignatureProblem::Signature,
        problem => SignatureProblem::Certificate { who: certs::describe(cert), problem },
    })?;
    let refuse = |problem| SignatureProblem::Certificate { who: certs::describe(cert), problem };
    let trusted_by = match trusted {
        Some(anchors) => {
            certs::check_signer(cert, date).map_err(refuse)?;
            Some(certs::describe(certs::trusted_path(cert, &pool, anchors, date).map_err(refuse)?))
        }
        None => None,
    };
    let subject = &cert.tbs_certificate.subject;
    Ok(Signed {
        name: certs::name_part(subject, const_oid::db::rfc4519::CN).unwrap_or_else(|| subject.to_string()),
        organisation: certs::name_part(subject, const_oid::db::rfc4519::O),
        serial: certs::serial_hex(cert),
        date,
        trusted_by,
    })
}
