//! The mail worker measured against a loopback SMTP server that accepts everything.

use std::sync::Arc;
use std::time::{Duration, Instant};

use qualify::config::Settings;
use qualify::db::DbPool;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

use crate::scale::{Figure, figure};

/// The worker sends the waiting digests to a loopback SMTP server: mails per second.
pub async fn mail_worker(
    settings: &Settings,
    pool: &DbPool,
    clock: Arc<qualify::clock::FixedClock>,
) -> Figure {
    let smtp = smtp_sink().await;
    let transport = qualify::mail::Transport::smtp(&smtp).expect("smtp");
    let worker = qualify::mail::Worker::new(
        pool.clone(),
        transport,
        clock,
        &settings.mail_from,
        24,
        10_000_000,
    );
    let t = Instant::now();
    let mut sent = 0;
    while t.elapsed() < Duration::from_secs(20) {
        let round = worker.run_once().await.expect("round");
        if round.total() == 0 {
            break;
        }
        sent += round.sent;
    }
    let rate = sent as f64 / t.elapsed().as_secs_f64();
    figure(
        format!("mail worker to loopback SMTP ({sent} mails)"),
        ">= 200 mails/s",
        format!("{rate:.0} mails/s"),
        None,
    )
}

/// A loopback SMTP server that accepts everything, as fast as it can.
async fn smtp_sink() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("addr").port();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                let _ = write.write_all(b"220 sink ready\r\n").await;
                let mut data = false;
                while let Ok(Some(line)) = lines.next_line().await {
                    let reply: &[u8] = if data {
                        if line == "." {
                            data = false;
                            b"250 queued\r\n"
                        } else {
                            continue;
                        }
                    } else {
                        let verb = line.get(..4).unwrap_or("").to_ascii_uppercase();
                        match verb.as_str() {
                            "EHLO" => b"250-sink\r\n250 8BITMIME\r\n",
                            "DATA" => {
                                data = true;
                                b"354 go on\r\n"
                            }
                            "QUIT" => {
                                let _ = write.write_all(b"221 bye\r\n").await;
                                break;
                            }
                            _ => b"250 ok\r\n",
                        }
                    };
                    if write.write_all(reply).await.is_err() {
                        break;
                    }
                }
            });
        }
    });
    format!("smtp://127.0.0.1:{port}")
}
