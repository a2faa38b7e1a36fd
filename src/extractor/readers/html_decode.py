"""A web page's bytes → its text: the BOM, else valid UTF-8, else the declared charset (gb2312/GBK read as GB18030),
else GB18030; a few stray bad bytes are replaced and warned about."""
from __future__ import annotations

import codecs
import re

from ..errors import ExtractorError
from ..model import Message

_CHARSETS = {"gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
             "utf-8": "utf-8", "utf8": "utf-8", "big5": "big5", "big5-hkscs": "big5hkscs"}
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([a-z0-9_.:-]+)|<\?xml[^>]*?encoding\s*=\s*[\"']([a-z0-9_.:-]+)", re.I)


def decode_html(data: bytes) -> tuple[str, list[Message]]:
    """The page's text: by its BOM, else as UTF-8 when valid, else in its declared charset, else GB18030."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), []
    # Valid UTF-8 first, whatever the page declares: Chinese text in GB or Big5 is never valid UTF-8, while
    # pages saved as UTF-8 under a stale <meta charset=gb2312> are common (the server's header told browsers).
    candidates = [e for e in ("utf-8", _declared(data), "gb18030") if e]
    for encoding in dict.fromkeys(candidates):
        try:
            return data.decode(encoding), []
        except UnicodeDecodeError:
            continue
    # A stray bad byte in an otherwise readable page: keep the page in the encoding that fits best, and say so.
    # UTF-8 first on a tie: GB18030 reads UTF-8 bytes as valid nonsense, UTF-8 rejects nearly every GB byte pair.
    fits = ((e, data.decode(e, errors="replace")) for e in dict.fromkeys(candidates))
    encoding, text = min(fits, key=lambda pair: pair[1].count("\ufffd"))
    bad = text.count("\ufffd")
    if bad <= max(1, len(text) // 1000):
        return text, [Message("decode_errors", f"{bad} byte sequence(s) invalid in {encoding} replaced by U+FFFD")]
    raise ExtractorError("undecodable_text", f"the page is neither in its declared charset nor UTF-8 nor GB18030 ({bad} "
                                             "invalid byte sequences); save it again as UTF-8 and retry")


def _declared(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return _CHARSETS.get((match.group(1) or match.group(2)).decode("ascii").lower()) if match else None
