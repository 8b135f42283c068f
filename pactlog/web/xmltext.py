"""XML writers that cannot emit an invalid document: every text and attribute value loses the
code points XML 1.0 does not allow (controls, surrogates, U+FFFE and U+FFFF).

A name holding U+FFFF once made the Atom feed ill-formed for every reader; Django's writer
refuses only C0 controls (with an exception, so a 500). Here they are dropped instead.
"""

from __future__ import annotations

import re
from typing import IO, Any

from django.utils.feedgenerator import Atom1Feed
from django.utils.xmlutils import SimplerXMLGenerator

#: Everything outside XML 1.0's Char production.
NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    return NOT_XML.sub("", text)


class SafeXMLGenerator(SimplerXMLGenerator):
    def characters(self, content: str) -> None:
        super().characters(xml_text(content) if content else content)

    def startElement(self, name: str, attrs: Any) -> None:
        clean = {k: xml_text(v) if isinstance(v, str) else v for k, v in (attrs or {}).items()}
        super().startElement(name, clean)  # type: ignore[arg-type] # a dict, as Django passes


class SafeAtom1Feed(Atom1Feed):
    """Django's Atom feed written through `SafeXMLGenerator`."""

    def write(self, outfile: IO[str], encoding: str) -> None:
        handler = SafeXMLGenerator(outfile, encoding, short_empty_elements=True)  # type: ignore[arg-type]
        handler.startDocument()
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")
