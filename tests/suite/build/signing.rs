//! The authoritative package: `package --sign` (PKCS #12) signs `manifest.json` with a detached
//! CMS signature, `--signed-pdf` carries the PDF the office signed, and `verify --trust` checks
//! the signature and the signer's chain up to a trusted CA on the signing date.

use std::collections::BTreeMap;

use crate::support::pki;
use crate::support::workspace::{Run, Workspace};

const PACKAGE: &str = "goi-bao-cao-2024-Q2.zip";

/// A CA, and a signer's PKCS #12 file valid on `valid`, written beside the data folder; returns
/// the paths of the .p12 and of the CA's PEM.
fn credentials(ws: &Workspace, valid: x509_cert::time::Validity) -> (String, String) {
    let (ca_key, signer_key) = (pki::key(1), pki::key(2));
    let ca = pki::root("CA thử nghiệm", &ca_key);
    let cert =
        pki::signer("Nguyễn Văn An", "Sở Kế hoạch và Đầu tư Bắc Giang", &signer_key, &ca, &ca_key, valid);
    let p12 = ws.root().join("ky-so.p12");
    std::fs::write(&p12, pki::pkcs12(&signer_key, &[cert, ca.clone()])).expect("written");
    let pem = ws.root().join("ca.pem");
    std::fs::write(&pem, pki::pem(&ca)).expect("written");
    (p12.display().to_string(), pem.display().to_string())
}

fn valid_2024() -> x509_cert::time::Validity {
    pki::validity((2024, 1, 1), (2026, 12, 31))
}

fn package_signed(ws: &Workspace, p12: &str, extra: &[&str]) -> Run {
    let mut args = vec!["-q", "--sign", p12];
    args.extend_from_slice(extra);
    ws.run_env("package", &args, &[("BAOCAO_SIGN_PASSWORD", pki::PASSWORD)])
}

fn verify(ws: &Workspace, trust: Option<&str>) -> Run {
    let zip = ws.quarter("2024-Q2").join(PACKAGE);
    let zip = zip.to_str().expect("UTF-8");
    match trust {
        Some(t) => crate::support::workspace::baocao(&["verify", "--trust", t, zip]),
        None => crate::support::workspace::baocao(&["verify", zip]),
    }
}

#[test]
fn a_signed_package_verifies_against_its_ca_and_names_the_signer() {
    let ws = Workspace::final_sample();
    let (p12, ca) = credentials(&ws, valid_2024());
    let run = package_signed(&ws, &p12, &[]);
    assert!(run.success(), "{}", run.stderr);
    let files = baocao::package::archive::read_zip(&ws.read("2024-Q2", PACKAGE)).expect("a zip");
    assert!(files.contains_key("manifest.json.p7s"), "{:?}", files.keys());
    for docx in ["bao-cao.docx", "phu-luc-1.docx", "phu-luc-2.docx", "phu-luc-3.docx", "bao-cao-day-du.docx"]
    {
        assert!(files.contains_key(docx), "the Word documents are packaged (and so signed): {docx}");
    }

    let run = verify(&ws, Some(&ca));
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    for said in [
        "chữ ký số hợp lệ và đáng tin cậy",
        "Nguyễn Văn An",
        "Sở Kế hoạch và Đầu tư Bắc Giang",
        "ngày 20 tháng 6 năm 2024",
        "20240619",
        "CA thử nghiệm",
    ] {
        assert!(run.stdout.contains(said), "{said}: {}", run.stdout);
    }
    // Without trusted certificates verify says a signature is there, and claims nothing more.
    let run = verify(&ws, None);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(run.stdout.contains("CHƯA xác thực người ký"), "{}", run.stdout);

    // The same inputs and key give the same bytes.
    let first = ws.read("2024-Q2", PACKAGE);
    assert!(package_signed(&ws, &p12, &[]).success());
    assert!(first == ws.read("2024-Q2", PACKAGE), "signing is deterministic");

    // OpenSSL agrees, where it is installed (at the signing date: the test CA is not today's).
    if let Ok(out) = std::process::Command::new("openssl").arg("version").output()
        && out.status.success()
    {
        let dir = tempfile::tempdir().expect("a folder");
        std::fs::write(dir.path().join("manifest.json"), &files["manifest.json"]).expect("written");
        std::fs::write(dir.path().join("manifest.json.p7s"), &files["manifest.json.p7s"]).expect("written");
        let at = "1718841600"; // 2024-06-20T00:00:00Z
        let out = std::process::Command::new("openssl")
            .current_dir(dir.path())
            .args([
                "cms",
                "-verify",
                "-binary",
                "-inform",
                "DER",
                "-in",
                "manifest.json.p7s",
                "-content",
                "manifest.json",
            ])
            .args(["-CAfile", &ca, "-purpose", "any", "-attime", at, "-out", "/dev/null"])
            .output()
            .expect("openssl runs");
        assert!(out.status.success(), "openssl: {}", String::from_utf8_lossy(&out.stderr));
    } else {
        println!("openssl không có trên máy: bỏ qua bước kiểm tra bằng OpenSSL");
    }
}

#[test]
fn a_package_changed_and_rehashed_after_signing_is_refused() {
    let ws = Workspace::final_sample();
    let (p12, ca) = credentials(&ws, valid_2024());
    assert!(package_signed(&ws, &p12, &[]).success());
    // Change a figure and write a manifest with the new hash: `verify` without a signature would
    // call this package intact.
    let mut files: BTreeMap<String, Vec<u8>> =
        baocao::package::archive::read_zip(&ws.read("2024-Q2", PACKAGE)).expect("a zip");
    let changed = b"{\"tampered\":true}".to_vec();
    let mut manifest: serde_json::Value = serde_json::from_slice(&files["manifest.json"]).expect("JSON");
    for f in manifest["files"].as_array_mut().expect("files") {
        if f["path"] == "tong-hop.json" {
            f["sha256"] = baocao::hash::sha256_hex(&changed).into();
            f["size"] = changed.len().into();
        }
    }
    files.insert("tong-hop.json".to_owned(), changed);
    files.insert("manifest.json".to_owned(), serde_json::to_vec_pretty(&manifest).expect("JSON"));
    let date = time::Date::from_calendar_date(2024, time::Month::June, 20).expect("a date");
    let zip = baocao::package::archive::write_zip(&files, date).expect("a zip");
    std::fs::write(ws.quarter("2024-Q2").join(PACKAGE), zip).expect("written");
    for trust in [Some(ca.as_str()), None] {
        let run = verify(&ws, trust);
        assert_eq!(run.code, 1, "{}", run.stdout);
        assert!(run.stdout.contains("gói đã bị sửa sau khi ký"), "{}", run.stdout);
    }
}

#[test]
fn a_signer_of_another_ca_or_no_signature_is_refused_with_trust() {
    let ws = Workspace::final_sample();
    let (p12, _) = credentials(&ws, valid_2024());
    let other = ws.root().join("ca-khac.pem");
    std::fs::write(&other, pki::pem(&pki::root("CA khác", &pki::key(9)))).expect("written");
    let other = other.display().to_string();
    assert!(package_signed(&ws, &p12, &[]).success());
    let run = verify(&ws, Some(&other));
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.contains("không lần được tới chứng thư tin cậy"), "{}", run.stdout);

    // Unsigned: intact, but not authentic.
    ws.ok("package", &["-q", "--final"]);
    let run = verify(&ws, Some(&other));
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.contains("gói không có chữ ký số"), "{}", run.stdout);
    assert_eq!(verify(&ws, None).code, 0, "without --trust an unsigned intact package passes as before");
}

#[test]
fn unusable_certificates_and_drafts_are_refused_before_signing() {
    // Expired on the signing date.
    let ws = Workspace::final_sample();
    let (p12, _) = credentials(&ws, pki::validity((2022, 1, 1), (2023, 12, 31)));
    let run = package_signed(&ws, &p12, &[]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("đã hết hạn (hết hiệu lực ngày 31/12/2023)"), "{}", run.stderr);
    assert!(!ws.quarter("2024-Q2").join(PACKAGE).exists(), "nothing is written");

    // A CA certificate (key usage keyCertSign only) cannot sign a report.
    let key = pki::key(1);
    let ca = pki::root("CA thử nghiệm", &key);
    let p12 = ws.root().join("ca.p12");
    std::fs::write(&p12, pki::pkcs12(&key, &[ca])).expect("written");
    let run = package_signed(&ws, p12.to_str().expect("UTF-8"), &[]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("không được phép dùng để ký"), "{}", run.stderr);

    // A wrong password.
    let (p12, _) = credentials(&ws, valid_2024());
    let run = ws.run_env("package", &["-q", "--sign", &p12], &[("BAOCAO_SIGN_PASSWORD", "sai")]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("sai mật khẩu"), "{}", run.stderr);

    // A draft is never signed: the sample lacks its issuance fields.
    let draft = Workspace::sample();
    let (p12, _) = credentials(&draft, valid_2024());
    let run = package_signed(&draft, &p12, &[]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("số báo cáo"), "{}", run.stderr);
    assert!(!draft.quarter("2024-Q2").join(PACKAGE).exists());
}

#[test]
fn the_pdf_the_office_signed_is_packaged_byte_for_byte() {
    let ws = Workspace::final_sample();
    let signed = b"%PDF-1.7\n1 0 obj << /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /ByteRange [0 10 20 30] /Contents <3082> >> endobj\n%%EOF\n".to_vec();
    let path = ws.root().join("bao-cao-da-ky.pdf");
    std::fs::write(&path, &signed).expect("written");
    let run = ws.ok("package", &["-q", "--signed-pdf", path.to_str().expect("UTF-8")]);
    drop(run);
    let files = baocao::package::archive::read_zip(&ws.read("2024-Q2", PACKAGE)).expect("a zip");
    assert_eq!(files["bao-cao.pdf"], signed, "never rewritten");
    assert_eq!(files["bao-cao-chua-ky.pdf"], ws.read("2024-Q2", "bao-cao.pdf"), "the typeset one, beside it");
    let manifest = String::from_utf8(files["manifest.json"].clone()).expect("UTF-8");
    assert!(
        manifest.contains("\"bao-cao-chua-ky.pdf\"") && manifest.contains("bản văn phòng đã ký số"),
        "{manifest}"
    );
    assert_eq!(verify(&ws, None).code, 0);

    // A PDF without a signature is refused.
    let plain = ws.root().join("chua-ky.pdf");
    std::fs::write(&plain, ws.read("2024-Q2", "bao-cao.pdf")).expect("written");
    let run = ws.run("package", &["-q", "--signed-pdf", plain.to_str().expect("UTF-8")]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("không phải tệp PDF có chữ ký số"), "{}", run.stderr);
}

/// A SoftHSM2 token in a folder of its own, with the tools to fill it; `None` (and the reason)
/// where SoftHSM2 or OpenSC's pkcs11-tool is not installed.
struct SoftHsm {
    dir: tempfile::TempDir,
    module: std::path::PathBuf,
}

const TOKEN: &str = "baocao-thu";
const PIN: &str = "123456";

impl SoftHsm {
    fn new() -> Result<SoftHsm, String> {
        let module = [
            "/usr/lib/softhsm/libsofthsm2.so",
            "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
            "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
        ]
        .iter()
        .map(std::path::PathBuf::from)
        .find(|p| p.exists())
        .ok_or("không có libsofthsm2.so (gói softhsm2)")?;
        for tool in ["softhsm2-util", "pkcs11-tool"] {
            let found = std::process::Command::new(tool).arg("--help").output().is_ok();
            if !found {
                return Err(format!("không có {tool} (gói softhsm2, opensc)"));
            }
        }
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        std::fs::create_dir(dir.path().join("tokens")).map_err(|e| e.to_string())?;
        let conf = format!(
            "directories.tokendir = {}\nobjectstore.backend = file\nlog.level = ERROR\n",
            dir.path().join("tokens").display()
        );
        std::fs::write(dir.path().join("softhsm2.conf"), conf).map_err(|e| e.to_string())?;
        let hsm = SoftHsm { dir, module };
        hsm.tool(
            "softhsm2-util",
            &["--init-token", "--free", "--label", TOKEN, "--so-pin", "12345678", "--pin", PIN],
        );
        Ok(hsm)
    }

    fn conf(&self) -> String {
        self.dir.path().join("softhsm2.conf").display().to_string()
    }

    fn tool(&self, tool: &str, args: &[&str]) {
        let out = std::process::Command::new(tool)
            .args(args)
            .env("SOFTHSM2_CONF", self.conf())
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{tool} {args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Puts a PKCS #8 PEM key and its DER certificate on the token under one CKA_ID.
    fn import(&self, key_pem: &std::path::Path, cert_der: &[u8]) {
        let key = key_pem.display().to_string();
        self.tool(
            "softhsm2-util",
            &["--import", &key, "--token", TOKEN, "--label", "ky-so", "--id", "01", "--pin", PIN],
        );
        let cert = self.dir.path().join("cert.der");
        std::fs::write(&cert, cert_der).expect("written");
        let module = self.module.display().to_string();
        let cert = cert.display().to_string();
        self.tool(
            "pkcs11-tool",
            &[
                "--module",
                &module,
                "--token-label",
                TOKEN,
                "--login",
                "--pin",
                PIN,
                "--write-object",
                &cert,
                "--type",
                "cert",
                "--id",
                "01",
                "--label",
                "ky-so",
            ],
        );
    }
}

#[test]
fn a_usb_token_signs_through_pkcs11() {
    let hsm = match SoftHsm::new() {
        Ok(h) => h,
        Err(why) => {
            println!("bỏ qua kiểm thử ký bằng token PKCS#11: {why}");
            return;
        }
    };
    // The RSA test key on the token, its certificate issued by the test CA.
    let key_pem =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pki/rsa-test-key.pem");
    let (_, der) = der::pem::decode_vec(&std::fs::read(&key_pem).expect("the key")).expect("PEM");
    let public = {
        use pkcs8::DecodePrivateKey;
        rsa::RsaPrivateKey::from_pkcs8_der(&der).expect("RSA").to_public_key()
    };
    let ca_key = pki::key(1);
    let ca = pki::root("CA thử nghiệm", &ca_key);
    let spki = spki::SubjectPublicKeyInfoOwned::from_key(public).expect("SPKI");
    let cert = pki::signer_spki("Trần Thị Bình", "Sở Tài chính Bắc Giang", spki, &ca, &ca_key, valid_2024());
    hsm.import(&key_pem, &der::Encode::to_der(&cert).expect("DER"));

    let ws = Workspace::final_sample();
    let ca_pem = ws.root().join("ca.pem");
    std::fs::write(&ca_pem, pki::pem(&ca)).expect("written");
    let module = hsm.module.display().to_string();
    let conf = hsm.conf();
    let sign = |pin: &str| {
        ws.run_env(
            "package",
            &["-q", "--sign-pkcs11", &module, "--token-label", TOKEN],
            &[("BAOCAO_SIGN_PIN", pin), ("SOFTHSM2_CONF", &conf)],
        )
    };
    let run = sign(PIN);
    assert!(run.success(), "{}", run.stderr);
    let run = verify(&ws, Some(ca_pem.to_str().expect("UTF-8")));
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout.contains("Trần Thị Bình") && run.stdout.contains("Sở Tài chính Bắc Giang"),
        "{}",
        run.stdout
    );
    // RSA PKCS #1 v1.5 on the token is deterministic too.
    let first = ws.read("2024-Q2", PACKAGE);
    assert!(sign(PIN).success());
    assert!(first == ws.read("2024-Q2", PACKAGE), "the same bytes");
    // A wrong PIN, a wrong label: refused with the reason.
    let run = sign("000000");
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("sai mã PIN"), "{}", run.stderr);
    let run = ws.run_env(
        "package",
        &["-q", "--sign-pkcs11", &module, "--token-label", "khong-co"],
        &[("BAOCAO_SIGN_PIN", PIN), ("SOFTHSM2_CONF", &conf)],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("không thấy token nhãn «khong-co»") && run.stderr.contains(TOKEN),
        "{}",
        run.stderr
    );
}
