//! A file of any size that no one holds in memory: byte `p` of it is `TABLE[p % PERIOD]`, a fixed
//! table of pseudo-random bytes whose length is a prime, so that a byte shifted by any offset a
//! download could get wrong (not a multiple of the prime) does not match. The mock server sends
//! ranges of it ([`crate::Reply::pattern`]); [`PatternSink`] checks what a client writes.

use std::io;
use std::ops::Range;
use std::pin::Pin;
use std::sync::OnceLock;
use std::task::{Context, Poll};

use tokio::io::{AsyncWrite, AsyncWriteExt};

use crate::{Recorded, Reply};

/// The table's length: a prime, so that chunk sizes (powers of two) never line up with it.
const PERIOD: usize = 65_521;
/// The server writes the file in pieces this large.
const CHUNK: usize = 64 << 10;

fn table() -> &'static [u8] {
    static TABLE: OnceLock<Vec<u8>> = OnceLock::new();
    TABLE.get_or_init(|| {
        // xorshift64: a fixed seed, so every run serves the same file.
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        (0..PERIOD)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state >> 56) as u8
            })
            .collect()
    })
}

/// Fills `out` with the file's bytes from `offset` on.
pub fn fill(offset: u64, out: &mut [u8]) {
    let table = table();
    let mut at = (offset % PERIOD as u64) as usize;
    let mut filled = 0;
    while filled < out.len() {
        let take = (PERIOD - at).min(out.len() - filled);
        out[filled..filled + take].copy_from_slice(&table[at..at + take]);
        filled += take;
        at = 0;
    }
}

/// Bytes `range` of the file.
pub fn bytes(range: Range<u64>) -> Vec<u8> {
    let mut out = vec![0; (range.end - range.start) as usize];
    fill(range.start, &mut out);
    out
}

/// Writes bytes `range` of the file to `out`, one chunk at a time.
pub async fn write<W: AsyncWrite + Unpin>(out: &mut W, range: Range<u64>) -> io::Result<()> {
    let mut chunk = vec![0; CHUNK];
    let mut at = range.start;
    while at < range.end {
        let take = (range.end - at).min(CHUNK as u64) as usize;
        fill(at, &mut chunk[..take]);
        out.write_all(&chunk[..take]).await?;
        at += take as u64;
    }
    Ok(())
}

/// The file of `total` bytes as a server with ranges answers `request`: all of it (`200`), or
/// from the offset of `Range: bytes=N-` on (`206` with `Content-Range`).
pub fn file_reply(request: &Recorded, total: u64) -> Reply {
    let start = request.header("range").and_then(|range| range.strip_prefix("bytes=")?.strip_suffix('-')?.parse().ok());
    match start {
        Some(start) if start < total => {
            Reply::pattern(206, start..total).header("Content-Range", &format!("bytes {start}-{}/{total}", total - 1))
        }
        Some(_) => Reply::empty(416).header("Content-Range", &format!("bytes */{total}")),
        None => Reply::pattern(200, 0..total),
    }
}

/// An `AsyncWrite` that checks every byte written against the file, from its start offset on,
/// and keeps nothing.
#[derive(Debug)]
pub struct PatternSink {
    /// The file offset of the next byte.
    pub position: u64,
    /// Bytes that did not match.
    pub mismatches: u64,
    /// The file offset of the first byte that did not match.
    pub first_mismatch: Option<u64>,
    expected: Vec<u8>,
}

impl PatternSink {
    /// A sink for the file from `offset` on.
    pub fn at(offset: u64) -> Self {
        Self { position: offset, mismatches: 0, first_mismatch: None, expected: Vec::new() }
    }
}

impl AsyncWrite for PatternSink {
    fn poll_write(self: Pin<&mut Self>, _: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        this.expected.resize(buf.len(), 0);
        fill(this.position, &mut this.expected);
        // Compared whole first (a memcmp); byte by byte only when they differ.
        if this.expected[..] != buf[..] {
            let wrong = buf.iter().zip(&this.expected).enumerate().filter(|(_, (got, want))| got != want);
            for (i, _) in wrong {
                this.first_mismatch.get_or_insert(this.position + i as u64);
                this.mismatches += 1;
            }
        }
        this.position += buf.len() as u64;
        Poll::Ready(Ok(buf.len()))
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}
