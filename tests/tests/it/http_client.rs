//! What the runtime's HTTP client puts on the wire, read by TCP listeners on 127.0.0.1 started
//! here: through a proxy, a plain-HTTP request goes to the proxy whole (absolute URL,
//! credentials in `Proxy-Authorization`) and an HTTPS one asks for a `CONNECT` tunnel; directly,
//! a request carries its length even when it has no body; over TLS, the server's certificate is
//! checked against the roots the client was given.

use std::io::{Read as _, Write as _};
use std::sync::Arc;

use clientgen_runtime::bytes::Bytes;
use clientgen_runtime::http::Request;
use clientgen_runtime::rustls;
use clientgen_runtime::HttpClient;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// Accepts one connection, reads the request head, answers `reply`, and returns the head.
async fn proxy_once(reply: &'static str) -> (String, tokio::task::JoinHandle<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://user:pa%20ss@{}", listener.local_addr().unwrap());
    let head = tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut head = Vec::new();
        let mut buf = [0u8; 1024];
        while !head.windows(4).any(|w| w == b"\r\n\r\n") {
            let n = socket.read(&mut buf).await.unwrap();
            assert!(n > 0, "the client closed before sending a request head");
            head.extend_from_slice(&buf[..n]);
        }
        socket.write_all(reply.as_bytes()).await.unwrap();
        socket.shutdown().await.unwrap();
        String::from_utf8(head).unwrap()
    });
    (address, head)
}

fn get(url: &str) -> Request<Bytes> {
    Request::get(url).body(Bytes::new()).unwrap()
}

#[tokio::test]
async fn plain_http_goes_to_the_proxy_as_an_absolute_url_with_its_credentials() {
    let (proxy, head) =
        proxy_once("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}").await;
    let http = HttpClient::builder().proxy(&proxy).build().unwrap();
    let response = http.send(get("http://api.example.test/v2/users/me?x=1"), None).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(&response.body()[..], b"{}");
    let head = head.await.unwrap();
    assert!(head.starts_with("GET http://api.example.test/v2/users/me?x=1 HTTP/1.1\r\n"), "{head}");
    // "user:pa ss", as the URL's percent-encoding means it.
    assert!(head.to_lowercase().contains("proxy-authorization: basic dxnlcjpwysbzcw==\r\n"), "{head}");
}

#[tokio::test]
async fn https_asks_the_proxy_for_a_tunnel_and_a_refusal_is_a_connect_error() {
    let (proxy, head) = proxy_once("HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n").await;
    let http = HttpClient::builder().proxy(&proxy).build().unwrap();
    let err = http.send(get("https://api.example.test/v2/users/me"), None).await.unwrap_err();
    assert!(err.is_connect(), "{err:?}");
    let head = head.await.unwrap();
    assert!(head.starts_with("CONNECT api.example.test:443 HTTP/1.1\r\n"), "{head}");
    assert!(head.to_lowercase().contains("proxy-authorization: basic dxnlcjpwysbzcw==\r\n"), "{head}");
    // The path never reaches the proxy in clear.
    assert!(!head.contains("/v2/users/me"), "{head}");
}

#[tokio::test]
async fn no_proxy_connects_directly_and_a_bodiless_post_says_its_length() {
    // Google answers a POST without a length with 411 Length Required.
    let (server, head) = proxy_once("HTTP/1.1 204 No Content\r\n\r\n").await;
    let server = server.replace("user:pa%20ss@", "");
    let http = HttpClient::builder().no_proxy().build().unwrap();
    let request = Request::post(format!("{server}/v1/subscriptions/1/startPaidService")).body(Bytes::new()).unwrap();
    let response = http.send(request, None).await.unwrap();
    assert_eq!(response.status(), 204);
    let head = head.await.unwrap();
    assert!(head.starts_with("POST /v1/subscriptions/1/startPaidService HTTP/1.1\r\n"), "{head}");
    assert!(head.to_lowercase().contains("\r\ncontent-length: 0\r\n"), "{head}");
    assert!(head.to_lowercase().contains(&format!("\r\nhost: {}\r\n", &server["http://".len()..])), "{head}");
}

#[test]
fn a_proxy_that_is_not_an_http_url_is_refused_without_echoing_it() {
    for proxy in ["socks5://user:hunter2@127.0.0.1:1080", "not a url", "https://user:hunter2@proxy.test:8443"] {
        let err = HttpClient::builder().proxy(proxy).build().unwrap_err();
        assert!(!err.is_retryable() && !err.is_connect(), "{err:?}");
        assert!(err.to_string().contains("not an http://host:port URL"), "{err}");
        assert!(!format!("{err} {err:?}").contains("hunter2"), "{err:?}");
    }
}

/// The test server's certificate (for 127.0.0.1 and localhost, self-signed, valid until 2126) and
/// key, made with `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes
/// -days 36500 -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" -addext
/// "basicConstraints=critical,CA:FALSE" ...`.
fn test_certificate() -> (CertificateDer<'static>, PrivateKeyDer<'static>) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/tls");
    let cert = CertificateDer::from_pem_file(format!("{dir}/localhost.cert.pem")).unwrap();
    let key = PrivateKeyDer::from_pem_file(format!("{dir}/localhost.key.pem")).unwrap();
    (cert, key)
}

fn ring() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// A TLS server on 127.0.0.1 that answers one request with `{"tls":true}`; its URL, and the
/// request head it read (or why the handshake failed).
fn tls_server_once() -> (String, std::thread::JoinHandle<Result<String, String>>) {
    let (cert, key) = test_certificate();
    let config = rustls::ServerConfig::builder_with_provider(ring())
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![cert], key)
        .unwrap();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("https://{}", listener.local_addr().unwrap());
    let server = std::thread::spawn(move || {
        let (tcp, _) = listener.accept().map_err(|e| e.to_string())?;
        let connection = rustls::ServerConnection::new(Arc::new(config)).map_err(|e| e.to_string())?;
        let mut tls = rustls::StreamOwned::new(connection, tcp);
        let mut head = Vec::new();
        let mut buf = [0u8; 1024];
        while !head.windows(4).any(|w| w == b"\r\n\r\n") {
            let n = tls.read(&mut buf).map_err(|e| e.to_string())?;
            if n == 0 {
                return Err("closed before a request head".to_owned());
            }
            head.extend_from_slice(&buf[..n]);
        }
        let reply = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 12\r\n\r\n{\"tls\":true}";
        tls.write_all(reply.as_bytes()).map_err(|e| e.to_string())?;
        tls.conn.send_close_notify();
        tls.flush().map_err(|e| e.to_string())?;
        Ok(String::from_utf8_lossy(&head).into_owned())
    });
    (url, server)
}

#[tokio::test]
async fn https_works_with_the_roots_given_and_is_refused_with_the_default_ones() {
    let (url, server) = tls_server_once();
    let mut roots = rustls::RootCertStore::empty();
    roots.add(test_certificate().0).unwrap();
    let mut tls = rustls::ClientConfig::builder_with_provider(ring())
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    // Cleared by the client, which speaks HTTP/1.1 only.
    tls.alpn_protocols = vec![b"h2".to_vec()];
    let http = HttpClient::builder().tls_config(tls).no_proxy().build().unwrap();
    let response = http.send(get(&format!("{url}/v1/ping")), None).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(&response.body()[..], br#"{"tls":true}"#);
    let head = server.join().unwrap().unwrap();
    assert!(head.starts_with("GET /v1/ping HTTP/1.1\r\n"), "{head}");

    // The Mozilla roots do not know a self-signed certificate: no connection, nothing sent.
    let (url, server) = tls_server_once();
    let http = HttpClient::builder().no_proxy().build().unwrap();
    let err = http.send(get(&format!("{url}/v1/ping")), None).await.unwrap_err();
    assert!(err.is_connect() && err.is_tls() && !err.is_retryable(), "{err:?}");
    assert!(err.to_string().contains("invalid peer certificate"), "{err}");
    assert!(server.join().unwrap().is_err());
}
