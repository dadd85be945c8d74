"""The back office speaks Vietnamese: every admin page each role can open, crawled as that role.

The demo data gives a real object of every model. Each role (editor, hamlet officer of an
area, commune staff, chair; never a superuser) opens the index, every page linked from it
and from the pages it reaches (app indexes, changelists with their filters and pagination,
add and change forms, history lists and history records, related popups), plus what links
do not reach: a search, every list action's result or confirmation page, a form sent with
its fields emptied so the errors show, and missing objects. A page fails on a 500 or when
its visible text (scripts and styles left out; title, placeholder, aria-label, alt and
button values put in) holds an English UI word.

The JavaScript catalogue the admin serves is checked the same way for every text the admin's
widgets (calendar, clock, filters) and the rich-text editor ask `gettext` for.
"""

import json
import re
from collections import defaultdict
from html import unescape
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import django
import django_prose_editor
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from congresses.models import Commune, StaffProfile
from lib.roles import CHAIR, COMMUNE_STAFF, EDITOR, HAMLET_OFFICER, has_role, role_groups

ADMIN = "/quan-tri/"

# English words of the admin's, django-simple-history's, django-axes's and the editor's own
# texts. Words that are also Vietnamese when written without marks ("to", "in", "an",
# "can", "ban", "tin", "the", "me", "long", "hang", "may", "thu") are left out: they would
# flag good Vietnamese. Matching is on whole words, case-insensitive.
ENGLISH_WORDS = set(
    """
    please correct error errors below show hide counts toggle navigation theme sidebar skip
    main content breadcrumbs save continue editing another delete deleted history object
    objects heading paragraph link unlink update search filter filters add added change
    changed changes select selected action actions go today now yes no cancel revert
    reverted changed by date time comment reason compare view site logout log out password
    welcome home documentation recent nothing available none all any unknown clear
    currently choose chosen remove calendar clock midnight noon morning evening yesterday
    tomorrow month months year years week weeks day days hour hours minute minutes ago
    january february march april june july august september october november december
    sunday monday tuesday wednesday thursday friday saturday sun mon tue wed thur fri
    entry entries results result total page previous next first last of sure are you
    confirm submit insert edit table rows columns row column header include properties
    title url open new window bold italic underline strike subscript superscript
    blockquote quote horizontal rule ordered unordered list lists undo redo fullscreen
    code prettify image caption alternative text figure format formats import export
    file files upload browse required optional field fields value values invalid enter
    valid ensure characters character must this that these those is not has have been with
    without from for the and or only permission permissions denied forbidden found server
    access attempt attempts attempts failures failure locked lockout expiration expires
    username user users group groups staff superuser active status administration
    authentication authorization login sign signed out account accounts data meta path
    agent address remaining reset set enabled disabled decimal numbers letters roman
    start type lowercase uppercase properties instance instances model models true false
    """.split()  # noqa: SIM905 (a list literal of 250 quoted words reads worse)
)
# Names and formats that read the same in Vietnamese: they may appear even though some
# are English words (the list above does not hold most of them; it is a guard for later).
ALLOWED_WORDS = {
    "mttq",
    "html",
    "ip",
    "excel",
    "xlsx",
    "csv",
    "pdf",
    "docx",
    "zalo",
    "facebook",
    "youtube",
    "email",
}
WORD = re.compile(r"\w+")
# Paths and MIME types in the data ("/quan-tri/login/", "text/html") are not UI words.
PATH = re.compile(r"\S*/\S*")

# Attributes a person sees or hears (tooltips, placeholders, screen readers, button captions).
SPOKEN_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")
BUTTON_INPUTS = ("submit", "button", "reset")


class VisibleText(HTMLParser):
    """The text of a page as people meet it: text nodes outside scripts and styles, plus the
    spoken attributes and the captions of input buttons."""

    # <code> holds literal syntax a person types (a Word template's variable names), not words
    # of the interface.
    SILENT = {"script", "style", "template", "code"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self._silent = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SILENT:
            self._silent += 1
        attrs = dict(attrs)
        for name in SPOKEN_ATTRIBUTES:
            if attrs.get(name):
                self.parts.append(attrs[name])
        if tag == "input" and attrs.get("type") in BUTTON_INPUTS and attrs.get("value"):
            self.parts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in self.SILENT and self._silent:
            self._silent -= 1

    def handle_data(self, data):
        if not self._silent and data.strip():
            self.parts.append(data.strip())


def visible_text(html):
    parser = VisibleText()
    parser.feed(html)
    return parser.parts


def english_in(parts):
    """[(word, the text it was found in)] for each English word in the given texts."""
    found = []
    for part in parts:
        for word in WORD.findall(PATH.sub(" ", part)):
            lowered = word.lower()
            if lowered in ENGLISH_WORDS and lowered not in ALLOWED_WORDS:
                found.append((word, part[:120]))
    return found


class Links(HTMLParser):
    """Admin links of a page, the list actions it offers, the ids its list can select, and
    the fields of its main form (to send it back emptied)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs = []
        self.actions = []
        self.selectable = []
        self.search = False
        self.form_action = None
        self.fields = []
        self._in_action_select = False
        self._in_form = False
        self._select_name = None
        self._select_value = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        if tag == "select" and attrs.get("name") == "action":
            self._in_action_select = True
        elif tag == "option" and self._in_action_select and attrs.get("value"):
            self.actions.append(attrs["value"])
        if tag == "input" and attrs.get("name") == "_selected_action":
            self.selectable.append(attrs.get("value"))
        if tag == "input" and attrs.get("id") == "searchbar":
            self.search = True
        if (
            tag == "form"
            and (attrs.get("id") or "").endswith("_form")
            and attrs.get("id") != "changelist-form"
        ):
            self._in_form = True
            self.form_action = attrs.get("action") or ""
        if not self._in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                return  # emptied: unticked
            if kind == "file" or (kind == "submit" and name != "_save"):
                return
            keep = kind == "hidden"
            self.fields.append((name, attrs.get("value", "") if keep else ""))
        elif tag == "textarea" and name:
            self.fields.append((name, ""))
        elif tag == "select" and name:
            self._select_name, self._select_value = name, ""
        elif (
            tag == "option"
            and self._select_name
            and "selected" in attrs
            and self._select_name.endswith(("TOTAL_FORMS", "INITIAL_FORMS"))
        ):
            self._select_value = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "select":
            if self._select_name:
                self.fields.append((self._select_name, self._select_value or ""))
            self._select_name = None
            self._in_action_select = False
        if tag == "form":
            self._in_form = False


def page_links(html):
    parser = Links()
    parser.feed(html)
    return parser


# Query keys that change no word on the page: the list's sort order, the filters a form
# page keeps to return to its list.
SAME_WORDS = {"o", "_changelist_filters"}


def shape(url):
    """One visit per kind of page: ids become N, query values are dropped."""
    parts = urlsplit(url)
    keys = sorted({key for key, _ in parse_qsl(parts.query, keep_blank_values=True)} - SAME_WORDS)
    return re.sub(r"\d+", "N", parts.path) + ("?" + "&".join(keys) if keys else "")


# Links that leave the back office, end the session or download a file.
SKIP = re.compile(r"/logout/|/jsi18n/|/r/\d+/|/export/|\.(xlsx|csv|pdf|docx|jpe?g|png|webp)$")


# Query keys of a changelist that are its state, not a filter.
LIST_STATE = {"_facets", "o", "p", "q", "_changelist_filters", "_popup", "_to_field", "all"}


class Crawl:
    """Visits the admin as one signed-in user and records every English word it meets."""

    def __init__(self, client, limit=600):
        self.client = client
        self.limit = limit
        self.seen = set()
        self.visited = []
        self.problems = defaultdict(set)
        self.queue = []
        self.filtered = defaultdict(int)

    def check(self, url, response):
        self.visited.append(url)
        if response.status_code >= 500:
            self.problems[url].add(("HTTP", str(response.status_code)))
            return None
        if "html" not in response.get("Content-Type", ""):
            return None
        html = response.content.decode()
        for word, context in english_in(visible_text(html)):
            self.problems[url].add((word, context))
        return html

    def get(self, url):
        response = self.client.get(url, follow=True)
        final = response.redirect_chain[-1][0] if response.redirect_chain else url
        return self.check(url if final == url else f"{url} → {final}", response)

    def post(self, url, data, label):
        response = self.client.post(url, data, follow=True)
        return self.check(f"POST {url} ({label})", response)

    def enqueue(self, base, href):
        if href.startswith(("#", "javascript:", "mailto:", "tel:")):
            return
        parts = urlsplit(urljoin(base, href))
        path = parts.path
        if parts.netloc and parts.netloc != "testserver" or not path.startswith(ADMIN) or SKIP.search(path):
            return
        url = path + (f"?{parts.query}" if parts.query else "")
        filters = {key for key, _ in parse_qsl(parts.query, keep_blank_values=True)} - LIST_STATE
        if len(filters) > 1:
            return  # one filter at a time: their combinations show the same words
        key = shape(url)
        if key in self.seen:
            return
        if filters:
            self.filtered[path] += 1
            if self.filtered[path] > 3:
                return  # three filters of a list say what its filter panel says
        self.seen.add(key)
        self.queue.append(url)

    def run(self):
        self.enqueue(ADMIN, ADMIN)
        while self.queue and len(self.visited) < self.limit:
            url = self.queue.pop(0)
            html = self.get(url)
            if html is None:
                continue
            links = page_links(html)
            for href in links.hrefs:
                self.enqueue(url, href)
            path = urlsplit(url).path
            if links.actions:  # a changelist
                self.changelist_extras(path, links)
            if path.endswith(("/add/", "/change/")) and links.fields and not urlsplit(url).query:
                self.post(url, dict(links.fields) | {"_save": "1"}, "biểu mẫu để trống")
                if path.endswith("/change/"):
                    missing = re.sub(r"/\d+/change/$", "/999999/change/", path)
                    self.get(missing)
                    self.get(missing.replace("/change/", "/history/"))
        self.get(ADMIN + "khong-co-trang-nay/")
        return self

    def changelist_extras(self, path, links):
        if links.search:
            self.get(f"{path}?{urlencode({'q': 'nguyen van'})}")
        self.post(path, {"action": links.actions[0], "index": "0"}, "chưa chọn dòng nào")
        for action in links.actions:
            if links.selectable:
                data = {"action": action, "index": "0", "_selected_action": links.selectable[:1]}
                self.post(path, data, action)

    def report(self):
        """Each English text once, with the words found in it, how many pages show it and one of them."""
        texts = defaultdict(lambda: [set(), []])
        for url, found in self.problems.items():
            for word, context in found:
                texts[context][0].add(word)
                texts[context][1].append(url)
        return "\n".join(
            f"“{context}” [{', '.join(sorted(words))}] {len(urls)} trang, vd. {min(urls)}"
            for context, (words, urls) in sorted(texts.items())
        )


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def at_the_demo_communes_host(client):
    """Once the demo is loaded (module-wide) it has several communes: every request of this
    module goes to Hòa Phú's host, as a staff member's browser would."""
    client.defaults["HTTP_HOST"] = HOST


@pytest.fixture(autouse=True)
def media_in_tmp(settings, demo_media):
    """The demo's files (documents, photos) stay where the demo put them for every test."""
    settings.MEDIA_ROOT = demo_media
    return demo_media


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, demo_media):
    """The demo data, loaded once for the module inside a transaction rolled back at its end;
    each test runs in a savepoint inside it. Adds the two roles the demo has no account for
    and a locked-out login, so the lockout pages have a row."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    media = override_settings(MEDIA_ROOT=demo_media)
    with media, django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        groups = role_groups()
        User = get_user_model()
        for username, role in (("bientap", EDITOR), ("canbo.xa", COMMUNE_STAFF)):
            user = User.objects.create_user(username, password="MatKhau@12345", is_staff=True)
            user.groups.add(groups[role])
            StaffProfile.objects.create(user=user, commune=Commune.objects.get(host=HOST))
        attempt = {"username": "bct.dong-tay", "ip_address": "10.0.0.7", "user_agent": "Zalo"}
        AccessAttempt.objects.create(
            **attempt, http_accept="text/html", path_info="/quan-tri/login/", failures_since_start=5
        )
        AccessLog.objects.create(**attempt, http_accept="text/html", path_info="/quan-tri/login/")
        AccessFailureLog.objects.create(
            **attempt, http_accept="text/html", path_info="/quan-tri/login/", locked_out=True
        )
        yield
        transaction.set_rollback(True)


# The demo has several communes, each at its own host; the crawl works in Hòa Phú's.
HOST = "hoaphu.localhost"

ROLES = {
    "editor": "bientap",
    "hamlet officer": "bct.dong-tay",
    "commune staff": "canbo.xa",
    "chair": "chutich",
}


@pytest.mark.parametrize("role", ROLES)
def test_every_admin_page_a_role_can_open_is_in_vietnamese(demo, db, client, settings, role):
    user = get_user_model().objects.get(username=ROLES[role])
    assert not user.is_superuser
    expected = {"editor": EDITOR, "hamlet officer": HAMLET_OFFICER, "commune staff": COMMUNE_STAFF}
    assert has_role(user, expected.get(role, CHAIR))
    client.force_login(user)
    settings.AXES_ENABLED = True  # as in production: the lockout admin's actions need its middleware

    crawl = Crawl(client).run()

    # The crawl really went through the back office, not just the login page.
    print(f"{role}: {len(crawl.visited)} trang")
    assert len(crawl.visited) > 25, crawl.visited
    assert any("/history/" in url for url in crawl.visited)
    assert any(url.startswith("POST") for url in crawl.visited)
    assert not crawl.problems, f"{len(crawl.problems)} trang còn chữ tiếng Anh:\n{crawl.report()}"


def _msgids(po_file):
    """The msgids of a gettext catalogue (the English texts a package translates)."""
    text = Path(po_file).read_text(encoding="utf-8")
    ids = []
    for block in text.split("\n\n"):
        if block.lstrip().startswith("#~"):
            continue
        context = re.search(r'^msgctxt "(.*)"', block, re.M)
        match = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if match:
            msgid = "".join(re.findall(r'"(.*)"', match.group(1))).replace('\\"', '"')
            if msgid:
                ids.append((context.group(1) if context else None, msgid))
    return ids


ADMIN_JS_TEXTS = Path(django.__file__).parent / "contrib/admin/locale/en/LC_MESSAGES/djangojs.po"
# The editor ships no Vietnamese; its German catalogue lists every text it asks gettext for.
EDITOR_JS_TEXTS = Path(django_prose_editor.__file__).parent / "locale/de/LC_MESSAGES/djangojs.po"


@pytest.mark.parametrize("source", [ADMIN_JS_TEXTS, EDITOR_JS_TEXTS], ids=["admin widgets", "prose editor"])
def test_the_admin_javascript_catalogue_has_vietnamese_for_every_widget_text(db, client, source):
    client.force_login(get_user_model().objects.create_user("xem.danh-muc-js", is_staff=True))
    response = client.get(ADMIN + "jsi18n/")
    catalog = json.loads(
        re.search(r"const newcatalog = (\{.*?\});\n", response.content.decode(), re.S).group(1)
    )

    missing, english = [], []
    for context, msgid in _msgids(source):
        key = f"{context}\x04{msgid}" if context else msgid
        translation = catalog.get(key)
        if not translation:
            missing.append(msgid)
            continue
        texts = translation if isinstance(translation, list) else [translation]
        english += [(msgid, word) for word, _ in english_in(texts)]

    assert not missing, f"chưa có bản dịch: {missing}"
    assert not english, english


EDITOR_LABELS = Path(__file__).resolve().parents[2] / "static/js/prose_editor_vi.js"


def test_the_rich_text_toolbar_gets_vietnamese_labels_on_the_post_form(db, client):
    """The editor writes its toolbar tooltips in English outside gettext; the portal's own
    editor extension relabels them. Its labels are Vietnamese and the post form loads it
    (tests/e2e/test_admin_language.py reads them in a real browser)."""
    source = EDITOR_LABELS.read_text(encoding="utf-8")
    table = source[source.index("export const LABELS") : source.index("\n}\n")]
    labels = dict(re.findall(r'^\s+"?([\w:]+)"?: "([^"]+)",$', table, re.M))
    assert {"heading2", "paragraph", "bold", "link", "table", "history:undo"} <= labels.keys()
    assert english_in(labels.values()) == []

    user = get_user_model().objects.create_user("bien.tap.vien", is_staff=True)
    user.groups.add(role_groups()[EDITOR])
    client.force_login(user)
    page = client.get(ADMIN + "news/post/add/").content.decode()
    config = json.loads(
        unescape(re.search(r'data-django-prose-editor-configurable="([^"]+)"', page).group(1))
    )
    assert "VietnameseLabels" in config["extensions"]
    assert any("prose_editor_vi" in module for module in config["js_modules"])
