"""The API's JSON parser: DRF's, stricter about bodies no client of ours sends on purpose."""

import codecs

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser
from rest_framework.utils import json

# Our bodies are at most a few levels deep (a conversation holds answers). Far deeper nesting
# is an attack or a bug, and it would otherwise exhaust the Python stack somewhere later (the
# parser itself, or a lookup that recurses into the value) and answer 500.
MAX_DEPTH = 32


class DuplicateKey(ValueError):
    pass


def _unique_keys(pairs):
    """An object may name a key once: with two values, parsers differ in which one wins
    (Python keeps the last, others the first), so a proxy and we could read different data."""
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise DuplicateKey(
                _("Nyckeln %(key)s förekommer flera gånger i samma objekt.")
                % {"key": json.dumps(key)}
            )
        seen[key] = value
    return seen


def _depth(data) -> int:
    deepest, stack = 0, [(data, 1)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, dict):
            value = value.values()
        elif not isinstance(value, list):
            continue
        deepest = max(deepest, level)
        if deepest > MAX_DEPTH:
            break
        stack.extend((item, level + 1) for item in value)
    return deepest


def _too_deep() -> str:
    return "JSON parse error - " + _("nästlat djupare än %(max)d nivåer.") % {"max": MAX_DEPTH}


class StrictJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding") or "utf-8"
        try:
            decoded = codecs.getreader(encoding)(stream)
            data = json.load(decoded, object_pairs_hook=_unique_keys)
        except RecursionError:
            raise ParseError(_too_deep()) from None
        except (ValueError, LookupError) as exc:  # also DuplicateKey
            raise ParseError(f"JSON parse error - {exc}") from None
        if _depth(data) > MAX_DEPTH:
            raise ParseError(_too_deep())
        return data
