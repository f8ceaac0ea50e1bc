//! A loopback HTTP/1.1 server in front of an [`Emulator`], for the AWS CLI, Terraform and the
//! SDKs of any language (`--endpoint-url http://127.0.0.1:4566`).
//!
//! Built on [hyper](https://hyper.rs) (HTTP/1.1 with keep-alive and pipelining, bounded header
//! parsing) on a single-threaded tokio runtime in a thread of its own: every request is
//! answered by [`Emulator::handle_http`], which takes the emulator's lock for microseconds, so
//! one thread keeps up with many connections. Bodies larger than
//! [`MAX_REQUEST_BODY`](crate::emulator::wire::MAX_REQUEST_BODY) are refused with 413 without
//! being read whole.
//!
//! ```
//! use std::sync::Arc;
//! use orgkit::emulator::Emulator;
//! use orgkit::server::Server;
//!
//! let server = Server::start(Arc::new(Emulator::new(1)), "127.0.0.1:0").unwrap();
//! assert!(server.endpoint_url().starts_with("http://127.0.0.1:"));
//! server.stop();
//! ```

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::thread::JoinHandle;

use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::sync::watch;

use crate::emulator::wire::{HttpRequest, HttpResponse, MAX_REQUEST_BODY};
use crate::emulator::Emulator;

/// How long a connection may take to send a request's headers before it is closed.
pub const HEADER_READ_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);
/// How long stopping waits for requests in flight before it closes their connections.
pub const SHUTDOWN_DEADLINE: std::time::Duration = std::time::Duration::from_secs(5);
/// The most connections served at once; more are closed as they arrive.
pub const MAX_CONNECTIONS: usize = 512;
/// The pause after a failed accept (e.g. out of file descriptors).
const ACCEPT_BACKOFF: std::time::Duration = std::time::Duration::from_millis(20);

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The address is not `host:port`, or is not a loopback address while
    /// [`ServerOptions::allow_remote`] is off (code INVALID_ADDRESS).
    #[error("INVALID_ADDRESS: {0}")]
    InvalidAddress(String),
    /// Binding or starting failed, e.g. the port is taken (code SERVER_IO).
    #[error("SERVER_IO: {0}")]
    Io(String),
}

impl ServerError {
    /// The stable code: INVALID_ADDRESS or SERVER_IO.
    pub fn code(&self) -> &'static str {
        match self {
            ServerError::InvalidAddress(_) => "INVALID_ADDRESS",
            ServerError::Io(_) => "SERVER_IO",
        }
    }

    /// What went wrong, without the code.
    pub fn message(&self) -> &str {
        match self {
            ServerError::InvalidAddress(message) | ServerError::Io(message) => message,
        }
    }
}

/// How the server binds.
#[derive(Debug, Clone, Copy, Default)]
pub struct ServerOptions {
    /// Accept an address that is not loopback (off by default: the emulator verifies no
    /// signature, so it must not be reachable from other machines by accident).
    pub allow_remote: bool,
}

/// A running server; [`Server::stop`] (or dropping it) shuts it down and waits for its thread.
#[derive(Debug)]
pub struct Server {
    address: SocketAddr,
    shutdown: watch::Sender<bool>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Starts serving `emulator` on `address` (`127.0.0.1:0` picks a free port), loopback
    /// only.
    pub fn start(emulator: Arc<Emulator>, address: &str) -> Result<Server, ServerError> {
        Server::start_with(emulator, address, ServerOptions::default())
    }

    /// [`Server::start`] with options.
    pub fn start_with(
        emulator: Arc<Emulator>,
        address: &str,
        options: ServerOptions,
    ) -> Result<Server, ServerError> {
        // `127.0.0.1:4566`, `[::1]:0` or a name such as `localhost:4566`, resolved here.
        let resolved: Vec<SocketAddr> = std::net::ToSocketAddrs::to_socket_addrs(address)
            .map_err(|err| ServerError::InvalidAddress(format!("{address}: {err}")))?
            .collect();
        let Some(&first) = resolved.first() else {
            return Err(ServerError::InvalidAddress(format!(
                "{address} resolves to no address"
            )));
        };
        if !options.allow_remote {
            if let Some(remote) = resolved.iter().find(|a| !a.ip().is_loopback()) {
                return Err(ServerError::InvalidAddress(format!(
                    "{remote} is not a loopback address; the emulator verifies no signature, \
                     so serving other machines must be asked for explicitly"
                )));
            }
        }
        let address = first;
        let listener =
            std::net::TcpListener::bind(address).map_err(|err| ServerError::Io(err.to_string()))?;
        listener
            .set_nonblocking(true)
            .map_err(|err| ServerError::Io(err.to_string()))?;
        let address = listener
            .local_addr()
            .map_err(|err| ServerError::Io(err.to_string()))?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()
            .map_err(|err| ServerError::Io(err.to_string()))?;
        let (shutdown, stopped) = watch::channel(false);
        let thread = std::thread::Builder::new()
            .name(format!("orgkit-server-{}", address.port()))
            .spawn(move || runtime.block_on(serve(listener, emulator, stopped)))
            .map_err(|err| ServerError::Io(err.to_string()))?;
        Ok(Server {
            address,
            shutdown,
            thread: Some(thread),
        })
    }

    /// The address it listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.address
    }

    /// `http://<address>`, for `--endpoint-url` and `endpoint_url=`.
    pub fn endpoint_url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// Stops accepting, lets requests in flight finish (open keep-alive connections close),
    /// and waits for the server thread.
    pub fn stop(mut self) {
        self.shut_down();
    }

    fn shut_down(&mut self) {
        let _ = self.shutdown.send(true);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shut_down();
    }
}

async fn serve(
    listener: std::net::TcpListener,
    emulator: Arc<Emulator>,
    mut stopped: watch::Receiver<bool>,
) {
    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
        return;
    };
    let mut connections = tokio::task::JoinSet::new();
    loop {
        tokio::select! {
            _ = stopped.changed() => break,
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else {
                    // Out of file descriptors, say: wait a moment instead of spinning.
                    tokio::time::sleep(ACCEPT_BACKOFF).await;
                    continue;
                };
                if connections.len() >= MAX_CONNECTIONS {
                    // Refused by closing: each open connection may buffer a whole body.
                    drop(stream);
                    continue;
                }
                let _ = stream.set_nodelay(true);
                let emulator = Arc::clone(&emulator);
                let mut stop = stopped.clone();
                connections.spawn(async move {
                    let service = service_fn(move |request| {
                        let emulator = Arc::clone(&emulator);
                        async move { Ok::<_, Infallible>(answer(&emulator, request).await) }
                    });
                    let connection = http1::Builder::new()
                        .keep_alive(true)
                        .timer(TokioTimer::new())
                        .header_read_timeout(HEADER_READ_TIMEOUT)
                        .serve_connection(TokioIo::new(stream), service);
                    tokio::pin!(connection);
                    tokio::select! {
                        _ = connection.as_mut() => {}
                        _ = stop.changed() => {
                            connection.as_mut().graceful_shutdown();
                            let _ = connection.await;
                        }
                    }
                });
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    // Requests in flight finish and idle keep-alive connections close, within a deadline: a
    // client that stalls cannot keep the server from stopping.
    let drained = tokio::time::timeout(SHUTDOWN_DEADLINE, async {
        while connections.join_next().await.is_some() {}
    })
    .await;
    if drained.is_err() {
        connections.abort_all();
    }
}

async fn answer(emulator: &Emulator, request: Request<Incoming>) -> Response<Full<Bytes>> {
    let (parts, body) = request.into_parts();
    let target = parts
        .uri
        .path_and_query()
        .map_or_else(|| "/".to_owned(), |pq| pq.as_str().to_owned());
    let headers: Vec<(&str, &str)> = parts
        .headers
        .iter()
        .filter_map(|(name, value)| Some((name.as_str(), value.to_str().ok()?)))
        .collect();
    let collected = Limited::new(body, MAX_REQUEST_BODY).collect().await;
    let response = match collected {
        Ok(bytes) => {
            let bytes = bytes.to_bytes();
            emulator.handle_http(&HttpRequest {
                method: parts.method.as_str(),
                target: &target,
                headers: &headers,
                body: &bytes,
            })
        }
        Err(error) if error.downcast_ref::<LengthLimitError>().is_some() => emulator
            .refuse_oversized(&HttpRequest {
                method: parts.method.as_str(),
                target: &target,
                headers: &headers,
                body: &[],
            }),
        // The client went away or sent a broken body (bad chunked framing): nothing runs.
        Err(error) => HttpResponse {
            status: 400,
            headers: vec![
                ("Content-Type", "application/json".to_owned()),
                ("x-amzn-ErrorType", "SerializationException".to_owned()),
            ],
            body: serde_json::json!({
                "__type": "SerializationException",
                "message": format!("The request body could not be read: {error}"),
            })
            .to_string()
            .into_bytes(),
        },
    };
    to_hyper(response)
}

fn to_hyper(response: HttpResponse) -> Response<Full<Bytes>> {
    let mut builder = Response::builder().status(response.status);
    for (name, value) in &response.headers {
        builder = builder.header(*name, value.as_str());
    }
    builder
        .body(Full::new(Bytes::from(response.body)))
        .unwrap_or_else(|_| {
            let mut fallback = Response::new(Full::new(Bytes::from_static(b"{}")));
            *fallback.status_mut() = hyper::StatusCode::INTERNAL_SERVER_ERROR;
            fallback
        })
}
