"""Small helpers shared by the tests."""

from html.parser import HTMLParser


class PageOutline(HTMLParser):
    """Collects what the site-wide guards look at: headings and external references."""

    def __init__(self):
        super().__init__()
        self.h1_count = 0
        self.resources = []  # (tag, attribute, value) of things the page loads
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h1":
            self.h1_count += 1
        loads_src = {"script", "img", "iframe", "frame", "source", "video", "audio", "embed"}
        if tag in loads_src and attrs.get("src"):
            self.resources.append((tag, "src", attrs["src"]))
        if tag == "object" and attrs.get("data"):
            self.resources.append((tag, "data", attrs["data"]))
        if tag == "link" and attrs.get("href"):
            self.resources.append((tag, "href", attrs["href"]))
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


def outline(response):
    parser = PageOutline()
    parser.feed(response.content.decode())
    return parser


BLOCKS = {"p", "li", "dt", "dd", "td", "th", "h1", "h2", "h3", "caption", "label", "div", "br"}


class MainText(HTMLParser):
    """The text of a page's <main>, one string per block (paragraph, item, cell); the
    list of sources (``<p class="source">``) is a reference list, not prose, and is left
    out."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.in_sources = False
        self.blocks = [""]

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.depth += 1
        if tag == "p" and "source" in (dict(attrs).get("class") or "").split():
            self.in_sources = True
        if tag in BLOCKS:
            self.blocks.append("")

    def handle_endtag(self, tag):
        if tag == "main":
            self.depth -= 1
        if tag == "p":
            self.in_sources = False
        if tag in BLOCKS:
            self.blocks.append("")

    def handle_data(self, data):
        if self.depth and not self.in_sources:
            self.blocks[-1] += data


def main_text_blocks(response):
    parser = MainText()
    parser.feed(response.content.decode())
    return [" ".join(block.split()) for block in parser.blocks if block.strip()]


class StartTags(HTMLParser):
    """Every start tag of a page, in order, as (tag, attributes)."""

    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def start_tags(text):
    parser = StartTags()
    parser.feed(text)
    return parser.tags


def by_id(text, element_id):
    """The attributes of the element with this id (``KeyError`` if there is none)."""
    for _tag, attrs in start_tags(text):
        if attrs.get("id") == element_id:
            return attrs
    raise KeyError(element_id)


def ids(text):
    return [attrs["id"] for _tag, attrs in start_tags(text) if "id" in attrs]
