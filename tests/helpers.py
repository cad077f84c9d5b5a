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
