//! Signing with a key that never leaves its USB token, through the token's PKCS #11 module (the
//! `.so` its vendor ships), by the cryptoki crate. The token signs; the signer's certificate (and
//! any other certificate on the token, for the chain) is read from it.
//!
//! RSA keys sign with CKM_SHA256_RSA_PKCS (deterministic, as from a file); ECDSA P-256 keys sign
//! the SHA-256 digest with CKM_ECDSA, whose signatures a token makes with a random nonce, so two
//! signatures of the same manifest then differ in bytes (both verify).

use std::path::Path;
use std::sync::Mutex;

use cryptoki::context::{CInitializeArgs, Pkcs11};
use cryptoki::mechanism::Mechanism;
use cryptoki::object::{Attribute, AttributeType, KeyType, ObjectClass, ObjectHandle};
use cryptoki::session::{Session, UserType};
use cryptoki::types::AuthPin;
use der::Decode;
use rsa::sha2::{Digest, Sha256};
use spki::{AlgorithmIdentifier, SignatureAlgorithmIdentifier};
use x509_cert::Certificate;

use super::certs;
use super::sign::SignError;

/// An open, logged-in session and the private key to sign with.
struct Token {
    session: Mutex<Session>,
    key: ObjectHandle,
}

impl Token {
    fn sign(&self, mechanism: &Mechanism<'_>, data: &[u8]) -> Result<Vec<u8>, signature::Error> {
        let session = self.session.lock().unwrap_or_else(|p| p.into_inner());
        session.sign(mechanism, self.key, data).map_err(signature::Error::from_source)
    }
}

/// An RSA key on a token.
pub struct TokenRsa {
    token: Token,
    public: rsa::pkcs1v15::VerifyingKey<Sha256>,
}

/// An ECDSA P-256 key on a token.
pub struct TokenP256 {
    token: Token,
    public: p256::ecdsa::VerifyingKey,
}

impl signature::Keypair for TokenRsa {
    type VerifyingKey = rsa::pkcs1v15::VerifyingKey<Sha256>;
    fn verifying_key(&self) -> Self::VerifyingKey {
        self.public.clone()
    }
}

impl SignatureAlgorithmIdentifier for TokenRsa {
    type Params = der::AnyRef<'static>;
    const SIGNATURE_ALGORITHM_IDENTIFIER: AlgorithmIdentifier<Self::Params> =
        AlgorithmIdentifier { oid: certs::RSA_SHA256, parameters: Some(der::asn1::AnyRef::NULL) };
}

impl signature::Signer<rsa::pkcs1v15::Signature> for TokenRsa {
    fn try_sign(&self, message: &[u8]) -> Result<rsa::pkcs1v15::Signature, signature::Error> {
        let bytes = self.token.sign(&Mechanism::Sha256RsaPkcs, message)?;
        rsa::pkcs1v15::Signature::try_from(bytes.as_slice())
    }
}

impl signature::Keypair for TokenP256 {
    type VerifyingKey = p256::ecdsa::VerifyingKey;
    fn verifying_key(&self) -> Self::VerifyingKey {
        self.public
    }
}

impl SignatureAlgorithmIdentifier for TokenP256 {
    type Params = der::AnyRef<'static>;
    const SIGNATURE_ALGORITHM_IDENTIFIER: AlgorithmIdentifier<Self::Params> =
        AlgorithmIdentifier { oid: certs::ECDSA_SHA256, parameters: None };
}

impl signature::Signer<p256::ecdsa::DerSignature> for TokenP256 {
    fn try_sign(&self, message: &[u8]) -> Result<p256::ecdsa::DerSignature, signature::Error> {
        let digest = Sha256::digest(message);
        // CKM_ECDSA returns r ‖ s; CMS carries the DER form.
        let raw = self.token.sign(&Mechanism::Ecdsa, &digest)?;
        Ok(p256::ecdsa::Signature::from_slice(&raw)?.to_der())
    }
}

/// A key on a token, of either kind.
pub enum TokenKey {
    /// RSA.
    Rsa(TokenRsa),
    /// ECDSA P-256.
    P256(TokenP256),
}

/// Opens the token labelled `label` through `module`, logs in with `pin`, and returns its signing
/// key with the certificates on the token (the key's own first).
pub fn open(module: &Path, label: &str, pin: &str) -> Result<(TokenKey, Vec<Certificate>), SignError> {
    let fail = |what: &str, e: &dyn std::fmt::Display| SignError::Token(format!("{what}: {e}"));
    let pkcs11 =
        Pkcs11::new(module).map_err(|e| fail(&format!("không nạp được mô-đun {}", module.display()), &e))?;
    pkcs11.initialize(CInitializeArgs::OsThreads).map_err(|e| fail("không khởi tạo được mô-đun", &e))?;
    let slots = pkcs11.get_slots_with_token().map_err(|e| fail("không liệt kê được token", &e))?;
    let mut labels = Vec::new();
    let slot = slots.into_iter().find(|s| {
        let l = pkcs11.get_token_info(*s).map(|i| i.label().trim().to_owned()).unwrap_or_default();
        labels.push(l.clone());
        l == label.trim()
    });
    let Some(slot) = slot else {
        return Err(SignError::Token(format!(
            "không thấy token nhãn «{label}» (các token đang cắm: {})",
            if labels.is_empty() { "không có".to_owned() } else { labels.join(", ") }
        )));
    };
    let session = pkcs11.open_ro_session(slot).map_err(|e| fail("không mở được phiên làm việc", &e))?;
    session
        .login(UserType::User, Some(&AuthPin::new(pin.to_owned())))
        .map_err(|e| fail("không đăng nhập được token (sai mã PIN?)", &e))?;
    let keys = session
        .find_objects(&[Attribute::Class(ObjectClass::PRIVATE_KEY), Attribute::Sign(true)])
        .map_err(|e| fail("không tìm được khóa", &e))?;
    let key =
        *keys.first().ok_or_else(|| SignError::Token("token không có khóa bí mật dùng để ký".to_owned()))?;
    let (key_id, key_type) = {
        let attrs = session
            .get_attributes(key, &[AttributeType::Id, AttributeType::KeyType])
            .map_err(|e| fail("không đọc được khóa", &e))?;
        let mut id = Vec::new();
        let mut kind = None;
        for a in attrs {
            match a {
                Attribute::Id(v) => id = v,
                Attribute::KeyType(k) => kind = Some(k),
                _ => {}
            }
        }
        (id, kind)
    };
    let mut certificates: Vec<(Vec<u8>, Certificate)> = Vec::new();
    for handle in session
        .find_objects(&[Attribute::Class(ObjectClass::CERTIFICATE)])
        .map_err(|e| fail("không tìm được chứng thư", &e))?
    {
        let attrs = session
            .get_attributes(handle, &[AttributeType::Id, AttributeType::Value])
            .map_err(|e| fail("không đọc được chứng thư", &e))?;
        let (mut id, mut value) = (Vec::new(), Vec::new());
        for a in attrs {
            match a {
                Attribute::Id(v) => id = v,
                Attribute::Value(v) => value = v,
                _ => {}
            }
        }
        let cert = Certificate::from_der(&value).map_err(|e| SignError::BadCertificate(e.to_string()))?;
        certificates.push((id, cert));
    }
    // The key's certificate first (same CKA_ID), then the others as the chain.
    certificates.sort_by_key(|(id, _)| *id != key_id);
    if certificates.first().is_none_or(|(id, _)| *id != key_id) {
        return Err(SignError::Token("token không có chứng thư số của khóa ký (cùng CKA_ID)".to_owned()));
    }
    let chain: Vec<Certificate> = certificates.into_iter().map(|(_, c)| c).collect();
    let spki = &chain[0].tbs_certificate.subject_public_key_info;
    let token = Token { session: Mutex::new(session), key };
    let key = match key_type {
        Some(KeyType::RSA) => {
            use der::referenced::OwnedToRef;
            let public =
                rsa::RsaPublicKey::try_from(spki.owned_to_ref()).map_err(|_| SignError::KeyMismatch)?;
            TokenKey::Rsa(TokenRsa { token, public: rsa::pkcs1v15::VerifyingKey::new(public) })
        }
        Some(KeyType::EC) => {
            let public = p256::ecdsa::VerifyingKey::from_sec1_bytes(spki.subject_public_key.raw_bytes())
                .map_err(|_| SignError::KeyKind)?;
            TokenKey::P256(TokenP256 { token, public })
        }
        _ => return Err(SignError::KeyKind),
    };
    Ok((key, chain))
}
