//! A real SMTP server on loopback for the delivery tests: it speaks enough SMTP for lettre,
//! answers DATA with scripted replies (250, 451, 550 …) and records what it accepted.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// A running server.
#[derive(Clone)]
pub struct SmtpServer {
    /// `smtp://127.0.0.1:PORT`.
    pub url: String,
    /// Messages accepted with 250, raw.
    pub received: Arc<Mutex<Vec<String>>>,
    /// Replies to the next DATA commands, in order; afterwards 250.
    pub replies: Arc<Mutex<VecDeque<String>>>,
}

impl SmtpServer {
    /// Starts a server on a free port.
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        Self::serve(listener)
    }

    /// Starts a server on a given port (to bring a "down" relay back).
    pub async fn start_on(port: u16) -> Self {
        let listener = TcpListener::bind(("127.0.0.1", port)).await.unwrap();
        Self::serve(listener)
    }

    fn serve(listener: TcpListener) -> Self {
        let port = listener.local_addr().unwrap().port();
        let server = Self {
            url: format!("smtp://127.0.0.1:{port}"),
            received: Arc::default(),
            replies: Arc::default(),
        };
        let handle = server.clone();
        actix_web::rt::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let handle = handle.clone();
                actix_web::rt::spawn(async move {
                    let _ = handle.session(stream).await;
                });
            }
        });
        server
    }

    /// Queues replies for the next DATA commands.
    pub fn script(&self, replies: &[&str]) {
        self.replies
            .lock()
            .unwrap()
            .extend(replies.iter().map(|r| r.to_string()));
    }

    /// Messages accepted so far.
    pub fn messages(&self) -> Vec<String> {
        self.received.lock().unwrap().clone()
    }

    async fn session(&self, stream: tokio::net::TcpStream) -> std::io::Result<()> {
        let (read, mut write) = stream.into_split();
        let mut lines = BufReader::new(read).lines();
        write.write_all(b"220 test ESMTP\r\n").await?;
        while let Some(line) = lines.next_line().await? {
            let upper = line.to_ascii_uppercase();
            let reply = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
                "250-test\r\n250 8BITMIME".to_string()
            } else if upper.starts_with("DATA") {
                write.write_all(b"354 go ahead\r\n").await?;
                let mut message = String::new();
                while let Some(data) = lines.next_line().await? {
                    if data == "." {
                        break;
                    }
                    message.push_str(data.strip_prefix('.').unwrap_or(&data));
                    message.push('\n');
                }
                let reply = self
                    .replies
                    .lock()
                    .unwrap()
                    .pop_front()
                    .unwrap_or_else(|| "250 accepted".into());
                if reply.starts_with("250") {
                    self.received.lock().unwrap().push(message);
                }
                reply
            } else if upper.starts_with("QUIT") {
                write.write_all(b"221 bye\r\n").await?;
                return Ok(());
            } else {
                "250 ok".to_string()
            };
            write.write_all(format!("{reply}\r\n").as_bytes()).await?;
        }
        Ok(())
    }
}
