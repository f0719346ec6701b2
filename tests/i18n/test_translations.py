"""Swedish is the source language; English comes from locale/en/LC_MESSAGES/django.po and its
compiled django.mo (both committed). These tests keep the catalogue complete, the .mo in step
with the .po, and check that the header's language switch really turns the pages English."""

import ast
import gettext
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from tests.factories import AnswerFactory, ConversationFactory, GoalFactory

MESSAGES = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PO = MESSAGES / "django.po"
MO = MESSAGES / "django.mo"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{\{\s*\w+\s*\}\}")


# --- a tiny .po reader (stdlib only) ----------------------------------------------------------


def read_po(path: Path) -> list[dict]:
    """Entries as dicts: msgctxt, msgid, msgid_plural, msgstr ({index: text}), flags.
    The header (msgid "") is included; obsolete entries (#~) are not."""
    entries, current, field = [], None, None

    def flush():
        if current is not None and current["msgid"] is not None:
            entries.append(current)

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            flush()
            current, field = None, None
            continue
        if line.startswith("#~"):
            continue
        if current is None:
            current = {"flags": set(), "msgctxt": None, "msgid": None, "msgid_plural": None}
            current["msgstr"] = {}
        if line.startswith("#,"):
            current["flags"] |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            text = ast.literal_eval(line)
            if isinstance(field, int):
                current["msgstr"][field] += text
            else:
                current[field] += text
        else:
            keyword, _space, value = line.partition(" ")
            text = ast.literal_eval(value)
            if keyword.startswith("msgstr"):
                field = int(keyword[7:-1]) if "[" in keyword else 0
                current["msgstr"][field] = text
            else:
                field = keyword
                current[field] = text
    flush()
    return entries


def messages(entries):
    return [entry for entry in entries if entry["msgid"] != ""]


def expected_catalogue(entries) -> dict:
    """What gettext.GNUTranslations should hold after compiling these entries."""
    catalogue = {}
    for entry in entries:
        if "fuzzy" in entry["flags"] and entry["msgid"] != "":
            continue
        key = entry["msgid"]
        if entry["msgctxt"] is not None:
            key = f"{entry['msgctxt']}\x04{key}"
        if entry["msgid_plural"] is not None:
            for index, text in entry["msgstr"].items():
                catalogue[(key, index)] = text
        else:
            catalogue[key] = entry["msgstr"][0]
    catalogue[""] = without_creation_date(catalogue.get("", ""))
    return catalogue


def compiled_catalogue(path: Path) -> dict:
    with path.open("rb") as fp:
        catalogue = dict(gettext.GNUTranslations(fp)._catalog)
    return catalogue | {"": without_creation_date(catalogue.get("", ""))}


def without_creation_date(header: str) -> str:
    # msgfmt leaves the POT-Creation-Date line out of the .mo, and it says nothing anyway.
    return "".join(line for line in header.splitlines(True) if not line.startswith("POT-Creation"))


def label(entry) -> str:
    context = f" (context {entry['msgctxt']!r})" if entry["msgctxt"] else ""
    return repr(entry["msgid"]) + context


# --- the catalogue ----------------------------------------------------------------------------


def test_every_msgid_has_an_english_translation_and_none_is_fuzzy():
    entries = messages(read_po(PO))
    assert len(entries) > 500, "the catalogue looks truncated"
    untranslated = [label(e) for e in entries if not all(e["msgstr"].values())]
    fuzzy = [label(e) for e in entries if "fuzzy" in e["flags"]]
    assert not untranslated, "translate these in django.po: " + ", ".join(untranslated)
    assert not fuzzy, "check and unmark these fuzzy entries: " + ", ".join(fuzzy)


def test_the_header_is_not_fuzzy_and_declares_english_plurals():
    header = next(e for e in read_po(PO) if e["msgid"] == "")
    assert "fuzzy" not in header["flags"]
    assert "Language: en\n" in header["msgstr"][0]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header["msgstr"][0]


def test_every_translation_keeps_the_placeholders_of_its_msgid():
    wrong = []
    for entry in messages(read_po(PO)):
        for index, text in entry["msgstr"].items():
            source = (
                entry["msgid_plural"] if index > 0 and entry["msgid_plural"] else entry["msgid"]
            )
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
                wrong.append(f"{label(entry)} -> {text!r}")
    assert not wrong, "placeholders differ: " + "; ".join(wrong)


def test_plural_entries_have_a_singular_and_a_plural_translation():
    plurals = [e for e in messages(read_po(PO)) if e["msgid_plural"] is not None]
    assert plurals, "the templates use {% blocktranslate count %}; the catalogue should too"
    assert all(sorted(e["msgstr"]) == [0, 1] for e in plurals)


def test_the_committed_mo_holds_exactly_the_translations_in_the_po():
    assert compiled_catalogue(MO) == expected_catalogue(read_po(PO)), (
        "django.mo is out of date: run `make messages` (or compilemessages) and commit the .mo"
    )


def test_msgfmt_compiles_the_po_to_the_same_catalogue_as_the_committed_mo(tmp_path):
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "GNU gettext is missing: `make system-packages` installs it"
    fresh = tmp_path / "django.mo"
    subprocess.run(
        [msgfmt, "--check-format", "-o", str(fresh), str(PO)], check=True, capture_output=True
    )
    assert compiled_catalogue(fresh) == compiled_catalogue(MO)


def test_every_string_marked_for_translation_is_in_the_catalogue(tmp_path, settings, monkeypatch):
    """Runs makemessages over a copy of the sources into an empty locale dir, so that the real
    catalogue is never touched, and checks that nothing it finds is missing from django.po."""
    assert shutil.which("xgettext"), "GNU gettext is missing: `make system-packages` installs it"
    root = Path(settings.BASE_DIR)
    ignore = shutil.ignore_patterns("__pycache__", "migrations")
    for source in ("apps", "templates", "carecenter"):
        shutil.copytree(root / source, tmp_path / source, ignore=ignore)
    (tmp_path / "locale" / "en" / "LC_MESSAGES").mkdir(parents=True)
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(tmp_path)
    call_command("makemessages", locale=["en"], no_location=True, verbosity=0)

    def keys(path):
        return {(e["msgctxt"], e["msgid"], e["msgid_plural"]) for e in messages(read_po(path))}

    missing = keys(tmp_path / "locale" / "en" / "LC_MESSAGES" / "django.po") - keys(PO)
    assert not missing, "run `make messages` and translate: " + ", ".join(
        repr(msgid) for _ctx, msgid, _plural in sorted(missing, key=str)
    )


# --- the pages --------------------------------------------------------------------------------


class VisibleText(HTMLParser):
    """Text nodes and the attributes a person sees or hears, outside <script>/<style>."""

    SHOWN_ATTRIBUTES = {"aria-label", "title", "placeholder", "alt"}

    def __init__(self):
        super().__init__()
        self.texts, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skipping += 1
        self.texts += [value.strip() for name, value in attrs if name in self.SHOWN_ATTRIBUTES]

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.texts.append(" ".join(data.split()))


def swedish_left_on(html: str) -> set[str]:
    """Catalogue strings that appear untranslated as a whole text on an English page."""
    swedish = {
        e["msgid"]
        for e in messages(read_po(PO))
        if e["msgid_plural"] is None and e["msgstr"][0] != e["msgid"]
    }
    parser = VisibleText()
    parser.feed(html)
    return swedish & set(parser.texts)


def html_lang(html: str) -> str:
    return re.search(r'<html lang="([^"]*)"', html).group(1)


def switch_language(client, code: str, next_url: str):
    response = client.post(reverse("set_language"), {"language": code, "next": next_url})
    assert response.status_code == 302
    assert response.url == next_url
    return client.get(next_url)


@pytest.fixture
def alma_talked(world, life_areas):
    talk = ConversationFactory(recipient=world.alma, held_by=world.staff_a)
    answer = AnswerFactory(conversation=talk, life_area=life_areas["sleep"], own_words="Sova gott")
    GoalFactory(recipient=world.alma, answers=[answer], own_words="Sova hela natten")
    return world.alma


@pytest.mark.django_db
def test_swedish_is_the_default_and_the_header_offers_english(client):
    html = client.get(reverse("accounts:login")).content.decode()
    assert html_lang(html) == "sv"
    assert "<h1>Logga in</h1>" in html
    assert "Hoppa till innehållet" in html
    assert 'name="language" value="en"' in html
    assert 'name="language" value="sv"' not in html


@pytest.mark.django_db
def test_the_language_switch_turns_the_login_page_english(client):
    login = reverse("accounts:login")
    html = switch_language(client, "en", login).content.decode()
    assert html_lang(html) == "en"
    assert "<h1>Sign in</h1>" in html
    assert "Skip to content" in html
    assert "Person-centred planning: we start with the question – what matters to you?" in html
    assert ">Username <" in html and ">Password <" in html  # Django's own English labels
    assert 'name="language" value="sv"' in html  # and the way back
    assert not swedish_left_on(html)


def test_the_recipient_list_is_english_after_switching(client, world):
    client.force_login(world.manager)
    html = switch_language(client, "en", reverse("recipients:list")).content.decode()
    assert html_lang(html) == "en"
    assert "<h1>Care recipients</h1>" in html
    assert "Add care recipient" in html
    assert "My follow-ups" in html and "Plans to review" in html and "Sign out" in html
    assert "Andersdemo" in html  # the data itself is not translated
    assert not swedish_left_on(html)


def test_the_recipient_page_is_english_after_switching(client, world, alma_talked):
    client.force_login(world.staff_a)
    page = reverse("recipients:detail", args=[alma_talked.pk])
    html = switch_language(client, "en", page).content.decode()
    assert html_lang(html) == "en"
    for heading in ("What matters to you?", "Goals", "Interventions", "Consents", "Care plan"):
        assert f">{heading}</h2>" in html
    assert "Sleep" in html  # the life area's English name from the catalogue
    assert "Sova hela natten" in html  # the person's own words stay as said
    assert not swedish_left_on(html)


def test_switching_back_to_swedish_renders_swedish_again(client, world):
    client.force_login(world.staff_a)
    recipients = reverse("recipients:list")
    switch_language(client, "en", recipients)
    html = switch_language(client, "sv", recipients).content.decode()
    assert html_lang(html) == "sv"
    assert "<h1>Omsorgstagare</h1>" in html
    assert "Mina uppföljningar" in html


def test_translation_functions_are_imported_under_names_makemessages_reads():
    """makemessages (xgettext) finds strings only in calls of the names it knows: `_` and the
    functions' own names. A string marked through another alias (`gettext_lazy as _l`) is
    silently left out of the catalogue and stays Swedish in English."""
    known = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext"}
    known |= {"pgettext_lazy", "npgettext", "npgettext_lazy", "gettext_noop"}
    alias = re.compile(r"\b(n?p?gettext(?:_lazy|_noop)?) as (\w+)")
    root = Path(__file__).resolve().parents[2]
    found = [
        f"{path.relative_to(root)}: {match[0]} as {match[1]}"
        for folder in ("apps", "carecenter")
        for path in (root / folder).rglob("*.py")
        for match in alias.findall(path.read_text())
        if match[1] not in known
    ]
    assert not found, found
