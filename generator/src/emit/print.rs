//! Printing: tokens become text, by syn and prettyplease, on every core of the machine.
//!
//! Printing is most of the generator's time: building the tokens, parsing them into a
//! `syn::File` (the largest part) and laying that out. A module is printed in parts of a few
//! items each, which the cores take in turn ([`crate::parallel`]), so that both cores of a small
//! machine stay busy to the end whatever the sizes of the modules. Tokens cannot cross threads,
//! so a part's tokens are built on the thread that prints them. prettyplease ends every top-level
//! item (and inner attribute) with a line break at depth 0, so parts printed apart and joined in
//! order are the module printed whole (the goldens hold that, byte for byte).

use std::ops::Range;

use proc_macro2::TokenStream;

/// Items per part: a part is a few milliseconds of work at most, so no thread waits long for the
/// last one, and the cost of a part (one `syn::File`) stays small beside its items. On the
/// 93-operation Zoom spec, 4 to 64 items a part print alike (52-55 ms on two cores); each module
/// as one part takes 87 ms.
const ITEMS_PER_PART: usize = 24;

/// A module's tokens in parts that print apart: the head (inner attributes, imports and what
/// comes before the items), then `items` items by index, each zero or more Rust items.
pub struct ModuleParts<'a> {
    head: Box<dyn Fn() -> TokenStream + Sync + 'a>,
    items: usize,
    item: Box<dyn Fn(usize) -> TokenStream + Sync + 'a>,
}

impl<'a> ModuleParts<'a> {
    pub fn new(
        head: impl Fn() -> TokenStream + Sync + 'a,
        items: usize,
        item: impl Fn(usize) -> TokenStream + Sync + 'a,
    ) -> Self {
        Self { head: Box::new(head), items, item: Box::new(item) }
    }

    /// A module printed as one part.
    pub fn whole(tokens: impl Fn() -> TokenStream + Sync + 'a) -> Self {
        Self::new(tokens, 0, |_| TokenStream::new())
    }

    fn tokens(&self, part: &Part) -> TokenStream {
        match part {
            Part::Head => (self.head)(),
            Part::Items(range) => range.clone().map(|i| (self.item)(i)).collect(),
        }
    }
}

enum Part {
    Head,
    Items(Range<usize>),
}

/// Prints every module, each to its text (or to why its tokens do not parse: a generator bug).
pub fn print_modules(modules: &[ModuleParts<'_>]) -> Vec<Result<String, String>> {
    let parts: Vec<(usize, Part)> = modules
        .iter()
        .enumerate()
        .flat_map(|(m, module)| {
            let runs = (0..module.items).step_by(ITEMS_PER_PART);
            let items = runs.map(move |start| (m, Part::Items(start..module.items.min(start + ITEMS_PER_PART))));
            std::iter::once((m, Part::Head)).chain(items)
        })
        .collect();
    let texts = crate::parallel::map(&parts, |(m, part)| unparse(modules[*m].tokens(part)));
    let mut printed: Vec<Result<String, String>> = modules.iter().map(|_| Ok(String::new())).collect();
    for ((m, _), text) in parts.iter().zip(texts) {
        let text = text.unwrap_or_else(|| Err("internal error: printing panicked".to_owned()));
        if let Ok(module) = &mut printed[*m] {
            match text {
                Ok(text) => module.push_str(&text),
                Err(err) => printed[*m] = Err(err),
            }
        }
    }
    printed
}

/// Prints tokens as Rust source. prettyplease, not rustfmt: its output is the same on every
/// machine, whatever toolchain a contributor has.
pub fn unparse(tokens: TokenStream) -> Result<String, String> {
    let file: syn::File =
        syn::parse2(tokens).map_err(|err| format!("internal error: generated code does not parse: {err}"))?;
    Ok(prettyplease::unparse(&file))
}
