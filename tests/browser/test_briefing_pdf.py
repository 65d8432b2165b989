

def test_the_briefing_page_links_to_where_the_pdf_is_printed(built_site):
    from html.parser import HTMLParser
    from urllib.parse import urljoin

    from tools.briefing_pdf import BRIEFING_PATH, PDF_NAME

    hrefs = []

    class Links(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "a" and dict(attrs).get("type") == "application/pdf":
                hrefs.append(dict(attrs)["href"])

    Links().feed((built_site / BRIEFING_PATH / "index.html").read_text("utf-8"))
    assert [urljoin("/" + BRIEFING_PATH, href) for href in hrefs] == ["/" + PDF_NAME]
