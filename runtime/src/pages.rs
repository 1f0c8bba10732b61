//! Every item of a paged list operation, as a `Stream` that follows the cursor the spec names.

use std::collections::{HashSet, VecDeque};
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use serde::de::DeserializeOwned;

use crate::{Call, Error};

type PageFuture<'a, P, E> = Pin<Box<dyn Future<Output = Result<P, Error<E>>> + Send + 'a>>;
type Fetch<'a, P, E> = Box<dyn FnMut(Option<String>) -> Call<'a, P, E> + Send + 'a>;

/// The items of every page, in order. Fetches the next page when the current one is used up,
/// and ends after a page whose cursor is absent or empty. A failed page (after the client's
/// retries) is yielded as an error item, after every item already fetched, and ends the stream;
/// so does a cursor the server already sent ([`Error::RepeatedCursor`]), which would loop.
///
/// Use it as a [`Stream`], or call [`Pages::next`] in a loop.
#[must_use = "a stream does nothing until polled"]
pub struct Pages<'a, T, P, E> {
    fetch: Fetch<'a, P, E>,
    split: fn(P) -> (Vec<T>, Option<String>),
    buffered: VecDeque<T>,
    in_flight: Option<PageFuture<'a, P, E>>,
    /// The operation of the page in flight (for the repeated-cursor error).
    operation: &'static str,
    cursor: Option<String>,
    cursors: Cursors,
    /// The error that ends the stream once the buffered items are out.
    repeated: Option<Error<E>>,
    started: bool,
    done: bool,
}

// Nothing inside is pinned in place: the page future is boxed, and items are moved out by value.
impl<T, P, E> Unpin for Pages<'_, T, P, E> {}

impl<T, P, E> std::fmt::Debug for Pages<'_, T, P, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pages")
            .field("buffered", &self.buffered.len())
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl<'a, T, P, E> Pages<'a, T, P, E>
where
    T: Send + 'a,
    P: crate::FromResponse + Send + 'a,
    E: DeserializeOwned + Send + 'a,
{
    /// `fetch` makes the call for a cursor (`None`: the first page as the caller asked for it);
    /// `split` takes a page apart into its items and the next cursor.
    pub fn new(
        fetch: impl FnMut(Option<String>) -> Call<'a, P, E> + Send + 'a,
        split: fn(P) -> (Vec<T>, Option<String>),
    ) -> Self {
        Self {
            fetch: Box::new(fetch),
            split,
            buffered: VecDeque::new(),
            in_flight: None,
            operation: "",
            cursor: None,
            cursors: Cursors::default(),
            repeated: None,
            started: false,
            done: false,
        }
    }

    /// The next item, `None` at the end.
    #[allow(clippy::should_implement_trait)] // `Stream::next` lives in an extension trait
    pub async fn next(&mut self) -> Option<Result<T, Error<E>>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }
}

impl<'a, T, P, E> Stream for Pages<'a, T, P, E>
where
    T: Send + 'a,
    P: crate::FromResponse + Send + 'a,
    E: DeserializeOwned + Send + 'a,
{
    type Item = Result<T, Error<E>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.buffered.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            if this.done {
                return Poll::Ready(this.repeated.take().map(Err));
            }
            let in_flight = match &mut this.in_flight {
                Some(in_flight) => in_flight,
                None => {
                    let cursor = if this.started { this.cursor.take() } else { None };
                    this.started = true;
                    let call = (this.fetch)(cursor);
                    this.operation = call.operation_id();
                    this.in_flight.insert(call.into_future())
                }
            };
            let page = match in_flight.as_mut().poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(page) => page,
            };
            this.in_flight = None;
            match page {
                Ok(page) => {
                    let (items, next) = (this.split)(page);
                    this.buffered.extend(items);
                    match this.cursors.next(next) {
                        Ok(cursor) => {
                            this.done = cursor.is_none();
                            this.cursor = cursor;
                        }
                        Err(cursor) => {
                            // The items of this page still come first; the error ends the stream.
                            this.done = true;
                            this.repeated = Some(Error::RepeatedCursor { operation: this.operation, cursor });
                        }
                    }
                }
                Err(error) => {
                    this.done = true;
                    return Poll::Ready(Some(Err(error)));
                }
            }
        }
    }
}

/// The cursors a paged stream has followed: says whether a page's next cursor ends the list, is
/// new, or was seen before (which would loop).
#[derive(Debug, Default)]
pub(crate) struct Cursors {
    seen: HashSet<String>,
}

impl Cursors {
    /// The cursor to fetch next: `Ok(None)` at the end (absent or empty), `Err(cursor)` for one
    /// already followed.
    pub(crate) fn next(&mut self, cursor: Option<String>) -> Result<Option<String>, String> {
        match cursor {
            None => Ok(None),
            Some(cursor) if cursor.is_empty() => Ok(None),
            Some(cursor) if self.seen.contains(&cursor) => Err(cursor),
            Some(cursor) => {
                self.seen.insert(cursor.clone());
                Ok(Some(cursor))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Cursors;

    #[test]
    fn cursors_end_on_empty_or_absent_and_refuse_a_repeat() {
        let mut cursors = Cursors::default();
        assert_eq!(cursors.next(Some("a".into())), Ok(Some("a".into())));
        assert_eq!(cursors.next(Some("b".into())), Ok(Some("b".into())));
        assert_eq!(cursors.next(Some("a".into())), Err("a".into()), "a cycle back to an earlier page");
        assert_eq!(cursors.next(Some("b".into())), Err("b".into()), "the same cursor again");
        assert_eq!(cursors.next(Some(String::new())), Ok(None));
        assert_eq!(cursors.next(None), Ok(None));
    }
}
