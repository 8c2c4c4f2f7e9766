//! Splitting one source line into label, operation (mnemonic or directive with its size
//! suffix) and operand field, dropping comments. Never fails: checking names is the
//! statement layer's job.
use crate::expr::{is_ident_char, is_ident_start};

/// One source line, cut into its fields. Offsets are byte offsets into the line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Stmt<'a> {
    /// The label and its offset (`foo:` or `foo` in column 1, also an indented `foo:`).
    pub label: Option<(&'a str, usize)>,
    /// The label is a bare word in column 1 (no colon).
    pub bare_label: bool,
    /// The operation as written, with its size suffix (`move.l`, `dc.b`, `=`), and offset.
    pub op: Option<(&'a str, usize)>,
    /// The operand field without comment, trimmed, and its offset.
    pub operands: (&'a str, usize),
}

fn skip_ws(s: &[u8], mut i: usize) -> usize {
    while i < s.len() && (s[i] == b' ' || s[i] == b'\t') {
        i += 1;
    }
    i
}

/// The end of the operand field: the first `;` outside quotes.
fn operand_end(s: &[u8], mut i: usize) -> usize {
    let mut quote: Option<u8> = None;
    while i < s.len() {
        let c = s[i];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'\'' || c == b'"' => quote = Some(c),
            None if c == b';' => return i,
            None => {}
        }
        i += 1;
    }
    s.len()
}

/// Directives recognised as the operation even when written in column 1.
const COLUMN1_KEYWORDS: &[&str] = &[
    "else",
    "endif",
    "endc",
    "endm",
    "endr",
    "endt",
    "end",
    "mexit",
    "even",
    "if",
    "ifd",
    "ifnd",
    "ifdef",
    "ifndef",
    "ifeq",
    "ifne",
    "section",
    "org",
    "include",
    "incbin",
    "text",
    "data",
    "bss",
    "xdef",
    "xref",
    "templates",
    "template_table",
    "template",
    "macro",
    "rsreset",
    "ifc",
    "ifnc",
    "rept",
    "fail",
];

/// Cut a line into its fields.
pub(crate) fn lex(text: &str) -> Stmt<'_> {
    let s = text.as_bytes();
    let mut st = Stmt {
        operands: ("", text.len()),
        ..Stmt::default()
    };
    let first = skip_ws(s, 0);
    if first >= s.len() || s[first] == b';' || s[first] == b'*' {
        return st;
    }
    let mut i = 0;
    // A label in column 1: everything up to a blank, `:` or `=`.
    if first == 0 {
        let mut j = 0;
        while j < s.len() && !matches!(s[j], b' ' | b'\t' | b':' | b'=' | b';') {
            j += 1;
        }
        let colon = j < s.len() && s[j] == b':';
        // Directives that never take a label are accepted in column 1 too (`endm`, `else`).
        if colon || !COLUMN1_KEYWORDS.contains(&text[..j].to_ascii_lowercase().as_str()) {
            st.label = Some((&text[..j], 0));
            st.bare_label = !colon;
            i = if colon { j + 1 } else { j };
        }
    }
    i = skip_ws(s, i);
    // No operation starts with `*`: after a label it begins a comment (`loop: * note`).
    if i >= s.len() || s[i] == b';' || s[i] == b'*' {
        return st;
    }
    // The operation token.
    let (mut op_start, mut op_end) = (i, token_end(s, i));
    // An indented `name:` is a label too.
    if st.label.is_none() && op_end > op_start && s[op_end - 1] == b':' {
        st.label = Some((&text[op_start..op_end - 1], op_start));
        i = skip_ws(s, op_end);
        if i >= s.len() || s[i] == b';' {
            return st;
        }
        op_start = i;
        op_end = token_end(s, i);
    }
    // An indented `name equ 5`, `name set 5`, `name = 5`, `name macro`.
    if st.label.is_none() {
        let j = skip_ws(s, op_end);
        let next_end = token_end(s, j);
        let next = text[j..next_end].to_ascii_lowercase();
        let looks_like_name = op_end > op_start && is_ident_start(s[op_start]);
        if looks_like_name
            && (matches!(next.as_str(), "equ" | "set" | "macro") || s.get(j) == Some(&b'='))
        {
            st.label = Some((&text[op_start..op_end], op_start));
            op_start = j;
            op_end = next_end;
        }
    }
    if op_end == op_start {
        return st;
    }
    st.op = Some((&text[op_start..op_end], op_start));
    let k = skip_ws(s, op_end);
    let end = operand_end(s, k);
    let ops = text[k..end].trim_end();
    st.operands = (ops, k);
    st
}

/// End of the operation token starting at `i`: up to a blank or `;`. A leading `=` is a
/// token of its own (`x =5`).
fn token_end(s: &[u8], i: usize) -> usize {
    if i < s.len() && s[i] == b'=' {
        return i + 1;
    }
    let mut j = i;
    while j < s.len() && !matches!(s[j], b' ' | b'\t' | b';' | b'=') {
        j += 1;
    }
    j
}

/// Whether `name` is a valid symbol name: `[A-Za-z_.][A-Za-z0-9_.]*` or a `123$` local.
pub(crate) fn valid_symbol(name: &str) -> bool {
    let b = name.as_bytes();
    if b.is_empty() {
        return false;
    }
    if is_numeric_local(name) {
        return true;
    }
    is_ident_start(b[0]) && b.iter().all(|&c| is_ident_char(c))
}

/// `123$`-style local label.
pub(crate) fn is_numeric_local(name: &str) -> bool {
    let b = name.as_bytes();
    b.len() >= 2 && b[b.len() - 1] == b'$' && b[..b.len() - 1].iter().all(u8::is_ascii_digit)
}

/// Split an operand field at top-level commas (outside quotes and parentheses). Each
/// piece is trimmed and comes with its offset in `text`.
pub(crate) fn split_commas(text: &str) -> Vec<(&str, usize)> {
    let s = text.as_bytes();
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut quote: Option<u8> = None;
    let mut start = 0;
    for (i, &c) in s.iter().enumerate() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                b'\'' | b'"' => quote = Some(c),
                b'(' | b'[' => depth += 1,
                b')' | b']' => depth -= 1,
                b',' if depth <= 0 => {
                    out.push(trimmed(text, start, i));
                    start = i + 1;
                }
                _ => {}
            },
        }
    }
    out.push(trimmed(text, start, s.len()));
    out
}

fn trimmed(text: &str, start: usize, end: usize) -> (&str, usize) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    (piece.trim(), start + lead)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields() {
        let st = lex("start:  move.l  d0,(a0)+  ; comment");
        assert_eq!(st.label, Some(("start", 0)));
        assert_eq!(st.op, Some(("move.l", 8)));
        assert_eq!(st.operands, ("d0,(a0)+", 16));
        let st = lex("loop move.b (a0)+,d0");
        assert_eq!(st.label, Some(("loop", 0)));
        assert_eq!(st.op, Some(("move.b", 5)));
        let st = lex("  nop");
        assert_eq!(st.label, None);
        assert_eq!(st.op, Some(("nop", 2)));
        assert_eq!(st.operands.0, "");
        assert_eq!(lex("* comment").op, None);
        assert_eq!(lex("   ; comment").op, None);
        let st = lex("x=5");
        assert_eq!(st.label, Some(("x", 0)));
        assert_eq!(st.op, Some(("=", 1)));
        assert_eq!(st.operands, ("5", 2));
        let st = lex("  count set count+1");
        assert_eq!(st.label, Some(("count", 2)));
        assert_eq!(st.op, Some(("set", 8)));
        let st = lex("  .l1: dc.b 'a;b',0 ; c");
        assert_eq!(st.label, Some((".l1", 2)));
        assert_eq!(st.operands.0, "'a;b',0");
        let st = lex("here: * a note");
        assert_eq!(st.label, Some(("here", 0)));
        assert_eq!(st.op, None);
        let st = lex("\tdc.l\t*+4");
        assert_eq!(st.operands.0, "*+4");
    }

    #[test]
    fn commas() {
        let v: Vec<&str> = split_commas("1, (2,3) ,'a,b'")
            .into_iter()
            .map(|p| p.0)
            .collect();
        assert_eq!(v, vec!["1", "(2,3)", "'a,b'"]);
    }
}
