"""Vietnamese text done right: one spelling per word, accent folding, legacy encodings, headers.

Everything here is pure standard-library Python so that the indexer, the search side, the
tagger and the tests can all share it (only `indexer/store_whoosh.py` may import whoosh).

- `normalize`: NFC, `Ð/ð` -> `Đ/đ`, and one tone-mark placement (the "new" style: `hoà`,
  `khoẻ`, `thuý`), so that `hoà`/`hòa` written by different people index as the same word.
- `fold`: strip every diacritic (`đ` -> `d`) while keeping the string's length, so an offset in
  the folded text is an offset in the original (snippets, header parsing).
- `repair_legacy`: convert text typed in the pre-Unicode TCVN3 (ABC) or VNI encodings, by the
  font name when one is known, else by trying each table and keeping the one that turns the
  mojibake into real syllables.
- `parse_header`: the number, date and type of an administrative document (Decree 30/2020).
- `doc_number_key` / `looks_like_doc_number` / `doc_number_pattern`: compare and recognise
  document numbers, whole or in part.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from itertools import chain

from indexer.models import DocMeta

__all__ = [
    "normalize",
    "clean_unicode",
    "fold",
    "is_vietnamese_syllable",
    "legacy_font",
    "from_tcvn3",
    "to_tcvn3",
    "from_vni",
    "to_vni",
    "repair_legacy",
    "parse_header",
    "issued_by_the_state",
    "doc_number_key",
    "doc_number_pattern",
    "looks_like_doc_number",
    "phone_words",
    "DOC_TYPES",
    "VIETNAMESE_LETTERS",
]

# --- letters and tones --------------------------------------------------------------------------

# The five tone marks as Unicode combining characters; the sixth tone (ngang) has no mark.
_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
_TONE_MARKS = (_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT)  # sắc, huyền, hỏi, ngã, nặng
_TONE_SET = frozenset(_TONE_MARKS)

# The twelve vowel letters that carry tones, without a tone.
_VOWELS = "aăâeêioôơuưy"


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def _split_tone(ch: str) -> tuple[str, str]:
    """`ế` -> (`ê`, acute): the letter without its tone mark, and the mark ('' when none)."""
    decomposed = unicodedata.normalize("NFD", ch)
    tone = "".join(c for c in decomposed if c in _TONE_SET)
    base = _nfc("".join(c for c in decomposed if c not in _TONE_SET))
    return base, tone


# All 134 precomposed Vietnamese letters (67 lower, 67 upper): 12 vowels x 5 tones, the six
# toneless non-ASCII vowels and đ. Exposed for the tests.
VIETNAMESE_LETTERS: tuple[str, ...] = tuple(
    letter
    for lower in (
        [_nfc(v + t) for v in _VOWELS for t in _TONE_MARKS]
        + [v for v in _VOWELS if not v.isascii()]
        + ["đ"]
    )
    for letter in (lower, lower.upper())
)

# --- normalize: one tone-mark placement ---------------------------------------------------------

# Two conventions coexist for the tone in the open rhymes oa, oe, uy: on the first vowel (old:
# hòa, khỏe, thúy) or on the second (new: hoà, khoẻ, thuý). We keep the new one, which is also
# what Debian's hunspell-vi dictionary uses. Only these three rhymes with no final consonant are
# ambiguous; with a final (hoàn, huỳnh) or a third vowel (hoài, khuỷu) the mark has one place
# only, and after `qu` the u belongs to the onset (quý is qu + ý).
def _build_old_to_new() -> dict[str, str]:
    """`òa` -> `oà`, `Òa` -> `Oà`, `ÒA` -> `OÀ`, ... for every tone and case."""
    table = {}
    for first, seconds in (("o", "ae"), ("u", "y")):
        for second in seconds:
            for tone in _TONE_MARKS:
                for f in (first, first.upper()):
                    for s in (second, second.upper()):
                        table[_nfc(f + tone) + s] = f + _nfc(s + tone)
    return table


_OLD_TO_NEW = _build_old_to_new()

_O_TONED = "".join(_nfc(v + t) for v in "oO" for t in _TONE_MARKS)
_U_TONED = "".join(_nfc(v + t) for v in "uU" for t in _TONE_MARKS)
# An old-style rhyme at the end of a word (followed by neither a letter nor a combining mark),
# not after q. The pattern starts with one set of the toned vowels so that the regex engine can
# skip ahead quickly (two alternatives made it try both at every character: twice as slow); the
# pairs it also matches that are no old-style rhyme (`úa`, `óy`) are left as they are. The q
# check is a lookbehind over the two matched characters.
_OLD_STYLE_RE = re.compile(rf"[{_O_TONED}{_U_TONED}][aeyAEY](?<![qQ]..)(?![^\W\d_]|[\u0300-\u036f])")


def _to_new_style(match: re.Match[str]) -> str:
    pair = match.group()
    return _OLD_TO_NEW.get(pair, pair)


def clean_unicode(text: str) -> str:
    """NFC and `Đ` for a look-alike eth, nothing more: the form text is stored and shown in.

    Tone placement is left as the author wrote it (`Ủy ban` stays `Ủy ban` in snippets); the
    index applies `normalize` on top, and a placement change never changes the length.
    """
    if text.isascii():
        return text
    if not unicodedata.is_normalized("NFC", text):
        text = _nfc(text)
    # U+00D0/U+00F0 (Icelandic eth) look exactly like Đ/đ and get typed or OCRed in their
    # place. (`in` + replace is several times faster than str.translate on long texts.)
    if "\u00d0" in text:
        text = text.replace("\u00d0", "\u0110")
    if "\u00f0" in text:
        text = text.replace("\u00f0", "\u0111")
    return text


def normalize(text: str) -> str:
    """Return `text` in the one spelling used everywhere: NFC, `Đ` for eth, new tone placement.

    The placement moves only in the rhymes oa, oe, uy with no final consonant and not after qu:
    `hòa` -> `hoà`, `KHỎE` -> `KHOẺ`, `Thúy` -> `Thuý`; `quý`, `hoàn`, `huỳnh`, `hoài` stay.
    Idempotent. Pure-ASCII text is returned as is without any work.
    """
    if text.isascii():
        return text
    text = clean_unicode(text)
    return _OLD_STYLE_RE.sub(_to_new_style, text)


# --- fold: diacritics off, length kept ----------------------------------------------------------


def _build_fold_table() -> list[str]:
    table = [chr(cp) for cp in range(0x1F00)]
    # Every precomposed Latin letter whose canonical decomposition is an ASCII letter plus
    # combining marks: covers the 134 Vietnamese letters and French/Spanish/German accents.
    for block in (range(0x00C0, 0x0250), range(0x1E00, 0x1F00)):
        for cp in block:
            decomposed = unicodedata.normalize("NFD", chr(cp))
            if (
                len(decomposed) > 1
                and decomposed[0].isascii()
                and decomposed[0].isalpha()
                and all(unicodedata.combining(c) for c in decomposed[1:])
            ):
                table[cp] = decomposed[0]
    # Letters with a stroke have no decomposition; Đ/đ matter most (đường -> duong).
    for letter, folded in zip("ĐđÐðØøŁł", "DdDdOoLl"):
        table[ord(letter)] = folded
    return table


# A list, not a dict: str.translate indexes it directly (about twice as fast on long texts),
# and leaves characters past its end (IndexError is a LookupError) unchanged.
_FOLD_TABLE = _build_fold_table()


def fold(text: str) -> str:
    """Remove all diacritics (`Đường` -> `Duong`), one character for one character.

    `len(fold(s)) == len(s)` always, so positions found in the folded text are positions in
    `s`. Pass NFC text (the output of `normalize`): a lone combining mark is kept as it is.
    """
    return text.translate(_FOLD_TABLE)


# --- words for the keyword tagger -----------------------------------------------------------------


def _build_word_tables(size: int = 0x3000) -> tuple[list[str], list[str]]:
    lower: list[str] = []
    folded: list[str] = []
    for cp in range(size):
        ch = chr(cp)
        if ch.isalnum() or ch == "_":  # what the regex \w matches
            low = ch.lower()
            low = low if len(low) == 1 else ch  # `İ` lower-cases to two characters
            lower.append(low)
            folded.append(_FOLD_TABLE[ord(low)] if ord(low) < len(_FOLD_TABLE) else low)
        else:
            lower.append(" ")
            folded.append(" ")
    return lower, folded


# Up to U+3000: Latin, Vietnamese, Greek, Cyrillic and the punctuation blocks (quotes, dashes).
_WORD_TABLES_END = "\u3000"
_LOWER_WORDS, _FOLDED_WORDS = _build_word_tables(ord(_WORD_TABLES_END))
_WORD_RE = re.compile(r"\w+")
_PAST_WORD_TABLES_RE = re.compile(f"[{_WORD_TABLES_END}-\U0010ffff]")  # a scan in C: max(text) took five times longer


class _TokenWords(dict):
    """A whitespace-separated token -> its words through one word table.

    Filled as tokens are met. A text repeats a few hundred distinct tokens thousands of times,
    so translating each distinct token once beats translating the whole text (str.translate
    costs ~45 ns a character), and the words are the cached strings, not new ones. Cleared when
    full, so a hostile text cannot grow it without end.
    """

    MAX_TOKENS = 20_000

    def __init__(self, table: list[str]):
        super().__init__()
        self.table = table

    def __missing__(self, token: str) -> tuple[str, ...]:
        translated = token.translate(self.table)
        if _PAST_WORD_TABLES_RE.search(token):
            # Past the table (a PDF's private-use bullet, a full-width comma, CJK) the regex
            # decides what separates words; the table has already lower-cased and folded.
            words = tuple(_WORD_RE.findall(translated))
        else:
            words = tuple(translated.split())
        if len(self) >= self.MAX_TOKENS:
            self.clear()
        self[token] = words
        return words


_LOWER_TOKENS, _FOLDED_TOKENS = _TokenWords(_LOWER_WORDS), _TokenWords(_FOLDED_WORDS)


def split_words(text: str) -> tuple[list[str], list[str]]:
    """The words of NFC `text` lower-cased, as written and folded: the same words in both lists.

    A word is a run of letters, digits and `_`. Tone placement is not normalised (apply
    `normalize` to the few words that need it).
    """
    # Whitespace separates words in the tables too, so the words of each token (translated
    # once, then cached) are the words of the whole text: 1.5 -> 0.65 ms on a benchmark text.
    tokens = text.split()
    return (
        list(chain.from_iterable(map(_LOWER_TOKENS.__getitem__, tokens))),
        list(chain.from_iterable(map(_FOLDED_TOKENS.__getitem__, tokens))),
    )


# --- syllable structure -------------------------------------------------------------------------

_ONSETS = (
    "ngh", "ng", "gh", "gi", "kh", "nh", "ph", "th", "tr", "ch", "qu",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
)
# Rhymes that end the syllable: a vowel, or vowels closing on a glide (i/y/o/u).
_OPEN_RHYMES = frozenset(
    "a e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iu oa oe oi ôi ơi ua uê ui uơ uy ưa ưi ưu "
    "iêu yêu oai oao oay oeo uây uôi uya uyu ươi ươu".split()
)
# Vowel groups that take a final consonant (ă, â, iê, uô, ươ... must have one).
_CLOSED_NUCLEI = frozenset("a ă â e ê i o oo ô ơ u ư y iê yê oa oă oe uâ uê uô ươ uy uyê".split())
_FINAL_RE = re.compile(r"^(.*?)(ch|nh|ng|c|m|n|p|t)$")
_STOP_FINALS = frozenset(("c", "ch", "p", "t"))

# Each lowercase Vietnamese letter (and ASCII letter) -> (letter without tone, tone mark).
_LETTER_TONE: dict[str, tuple[str, str]] = {
    c: _split_tone(c) for c in VIETNAMESE_LETTERS if c.islower()
}
_LETTER_TONE.update({c: (c, "") for c in "abcdefghijklmnopqrstuvwxyz"})
_LETTER_TONE["ð"] = ("đ", "")  # the eth look-alike, as `normalize` reads it


def _valid_rhyme(rhyme: str, tone: str) -> bool:
    if rhyme in _OPEN_RHYMES:
        return True
    m = _FINAL_RE.match(rhyme)
    if not m or m.group(1) not in _CLOSED_NUCLEI:
        return False
    # A syllable closed by a stop (c, ch, p, t) only takes the sắc or nặng tone.
    return m.group(2) not in _STOP_FINALS or tone in ("", _ACUTE, _DOT)


def is_vietnamese_syllable(word: str) -> bool:
    """True when `word` is spelled like one Vietnamese syllable (any case, NFC or NFD).

    Checks an onset from the standard list, a rhyme (vowel group and optional final consonant)
    that occurs in the language, at most one tone mark, and no sắc/nặng-less syllable closed by
    c/ch/p/t. Used by the legacy-encoding detector, so it rejects `fỹr`, `seủor`, `ộtộ`.
    """
    word = _nfc(word).lower()
    if not word:
        return False
    base_chars = []
    tone = ""
    for ch in word:
        info = _LETTER_TONE.get(ch)
        if info is None:
            return False
        base_chars.append(info[0])
        if info[1]:
            if tone:
                return False
            tone = info[1]
    base = "".join(base_chars)
    for onset in _ONSETS:
        if base.startswith(onset) and len(base) > len(onset):
            rhyme = base[len(onset):]
            if onset == "qu" and rhyme[0] == "u":
                continue
            if _valid_rhyme(rhyme, tone):
                return True
    return False


# --- how well an OCR text reads ------------------------------------------------------------------

_EDGE_MARKS = re.compile(r"^[\W_]+|[\W_]+$")
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_NUMBER_TOKEN = re.compile(r"[\d.,:/%-]*\d[\d.,:/%-]*")
_CODE_PARTS = re.compile(r"[/.-]")
_LATIN_VOWEL = re.compile(r"[aeiouyAEIOUY]")


def _reads_as_word(word: str) -> bool:
    """A run of letters cased as writers case it (`nhân`, `Nhân`, `NHÂN`, not `nHÂn`) that is a
    Vietnamese syllable, or a Latin word of two letters or more with a vowel (English, names)."""
    if not (word.islower() or word.isupper() or (word[:1].isupper() and word[1:].islower())):
        return False
    return is_vietnamese_syllable(word) or (len(word) >= 2 and word.isascii() and _LATIN_VOWEL.search(word) is not None)


def _reads(token: str) -> bool | None:
    """Whether one space-separated token of an OCR text reads: a word (see _reads_as_word), a
    number (`1.252`, `87,5%`, `20/01/2026`) or a code of such parts (`15/TB-UBND`, `V/v`);
    None for a token of punctuation only (a bullet, a rule of dashes), which says nothing."""
    token = _EDGE_MARKS.sub("", token)
    if not token:
        return None
    if _NUMBER_TOKEN.fullmatch(token):
        return True
    if _LETTER_RUN.fullmatch(token):
        return _reads_as_word(token)
    parts = [p for p in _CODE_PARTS.split(token) if p]
    return len(parts) > 1 and all(
        _NUMBER_TOKEN.fullmatch(p) or (_LETTER_RUN.fullmatch(p) is not None and (p.isupper() or len(p) <= 2 or _reads_as_word(p))) for p in parts
    )


def readable_words(text: str) -> tuple[int, int]:
    """(tokens that read, tokens) of an OCR text, split at spaces, punctuation-only tokens left out.

    How much of a scan's text can be trusted: a token reads when it is a Vietnamese syllable, an
    English word, a number or a document code, cased as people write. Junk Tesseract makes of a
    tilted, faint or handwritten page (`còn9 vụal wœ`, `ỦYp`, `tộNđW2%c`) mostly does not; an
    English certificate or a table of figures does (its words are no syllables, its numbers no
    words, yet they read: counting syllables only put them at 22 % and 0 %).
    """
    results = [r for r in map(_reads, text.split()) if r is not None]
    return sum(results), len(results)


# --- legacy encodings ---------------------------------------------------------------------------

# TCVN 5712:1993 as glibc's iconv `TCVN5712-1` decodes bytes 0xA1-0xFE (generated once with
# `iconv -f TCVN5712-1 -t UTF-8`, byte by byte). Word and pdfminer hand such text over as the
# Latin-1 characters with the same codes (`Ph\xef` for "Phù"), so the table maps those
# characters. 0xB0-0xB4 are the standalone tone marks, returned as combining marks (NFC follows).
_TCVN3_CODES: dict[int, int] = {
    0xA1: 0x0102, 0xA2: 0x00C2, 0xA3: 0x00CA, 0xA4: 0x00D4, 0xA5: 0x01A0, 0xA6: 0x01AF,
    0xA7: 0x0110, 0xA8: 0x0103, 0xA9: 0x00E2, 0xAA: 0x00EA, 0xAB: 0x00F4, 0xAC: 0x01A1,
    0xAD: 0x01B0, 0xAE: 0x0111, 0xAF: 0x1EB0, 0xB0: 0x0300, 0xB1: 0x0309, 0xB2: 0x0303,
    0xB3: 0x0301, 0xB4: 0x0323, 0xB5: 0x00E0, 0xB6: 0x1EA3, 0xB7: 0x00E3, 0xB8: 0x00E1,
    0xB9: 0x1EA1, 0xBA: 0x1EB2, 0xBB: 0x1EB1, 0xBC: 0x1EB3, 0xBD: 0x1EB5, 0xBE: 0x1EAF,
    0xBF: 0x1EB4, 0xC0: 0x1EAE, 0xC1: 0x1EA6, 0xC2: 0x1EA8, 0xC3: 0x1EAA, 0xC4: 0x1EA4,
    0xC5: 0x1EC0, 0xC6: 0x1EB7, 0xC7: 0x1EA7, 0xC8: 0x1EA9, 0xC9: 0x1EAB, 0xCA: 0x1EA5,
    0xCB: 0x1EAD, 0xCC: 0x00E8, 0xCD: 0x1EC2, 0xCE: 0x1EBB, 0xCF: 0x1EBD, 0xD0: 0x00E9,
    0xD1: 0x1EB9, 0xD2: 0x1EC1, 0xD3: 0x1EC3, 0xD4: 0x1EC5, 0xD5: 0x1EBF, 0xD6: 0x1EC7,
    0xD7: 0x00EC, 0xD8: 0x1EC9, 0xD9: 0x1EC4, 0xDA: 0x1EBE, 0xDB: 0x1ED2, 0xDC: 0x0129,
    0xDD: 0x00ED, 0xDE: 0x1ECB, 0xDF: 0x00F2, 0xE0: 0x1ED4, 0xE1: 0x1ECF, 0xE2: 0x00F5,
    0xE3: 0x00F3, 0xE4: 0x1ECD, 0xE5: 0x1ED3, 0xE6: 0x1ED5, 0xE7: 0x1ED7, 0xE8: 0x1ED1,
    0xE9: 0x1ED9, 0xEA: 0x1EDD, 0xEB: 0x1EDF, 0xEC: 0x1EE1, 0xED: 0x1EDB, 0xEE: 0x1EE3,
    0xEF: 0x00F9, 0xF0: 0x1ED6, 0xF1: 0x1EE7, 0xF2: 0x0169, 0xF3: 0x00FA, 0xF4: 0x1EE5,
    0xF5: 0x1EEB, 0xF6: 0x1EED, 0xF7: 0x1EEF, 0xF8: 0x1EE9, 0xF9: 0x1EF1, 0xFA: 0x1EF3,
    0xFB: 0x1EF7, 0xFC: 0x1EF9, 0xFD: 0x00FD, 0xFE: 0x1EF5,
}
_TCVN3_DECODE = {byte: chr(cp) for byte, cp in _TCVN3_CODES.items()}
_TCVN3_ENCODE = {chr(cp): chr(byte) for byte, cp in _TCVN3_CODES.items()}
_TONE_TO_TCVN3 = {_TCVN3_DECODE[b]: chr(b) for b in range(0xB0, 0xB5)}


def from_tcvn3(text: str, capitals: bool = False) -> str:
    """Decode TCVN3 (ABC) text read as Latin-1 characters into NFC Unicode.

    `capitals=True` is for the `...H` fonts (`.VnTimeH`), which draw every letter as a
    capital: the result is upper-cased.
    """
    out = _nfc(text.translate(_TCVN3_DECODE))
    return out.upper() if capitals else out


def to_tcvn3(text: str, capitals: bool = False) -> str:
    """Encode Unicode Vietnamese as TCVN3 characters (the inverse of `from_tcvn3`).

    With `capitals=True` the text is written as for a `...H` capitals font (lower-case codes).
    A capital that has no code of its own is written as its base letter plus the separate tone
    byte (0xB0-0xB4). Raises ValueError for a character TCVN3 cannot write.
    """
    text = _nfc(text.lower() if capitals else text)
    out = []
    for ch in text:
        if ch.isascii():
            out.append(ch)
        elif ch in _TCVN3_ENCODE:
            out.append(_TCVN3_ENCODE[ch])
        else:
            base, tone = _split_tone(ch)
            if tone and (base.isascii() or base in _TCVN3_ENCODE):
                out.append(_TCVN3_ENCODE.get(base, base) + _TONE_TO_TCVN3[tone])
            else:
                raise ValueError(f"TCVN3 has no code for {ch!r}")
    return "".join(out)


# VNI (VNI-Windows, the VNI-Times family): a base letter followed by one accent character, both
# ordinary Latin-1 characters. Lower-case accents follow lower-case letters, upper-case follow
# upper-case. i and ỵ, ơ, ư and đ have single characters of their own.
_VNI_TONE = {_ACUTE: "ù", _GRAVE: "ø", _HOOK: "û", _TILDE: "õ", _DOT: "ï"}
_VNI_CIRCUMFLEX = {"": "â", _ACUTE: "á", _GRAVE: "à", _HOOK: "å", _TILDE: "ã", _DOT: "ä"}
_VNI_BREVE = {"": "ê", _ACUTE: "é", _GRAVE: "è", _HOOK: "ú", _TILDE: "ü", _DOT: "ë"}
_VNI_SINGLE = {
    "ơ": "ô", "ư": "ö", "đ": "ñ", "í": "í", "ì": "ì", "ỉ": "æ", "ĩ": "ó", "ị": "ò", "ỵ": "î",
}


def _build_vni_encode() -> dict[str, str]:
    lower: dict[str, str] = {}
    for letter in VIETNAMESE_LETTERS:
        if not letter.islower():
            continue
        if letter in _VNI_SINGLE:
            lower[letter] = _VNI_SINGLE[letter]
            continue
        base, tone = _split_tone(letter)
        if base in ("ơ", "ư"):
            lower[letter] = _VNI_SINGLE[base] + _VNI_TONE[tone]
        elif base in ("â", "ê", "ô"):
            lower[letter] = fold(base) + _VNI_CIRCUMFLEX[tone]
        elif base == "ă":
            lower[letter] = "a" + _VNI_BREVE[tone]
        elif tone:
            lower[letter] = base + _VNI_TONE[tone]
    table = dict(lower)
    for letter, code in lower.items():
        table[letter.upper()] = code.upper()
    return table


def _build_vni_decode(encode: dict[str, str]) -> dict[str, str]:
    decode = {code: letter for letter, code in encode.items()}
    # Tolerate an accent in the other case than its letter (the letter decides the case), and
    # the odd `yï` for ỵ that some converters write.
    for code, letter in list(decode.items()):
        if len(code) == 2:
            decode.setdefault(code[0] + code[1].swapcase(), letter)
    decode.setdefault("yï", "ỵ")
    decode.setdefault("YÏ", "Ỵ")
    return decode


_VNI_ENCODE = _build_vni_encode()
_VNI_DECODE = _build_vni_decode(_VNI_ENCODE)
_VNI_RE = re.compile(
    "|".join(re.escape(k) for k in sorted(_VNI_DECODE, key=len, reverse=True))
)


def from_vni(text: str) -> str:
    """Decode VNI-Windows text (`Vieät Nam`, `Ngöôøi`) into NFC Unicode (`Việt Nam`, `Người`)."""
    return _VNI_RE.sub(lambda m: _VNI_DECODE[m.group()], text)


def to_vni(text: str) -> str:
    """Encode Unicode Vietnamese as VNI-Windows characters (the inverse of `from_vni`)."""
    return "".join(_VNI_ENCODE.get(ch, ch) for ch in _nfc(text))


# Subset prefix pdfminer reports (`ABCDEF+.VnTime`), and a style suffix (`,Bold`, `-Italic`).
_FONT_SUBSET_RE = re.compile(r"^[A-Z]{6}\+")
_FONT_STYLE_RE = re.compile(r"[,-](bold|italic|oblique|bolditalic|regular|normal|b|i|bi)$", re.I)


def legacy_font(font: str | None) -> tuple[str | None, bool]:
    """Which legacy encoding a font name implies: ("tcvn3"|"vni"|None, capitals?).

    TCVN3 (ABC) fonts are named `.VnTime`, `.VnArial`, ... (also without the dot); a name ending
    in `H` (`.VnTimeH`, `.VnArialH`) is a capitals font. VNI fonts start with `VNI-`.
    """
    if not font:
        return None, False
    name = _FONT_SUBSET_RE.sub("", font.strip())
    while True:
        stripped = _FONT_STYLE_RE.sub("", name)
        if stripped == name:
            break
        name = stripped
    lowered = name.lower()
    if lowered.startswith("vni-") or lowered.startswith("vni "):
        return "vni", False
    if lowered.startswith(".vn") or (lowered.startswith("vn") and not lowered.startswith("vni")):
        return "tcvn3", name.endswith("H")
    return None, False


# A "word" for the detector: a run of anything but spaces, digits and ASCII punctuation. TCVN3
# mojibake mixes letters with symbols (`c¸c`, `®ång`), so a letter-only regex would split it.
_DETECT_SAMPLE = 2000
_LEGACY_WORD_RE = re.compile(r"[^\s0-9!-/:-@\[-`{-~\u2000-\u206f]+")


def _share_valid(words: list[str]) -> float:
    return sum(_is_syllable_cached(w) for w in words) / len(words) if words else 0.0


@functools.lru_cache(maxsize=1 << 16)
def _is_syllable_cached(word: str) -> bool:
    # A document repeats a few hundred syllables: checking each once makes detection ~20x cheaper.
    return is_vietnamese_syllable(word)


def _detect_legacy(text: str) -> str | None:
    """"tcvn3", "vni" or None for text that arrived with no usable font name.

    Real mojibake has three marks, all required: nearly every non-ASCII word is changed by the
    right table (every accented letter is a code), most of them then become valid syllables,
    clearly more than before; and the plain-ASCII words around them are Vietnamese syllables
    too. Foreign text fails at least one: French `où` becomes VNI `ó`, but `bientôt` -> `bientơt`
    does not, and `est`, `gare`, `sommes` are no syllables.
    """
    tokens = _LEGACY_WORD_RE.findall(text)
    words = [w for w in tokens if not w.isascii()]
    if len(words) < 2:
        return None  # one odd word proves nothing either way
    if len(words) > _DETECT_SAMPLE:
        # A spread-out sample decides as well as the whole of a long document, and faster.
        step = len(words) / _DETECT_SAMPLE
        words = [words[int(i * step)] for i in range(_DETECT_SAMPLE)]
    before = _share_valid(words)
    if before == 1.0:
        return None  # already Vietnamese (or another language whose words happen to fit)
    ascii_words = [w for w in tokens if w.isascii() and w.isalpha()][:_DETECT_SAMPLE]
    if len(ascii_words) >= 5 and _share_valid(ascii_words) < 0.6:
        return None
    best, best_share = None, 0.0
    for name, convert in (("tcvn3", from_tcvn3), ("vni", from_vni)):
        converted = [convert(w) for w in words]
        changed = sum(c != w for c, w in zip(converted, words)) / len(words)
        share = _share_valid(converted)
        if changed >= 0.8 and share >= 0.6 and share - before >= 0.3 and share > best_share:
            best, best_share = name, share
    return best


def repair_legacy(text: str, font: str | None = None) -> tuple[str, str | None]:
    """Convert TCVN3/VNI mojibake to Unicode; returns (text, "tcvn3"|"vni"|None).

    With a legacy `font` name (see `legacy_font`) the text is converted with that font's table.
    Without one, the text is converted only when it has non-ASCII words that are not already
    Vietnamese, and one table turns most of them into valid syllables (clearly more than
    before). Anything else (plain Vietnamese, Spanish, French, German) comes back unchanged,
    the very same string, with None. The conversion is all or nothing for the text given: pass
    a DOCX run or a PDF page, not a whole mixed document.
    """
    encoding, capitals = legacy_font(font)
    if encoding is None and not text.isascii():
        encoding = _detect_legacy(text)
    if encoding == "tcvn3":
        return from_tcvn3(text, capitals), "tcvn3"
    if encoding == "vni":
        return _nfc(from_vni(text)), "vni"
    return text, None


def repair_legacy_lines(lines: list[str]) -> tuple[list[str], str | None]:
    """`repair_legacy` for the lines of a page whose font names are lost (RTF): the table that the
    lines with no letter a legacy font cannot produce show together, applied to each of them (a
    Unicode header stays, a one-word table cell is converted); each line on its own when they
    show none."""
    # Detected on the lines that can be legacy at all, so a Unicode header does not outvote them.
    encoding = _detect_legacy("\n".join(line for line in lines if not _already_vietnamese(line)))
    if encoding is None:
        repaired = [repair_legacy(line) for line in lines]
        return [text for text, _ in repaired], next((enc for _, enc in repaired if enc), None)
    return [line if _already_vietnamese(line) else repair_legacy(line, _TABLE_FONT[encoding])[0] for line in lines], encoding


# A font name that selects each table in `legacy_font`.
_TABLE_FONT = {"tcvn3": ".VnTime", "vni": "VNI-Times"}


def _already_vietnamese(line: str) -> bool:
    # Legacy bytes read through a Western font come out as Latin-1 and cp1252 characters only;
    # a letter past them (ă, đ, ơ, ư, ạ...) is Unicode typed as such. Whether the words are valid
    # syllables says nothing here: `Cã` is TCVN3's `Có`, and `NĐ-CP` or `m²` are no syllables.
    return any(ord(c) > 0xFF and c not in _CP1252_EXTRAS for c in line)


_CP1252_EXTRAS = frozenset(bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore"))


# --- document numbers ---------------------------------------------------------------------------

# Decree 30/2020/NĐ-CP, Appendix III: abbreviations of administrative document types; plus the
# legal documents the wards cite or receive (TT, NĐ, ...) and KL/CV from Party documents.
DOC_TYPES: dict[str, str] = {
    abbr: normalize(name)
    for abbr, name in {
        "NQ": "NGHỊ QUYẾT",
        "QĐ": "QUYẾT ĐỊNH",
        "CT": "CHỈ THỊ",
        "QC": "QUY CHẾ",
        "QyĐ": "QUY ĐỊNH",
        "TC": "THÔNG CÁO",
        "TB": "THÔNG BÁO",
        "HD": "HƯỚNG DẪN",
        "CTr": "CHƯƠNG TRÌNH",
        "KH": "KẾ HOẠCH",
        "PA": "PHƯƠNG ÁN",
        "ĐA": "ĐỀ ÁN",
        "DA": "DỰ ÁN",
        "BC": "BÁO CÁO",
        "BB": "BIÊN BẢN",
        "TTr": "TỜ TRÌNH",
        "HĐ": "HỢP ĐỒNG",
        "CĐ": "CÔNG ĐIỆN",
        "BGN": "BẢN GHI NHỚ",
        "BTT": "BẢN THỎA THUẬN",
        "GUQ": "GIẤY ỦY QUYỀN",
        "GM": "GIẤY MỜI",
        "GGT": "GIẤY GIỚI THIỆU",
        "GNP": "GIẤY NGHỈ PHÉP",
        "PG": "PHIẾU GỬI",
        "PC": "PHIẾU CHUYỂN",
        "PB": "PHIẾU BÁO",
        "KL": "KẾT LUẬN",
        "TT": "THÔNG TƯ",
        "TTLT": "THÔNG TƯ LIÊN TỊCH",
        "NĐ": "NGHỊ ĐỊNH",
        "CV": "CÔNG VĂN",
    }.items()
}
OFFICIAL_LETTER = "CÔNG VĂN"

# Official spellings of symbol parts whose case is not all-capitals (CTr, TTr, QyĐ, TTg).
_SYMBOL_SPELLINGS = {s.upper(): s for s in [*DOC_TYPES, "TTg"]}


def _unique_folded(spellings: list[str]) -> dict[str, str]:
    by_folded: dict[str, list[str]] = {}
    for spelling in spellings:
        by_folded.setdefault(fold(spelling).upper(), []).append(spelling)
    return {k: v[0] for k, v in by_folded.items() if len(v) == 1}


# The same keyed by their folded form, for headers typed without diacritics (`QD` -> `QĐ`),
# but only where the folded form is unique (DA/ĐA and HD/HĐ are not).
_SYMBOL_FOLDED = _unique_folded(list(_SYMBOL_SPELLINGS.values()))


def _canonical_part(part: str) -> str:
    upper = part.upper()
    if upper in _SYMBOL_SPELLINGS:
        return _SYMBOL_SPELLINGS[upper]
    folded = fold(upper)
    if folded == upper and folded in _SYMBOL_FOLDED:
        return _SYMBOL_FOLDED[folded]
    return upper


def doc_number_key(s: str) -> str | None:
    """A comparison key for a document number: `91/KH-UBND`, `91 kh ubnd`, `91/KH - UBND` and
    `091/KH-UBND` all give "91 kh ubnd". None when `s` has no letters or digits."""
    parts = re.findall(r"[a-z0-9]+", fold(normalize(s)).lower())
    if not parts:
        return None
    return " ".join(p.lstrip("0") or "0" if p.isdigit() else p for p in parts)


# A query that is a document number: digits, an optional year, then letter groups.
_NUMBER_QUERY_RE = re.compile(
    r"^\s*\d{1,6}(?:\s*/\s*\d{4})?\s*(?P<sep>[/-]|\s)\s*[a-z][a-z0-9]*"
    r"(?:\s*[/.&-]\s*[a-z][a-z0-9]*|\s+[a-z][a-z0-9]*)*\s*$"
)


_QUERY_DATE_RE = re.compile(
    r"^(?:ngay\s*)?(?P<d>\d{1,2})\s*(?:[/.-]\s*(?P<m>\d{1,2})\s*[/.-]|thang\s*(?P<m2>\d{1,2})\s*nam)\s*(?P<y>(?:19|20)\d\d)$"
)


def query_date(query: str) -> dt.date | None:
    """The day a query is, when it is only a date: `22/04/2026`, `22-4-2026`, `ngày 22 tháng 4 năm 2026`."""
    m = _QUERY_DATE_RE.match(" ".join(fold(normalize(query)).lower().split()))
    if m is None:
        return None
    try:
        return dt.date(int(m.group("y")), int(m.group("m") or m.group("m2")), int(m.group("d")))
    except ValueError:
        return None


def looks_like_doc_number(query: str) -> bool:
    """True for a search query that is a document number (`91/KH-UBND`, `91 kh ubnd`,
    `12/2026/QĐ-UBND`, `25-CTr/ĐU`), so search can look it up by `doc_number_key` first.

    Written with spaces only, the letter groups must include an abbreviation (something that is
    not a Vietnamese syllable), so that `5 bang phi` stays an ordinary query.
    """
    normalized = normalize(query)
    folded = fold(normalized).lower()
    m = _NUMBER_QUERY_RE.match(folded)
    if not m:
        return False
    if m.group("sep").strip():
        return True
    groups = re.findall(r"[^\W\d_]+", normalized.lower())
    return len(groups) >= 2 and any(not is_vietnamese_syllable(g) for g in groups)


# `số 91`, `so: 91`, `kế hoạch số 91`, `quyết định 36`: a number after `số` or a type's name.
_NUMBERED_QUERY_RE = re.compile(r"^(?:(?P<type>[a-z][a-z ]*?)\s+)??(?:(?P<so>so)\s*:?\s*)?(?P<num>\d{1,6})$")
_YEAR_PART_RE = re.compile(r"(?:19|20)\d\d")
# A type's abbreviation and a number, as staff say them: `CV 1711`, `KH91`, `QĐ-35`, `tb số 08`.
_ABBREVIATED_QUERY_RE = re.compile(r"^(?P<abbr>[a-z]{1,5})\s*[-.:]?\s*(?:so\s*:?\s*)?(?P<num>\d{1,6})$")


@functools.lru_cache(maxsize=1)
def _type_keys() -> dict[str, tuple[str, ...]]:
    """A type's folded name -> the key parts of its abbreviations (`ke hoach` -> `kh`)."""
    keys: dict[str, list[str]] = {}
    for abbr, name in DOC_TYPES.items():
        keys.setdefault(fold(name).lower(), []).append(doc_number_key(abbr) or "")
    found = {name: tuple(sorted(set(parts))) for name, parts in keys.items()}
    found[fold(OFFICIAL_LETTER).lower()] = ()  # a công văn's symbol names its office, not its type
    return found


@functools.lru_cache(maxsize=1)
def _abbreviations() -> dict[str, str]:
    """A type's abbreviation, folded (`qd`, `cv`), -> its folded name (`quyet dinh`)."""
    # `TC 3` is tiêu chí 3 to this tool's users before it is a thông cáo.
    return {fold(abbr).lower(): fold(name).lower() for abbr, name in DOC_TYPES.items() if abbr != "TC"}


def cited_doc_number(query: str) -> str | None:
    """The number a query cites as a report's `Căn cứ` line does (`số 45/KH-UBND`, `Kế hoạch số
    45/KH-UBND`, `Quyết định 12/QĐ-UBND`), or None: the lead-in words are not in the document.
    The whole line pasted is one too: `Căn cứ Kế hoạch số 45/KH-UBND ngày 12/3/2026 của UBND ...`."""
    words = re.sub(r"([,;.])(?=\s|$)", r" \1", normalize(query)).split()
    first = next((i for i, w in enumerate(words) if w[:1].isdigit()), None)
    # A citation's number has its `/` (`45/KH-UBND`): `báo cáo 6 tháng đầu năm của UBND phường`
    # is a title, not the number `6 tháng ... UBND`. A long paste is no citation either.
    if not first or len(words) > 40 or not re.match(r"\d+\s*/", " ".join(words[first:first + 3])):
        return None

    def followed_by_the_line(k: int) -> bool:  # what a citing line has after the number, or nothing
        tail = fold(" ".join(words[k:])).lower()
        return not tail or re.match(r"(?:ngay|cua|ve|v/v)\b|[,;.]", tail) is not None

    # The shortest run of words from there that is a number (`45/KH-UBND`, `91 KH UBND`) and
    # ends where the line goes on (`ngày ...`, `của ...`).
    end = next((k for k in range(first + 1, len(words) + 1) if looks_like_doc_number(" ".join(words[first:k])) and followed_by_the_line(k)), None)
    if end is None:
        return None
    lead = fold(" ".join(words[:first])).lower().replace(":", " ").split()
    if lead[:2] in (["can", "cu"], ["thuc", "hien"]):
        lead = lead[2:]
    elif lead[:1] == ["theo"]:
        lead = lead[1:]
    if lead[-1:] == ["so"]:
        lead = lead[:-1]
    return " ".join(words[first:end]) if not lead or " ".join(lead) in _type_keys() else None


def spaced_doc_number(query: str) -> str:
    """`KH91`, `QĐ-35` as the words a document's text has them in (`KH 91`); other queries as they are."""
    short = _ABBREVIATED_QUERY_RE.match(" ".join(fold(normalize(query)).lower().split()))
    if short is None or short.group("abbr") not in _abbreviations():
        return query
    m = re.fullmatch(r"\s*([^\W\d_]+)\s*[-.:]?\s*(.*?)(\d+)\s*", query)
    return f"{m.group(1)} {m.group(2)}{m.group(3)}" if m else query


# Letters OCR takes for one another in a symbol (`44/TXL-UBND` read as `44/IXL-UBND`): a typed
# number finds the scan so misread too, after the files numbered exactly so (half the bonus).
_OCR_ALIKE = ("til1jf", "o0dq", "s5", "b8", "z2", "g6", "uv")


def _as_ocr_reads(part: str) -> str:
    """A regular expression for a symbol's letters, each also as OCR may have read it."""
    out = []
    for c in part:
        alike = "".join(sorted({a for group in _OCR_ALIKE if c in group for a in group}))
        out.append(f"[{alike}]" if alike else re.escape(c))
    return "".join(out)


def doc_number_pattern(query: str) -> str | None:
    """A regular expression (matched against a whole `doc_number_key`) for the document numbers
    a query names, whole or in part, or None for any other query.

    `91/KH` and `91/KH-UBND` match keys that start so; `12/QĐ-UBND` also matches
    `12/2026/QĐ-UBND` (people leave the year out) and `12/2026/QĐ-UBND` also `12/QĐ-UBND` (or
    add one the document lacks), never `12/2025/QĐ-UBND`; `số 91` matches any type numbered 91 and
    `kế hoạch số 91` (or `kế hoạch 91`, `KH 91`, `KH91`) a KH numbered 91; `CV 1711` a công văn.
    """
    if looks_like_doc_number(query):
        parts = (doc_number_key(query) or "").split()
        if len(parts) < 2:
            return None
        # Between the symbol's parts a space or none: OCR loses hyphens (`62/UBNDVHXH`).
        if _YEAR_PART_RE.fullmatch(parts[1]) and len(parts) > 2:
            # The year typed, the year or none: `15/2026/KH-UBND` finds a plan numbered `15/KH-UBND`
            # (the exact number, by its key, first), never one of another year.
            return f"{parts[0]}( {parts[1]})? {' ?'.join(_as_ocr_reads(p) for p in parts[2:])}( .*)?"
        return f"{parts[0]}( [0-9]{{4}})? {' ?'.join(_as_ocr_reads(p) for p in parts[1:])}( .*)?"
    folded = " ".join(fold(normalize(query)).lower().split())
    if (short := _ABBREVIATED_QUERY_RE.match(folded)) and short.group("abbr") in _abbreviations():
        folded = f"{_abbreviations()[short.group('abbr')]} {short.group('num')}"
    m = _NUMBERED_QUERY_RE.match(folded)
    if m is None or not (m.group("so") or m.group("type")):
        return None
    number = m.group("num").lstrip("0") or "0"
    if m.group("type") is None:
        return f"{number}( .*)?"
    keys = _type_keys().get(m.group("type"))
    if keys is None:  # `trang 5`, `điều 3`: not a document type
        return None
    return f"{number}( [0-9]{{4}})? ({'|'.join(keys)})( .*)?" if keys else f"{number}( .*)?"


# --- phone numbers ------------------------------------------------------------------------------

# A phone number as documents write it: `0225.3.856.112`, `(0225) 3856 112`, `0912 345 678`,
# `+84 912 345 678`. The index holds its groups as separate words, so a number typed in other
# groups than the document's (`02253856112`, `0225.3856.112`, `3856112`) found nothing.
# `phone_words` gives each number's digits as one word (and a landline's local number: `3856112`),
# indexed beside the text; a phone number typed is looked for as that word (search/query.py).
# A run of digit groups that may start as a phone number does (`0`, `(0`, `+84`): a first
# character re can scan for (a look-behind or an alternation first took seven times longer).
_NUMBER_RUN_RE = re.compile(r"[(+0][\d()., \t\-\u2013+]{6,}")
_DIGIT_GROUP_RE = re.compile(r"\d+")
_MOBILE_PREFIXES = ("03", "05", "07", "08", "09")
_THREE_DIGIT_AREA_CODES = ("024", "028")  # Hà Nội, TP.HCM: 8-digit local numbers; the others 02xx + 7


def phone_words(text: str) -> list[str]:
    """The digits of each phone number in `text` as one word, and each landline's local number:
    `0225.3.856.112` gives `02253856112` and `3856112`. A number already written in one run
    gives only its local number (its digits are a word of the text)."""
    words: list[str] = []
    for run in _NUMBER_RUN_RE.finditer(text):
        written = run.group()
        groups = _DIGIT_GROUP_RE.findall(written)
        plus = written.lstrip("(").startswith("+")
        # A `0` inside a number (`2026 0912 345 678`): its first group is that number's tail.
        i = 1 if run.start() > 0 and text[run.start() - 1].isdigit() else 0
        while i < len(groups):
            end = _phone_end(groups, i, plus and i == 0)
            if end is None:
                i += 1
                continue
            digits = "".join(groups[i:end])
            if plus and i == 0:
                digits = "0" + digits[2:]
            # In one run, the number is a word of the text already, unless letters cling to it (`ĐT0912345678`).
            if end - i > 1 or digits != groups[i] or (i == 0 and run.start() > 0 and text[run.start() - 1].isalpha()):
                words.append(digits)
            if digits.startswith("02"):
                words.append(digits[3:] if digits.startswith(_THREE_DIGIT_AREA_CODES) else digits[4:])
            i = end
    return words


def _phone_end(groups: list[str], start: int, plus: bool) -> int | None:
    """Where the phone number starting at `groups[start]` ends (one past its last group), or None:
    a mobile number is 10 digits (03, 05, 07, 08, 09), a landline 11 (02 and its area code)."""
    if plus:
        if not groups[start].startswith("84"):
            return None
        digits = "0" + groups[start][2:]
    elif groups[start].startswith("0"):
        digits = groups[start]
    else:
        return None
    end = start + 1
    while len(digits) < 11:
        if len(digits) >= 2 and not (digits.startswith("02") or digits.startswith(_MOBILE_PREFIXES)):
            return None
        if len(digits) == 10 and digits.startswith(_MOBILE_PREFIXES):
            return end
        if end == len(groups):
            return None
        digits += groups[end]
        end += 1
    return end if len(digits) == 11 and digits.startswith("02") else None


# --- document header ----------------------------------------------------------------------------

_HEADER_LINES = 40
_HEADER_CHARS = 3000

# The number line, matched on folded text: `Số: 91/KH-UBND`, `So : 07 / BC - UBND`,
# `Số: 12/2026/QĐ-UBND`, `Số: 25-CTr/ĐU`, `Số:    /BC-UBND` (number left blank for the pen).
_SYMBOL_PART = r"[A-Za-z][A-Za-z0-9]*"
_NUMBER_LINE_RE = re.compile(
    rf"(?:^|(?<=[\s|]))(?P<so>S[Oo])\b\s*(?P<colon>[:.]?)[ \t]*"
    rf"(?P<num>\d{{1,6}})?[ \t]*(?:/[ \t]*(?P<year>(?:19|20)\d\d)[ \t]*)?"
    rf"(?P<sep>[/-])[ \t]*"
    rf"(?P<sym>{_SYMBOL_PART}(?:[ \t]*[-/.&][ \t]*{_SYMBOL_PART})*)"
)
# Body citations name the type before the number (`Kế hoạch số 91/KH-UBND`).
_CITING_WORDS_RE = re.compile(
    r"(ke hoach|quyet dinh|nghi quyet|bao cao|thong bao|cong van|to trinh|huong dan|chi thi|"
    r"nghi dinh|thong tu|chuong trinh|van ban|luat|theo|can cu|thuc hien)\s*$",
    re.I,
)

_DATE_RE = re.compile(
    r"ngay\s*(?P<d>\d{1,2})\s*(?:thang\s*(?P<m>\d{1,2})\s*nam|[/.-]\s*(?P<m2>\d{1,2})\s*[/.-])"
    r"\s*(?P<y>(?:19|20)\d\d)(?!\d)"
)
_CITATION_PREFIX_RE = re.compile(r"(^|\W)(can cu|thuc hien|theo|ve viec|v/v)\b")
_CITED_NUMBER_RE = re.compile(r"\bso\s*\d")  # case-sensitive: lower-case `số` only
# The abstract line of a công văn (`V/v tăng cường ...`), which has no title.
_ABSTRACT_RE = re.compile(r"^\s*v/v\b", re.I)

# Title lines (`KẾ HOẠCH`, `BÁO CÁO KẾT QUẢ ...`), longest names first so that
# `THÔNG TƯ LIÊN TỊCH` wins over `THÔNG TƯ`.
# Titles a ward's own documents carry that Decree 30 gives no abbreviation (`Số: 06/TXL-UBND`
# then `THƯ XIN LỖI`): the title names the type, where the number alone would say công văn.
TITLE_TYPES = tuple(normalize(t) for t in (
    "THƯ XIN LỖI", "THƯ CẢM ƠN", "THƯ CHÚC MỪNG", "THƯ THĂM HỎI", "THƯ ĐỘNG VIÊN", "THƯ BIỂU DƯƠNG",
    "THƯ KHEN", "THƯ NGỎ", "THƯ MỜI", "DANH SÁCH", "PHIẾU KHẢO SÁT", "PHIẾU LẤY Ý KIẾN", "NỘI QUY",
    "LỊCH TIẾP CÔNG DÂN", "LỊCH CÔNG TÁC", "GIẤY CHỨNG NHẬN", "GIẤY KHEN", "BẰNG KHEN", "BẢN TIN",
))  # fmt: skip
_LETTER_TYPES = frozenset(t for t in TITLE_TYPES if t.startswith("THƯ "))
_TITLES = sorted(
    {fold(name): name for name in (*DOC_TYPES.values(), *TITLE_TYPES)}.items(), key=lambda kv: -len(kv[0])
)


def _find_number(lines: list[str]) -> tuple[str | None, str | None, bool]:
    """(canonical number or None, type abbreviation part or None, found a number line)."""
    for line in lines:
        folded = fold(line)
        for m in _NUMBER_LINE_RE.finditer(folded):
            start = m.start("so")
            prefix = folded[:start]
            # Mid-line (after a header cell) only as `Số:`; never after a citing word.
            if prefix.strip() and (not m.group("colon") or _CITING_WORDS_RE.search(prefix.lower())):
                continue
            sym_raw = line[m.start("sym"):m.end("sym")]
            # re.split with a group alternates [part, separator, part, separator, ...]
            parts = re.split(r"[ \t]*([-/.&])[ \t]*", sym_raw)
            if re.search(r"[^\x00-\x7fĐđ]", parts[0]):
                # A word with a tone mark is no symbol: a bulletin's `Số 04 - Tháng 5 năm 2026`.
                continue
            words = [_canonical_part(p) for p in parts[0::2]]
            seps = parts[1::2]
            symbol = words[0] + "".join(s + w for s, w in zip(seps, words[1:]))
            num = m.group("num")
            year = m.group("year")
            number = None
            if num:
                number = num + (f"/{year}" if year else "") + m.group("sep") + symbol
            # Decree 30 puts the type first (`KH-UBND`); Party documents put it right after
            # the number (`25-CTr/ĐU`): either way the first part of the symbol decides.
            doc_type = words[0] if words[0] in DOC_TYPES else None
            return number, doc_type, True
    return None, None, False


_WEEKDAY_RE = re.compile(r"(?:thu\s*(?:hai|ba|tu|nam|sau|bay|[2-7])|chu\s*nhat)")
# A period, not the day of issue (folded): `Từ ngày 15/12/2025 đến ngày 31/5/2026, không có ...`,
# `Kể từ ngày ...`, `Giai đoạn ...`, `Đến hết ngày ...`; a date that opens a range (`ngày 01/01/2026
# - 31/5/2026`, `... đến ngày ...`) or closes one.
# Matched with the marks (lower case): folded, `tu` and `den` also ended `Văn Tự`, `Hòa Tú`,
# `Phú Đền`, places written before `ngày` without a comma, and their date lines were skipped. The
# period word stands alone (or after punctuation): `Trong thời gian từ ngày ...` is no place anyway.
_PERIOD_WORDS = ("kể từ", "từ", "đến hết", "đến", "tính đến", "giai đoạn từ", "giai đoạn")


def _any_of(phrases) -> str:
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)


_PERIOD_BEFORE_RE = re.compile(rf"(?:^|[,;:(]\s*)(?:{_any_of(_PERIOD_WORDS)})$|[-\u2013]$")
# The same typed without marks, only as the whole of what stands before the date (`Tu ngay ...`).
_PERIOD_ALONE_RE = re.compile(_any_of(fold(p) for p in _PERIOD_WORDS))
# After the date (folded): `đến ...`, or a dash and another date (`- 31/5/2026`, `- ngày ...`), not `- 10 giờ`.
_PERIOD_AFTER_RE = re.compile(r"\s*,?\s*(?:den\b|[-\u2013]\s*(?:ngay\b|\d{1,2}\s*[/.-]\s*\d{1,2}\b))")


def _find_date(lines: list[str]) -> dt.date | None:
    """The date of the place-and-date line: the first `ngày D tháng M năm Y` (or `ngày D/M/Y`)
    that follows a place and a comma, a short Title-Case place, or nothing, and is not a
    citation (`Thực hiện Kế hoạch số 12/KH-UBND ngày ...`) nor a period's first or last day
    (`Từ ngày 15/12/2025 đến ngày 31/5/2026`)."""
    for line in lines:
        folded = fold(line)
        lowered = folded.lower()
        written = line.lower()
        if len(written) != len(lowered):  # a letter whose lower case is longer: positions differ
            written = lowered
        for m in _DATE_RE.finditer(lowered):
            prefix = lowered[:m.start()].strip()
            if _WEEKDAY_RE.fullmatch(prefix.rstrip(",")):
                continue  # `Thứ Tư ngày 15/4/2026 - ...`: a schedule's day, not the date line
            if (
                _PERIOD_BEFORE_RE.search(written[:m.start()].strip()) or _PERIOD_ALONE_RE.fullmatch(prefix)
                or _PERIOD_AFTER_RE.match(lowered, m.end())
            ):
                continue  # `Từ ngày 15/12/2025 đến ngày 31/5/2026, ...`: a period, not the day of issue
            if prefix and not prefix.endswith(","):
                # `Phù Liễn ngày ...` without the comma: accept a short Title-Case place name.
                words = line[:m.start()].split()
                if len(words) > 6 or not all(w[:1].isupper() for w in words):
                    continue
            # Citations: a lower-case `số 12/...` (the header's own is `Số:`), or a citing verb.
            if _CITED_NUMBER_RE.search(folded[:m.start()]) or _CITATION_PREFIX_RE.search(prefix):
                continue
            try:
                month = int(m.group("m") or m.group("m2"))
                return dt.date(int(m.group("y")), month, int(m.group("d")))
            except ValueError:
                return None  # the date line is there, but says 31 February
    return None


def _find_title(lines: list[str]) -> str | None:
    """The type named by the first all-capitals line that starts with a type's name."""
    after_issuer = False
    for line in lines:
        stripped = line.strip()
        issuer, after_issuer = after_issuer, fold(stripped).upper().startswith("UY BAN NHAN DAN")
        if not stripped or stripped != stripped.upper() or not any(c.isalpha() for c in stripped):
            continue
        # Compared without marks (OCR and typists miss some: `KÉ HOẠCH`), but the ward's name in
        # the header, `PHƯỜNG AN KHÁNH`, folded reads `PHUONG AN ...`: `PHƯƠNG ÁN` (a plan). It is
        # the line under ỦY BAN NHÂN DÂN, however OCR read its marks (`PHƯƠNG AN KHÁNH`).
        if stripped.startswith(_WARD_LINE) or (issuer and fold(stripped).upper().startswith("PHUONG ")):
            continue
        folded = " ".join(fold(stripped).split())
        for key, name in _TITLES:
            if folded == key or folded.startswith(key + " ") or folded.startswith(key + ":"):
                return name
        # OCR drops a space between capitals (`THƯXIN LỖI`, a scan typed as a công văn): the
        # type's letters, spaces anywhere, then the end of a word.
        for key, name in _TITLES:
            if " " in key and (m := _joined(key).match(folded)) and not folded[m.end() :][:1].isalpha():
                return name
    return None


@functools.lru_cache(maxsize=None)
def _joined(key: str) -> re.Pattern:
    return re.compile(" ?".join(re.escape(c) for c in key.replace(" ", "")))


_WARD_LINE = (normalize("PHƯỜNG "), normalize("Phường "))


# Laws, decrees and circulars, and what the Government or the Prime Minister issues (`…/NĐ-CP`,
# `…/QĐ-TTg`, `…/TT-BNV`, `…/QH15`): the ward cites them as its legal basis and files copies,
# but they prove nothing the ward did.
_STATE_TYPES = frozenset(normalize(t) for t in ("NGHỊ ĐỊNH", "THÔNG TƯ", "THÔNG TƯ LIÊN TỊCH", "LUẬT", "PHÁP LỆNH", "BỘ LUẬT"))
_STATE_NUMBER_RE = re.compile(r"/(?:[^/]*-)?(?:CP|TTg|QH\d*|UBTVQH\d*)$|/TT(?:LT)?-[^/]+$")


def issued_by_the_state(doc: DocMeta) -> bool:
    """True for a law, decree or circular of the central state (by type or number): never ward proof."""
    return doc.type in _STATE_TYPES or bool(doc.number and _STATE_NUMBER_RE.search(doc.number))


def parse_header(text: str) -> DocMeta:
    """Read the number, date and type from the header of an administrative document.

    Looks only at the first ~40 lines / 3000 characters, where Decree 30/2020/NĐ-CP puts them:
    the `Số: 91/KH-UBND` line (canonical form, spaces removed; None when left blank), the
    `Phù Liễn, ngày 13 tháng 02 năm 2026` line (None when blank or not a real date) and the
    type: from the symbol's type abbreviation (`KH` -> "KẾ HOẠCH"); for a number without one
    (`123/UBND-VP`) "CÔNG VĂN", unless there is no `V/v` abstract and a title line in capitals
    names another type; with no number line, from the title line. Numbers cited in the body
    (`Thực hiện Kế hoạch số 91/KH-UBND ngày ...`) are not the document's own.
    """
    head = normalize(text[:_HEADER_CHARS])
    lines = head.splitlines()[:_HEADER_LINES]
    number, type_abbr, has_number_line = _find_number(lines)
    date = _find_date(lines)
    title = _find_title(lines)
    is_letter = any(_ABSTRACT_RE.match(fold(line)) for line in lines)
    if type_abbr:
        doc_type = DOC_TYPES[type_abbr]
    elif title in _LETTER_TYPES:
        doc_type = title  # `Số: 02/TXL-UBND`, `THƯ XIN LỖI`, then a `V/v` line: a letter all the same
    elif has_number_line and (is_letter or not title):
        # A number whose symbol names no type (`123/UBND-VP`) is a công văn, which carries a
        # `V/v ...` abstract instead of a title.
        doc_type = OFFICIAL_LETTER
    else:
        # No number, or a number without a type abbreviation above a title (`Số: 05/UBND`
        # then `THÔNG BÁO`): the title tells.
        doc_type = title
    return DocMeta(number=number, date=date, type=doc_type)
