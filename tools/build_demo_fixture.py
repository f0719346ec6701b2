"""Build fixtures/demo.json: a fictional municipality with units, a user of every role and
about forty care recipients. Deterministic (fixed seed and ids), so loading it again updates
the same rows instead of adding new ones.

Every name is invented. Every personal identity number is synthetic: a valid checksum and a
birth number (födelsenummer) in the 980–999 series that Skatteverket's published test
numbers come from, not a real person's number as far as we know. Use Skatteverket's own list
of test numbers ("testpersonnummer") for anything that leaves this machine.

    .venv/bin/python tools/build_demo_fixture.py   # rewrites fixtures/demo.json
"""

import datetime as dt
import json
import random
import sys
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from apps.recipients.identity import luhn_check_digit  # noqa: E402

NAMESPACE = uuid.UUID("6f1f5c1e-8a55-4c1b-9d0e-2f8e6b0c0001")
# PBKDF2 hash of the demo password "demo-Omsorg-2026" (fixed salt so the file is stable).
DEMO_PASSWORD = "demo-Omsorg-2026"


def uid(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def password_hash() -> str:
    import base64
    import hashlib

    salt = "carecenterdemo2026"
    iterations = 1_000_000
    digest = hashlib.pbkdf2_hmac("sha256", DEMO_PASSWORD.encode(), salt.encode(), iterations)
    return f"pbkdf2_sha256${iterations}${salt}${base64.b64encode(digest).decode()}"


def test_number(birth: dt.date, serial: int, coordination: bool = False) -> str:
    day = birth.day + (60 if coordination else 0)
    yymmdd = f"{birth:%y%m}{day:02d}"
    check = luhn_check_digit(yymmdd + f"{serial:03d}")
    return f"{birth:%Y%m}{day:02d}-{serial:03d}{check}"


NOW = "2026-11-01T08:00:00Z"


def stamp(fields: dict) -> dict:
    return {"created_at": NOW, "updated_at": NOW, **fields}


def build() -> list[dict]:
    rng = random.Random(2026)
    out: list[dict] = []
    org = uid("org", "solbacka")
    out.append(
        {
            "model": "organisations.organisation",
            "pk": org,
            "fields": stamp(
                {
                    "name": "Solbacka kommun (demo)",
                    "kind": "municipality",
                    "organisation_number": "212000-0000",
                }
            ),
        }
    )
    region = uid("org", "region")
    out.append(
        {
            "model": "organisations.organisation",
            "pk": region,
            "fields": stamp(
                {"name": "Region Exempelland (demo)", "kind": "region", "organisation_number": ""}
            ),
        }
    )

    # Telephone numbers from the series PTS (the Swedish Post and Telecom Authority) keeps for
    # fiction, 070-174 06 05 to 070-174 06 99: nobody is called by someone trying the demo.
    units = {
        "norr": ("Hemtjänst Norr", "home_care", org, "070-174 06 05"),
        "solgarden": ("Solgårdens särskilda boende", "special_housing", org, "070-174 06 06"),
        "hsv": ("Hemsjukvård Solbacka", "home_health_care", org, "070-174 06 07"),
        "rehab": ("Rehabilitering Exempelland", "rehabilitation", region, "070-174 06 08"),
    }
    for key, (name, kind, owner, phone) in units.items():
        out.append(
            {
                "model": "organisations.unit",
                "pk": uid("unit", key),
                "fields": stamp(
                    {
                        "organisation": owner,
                        "name": name,
                        "kind": kind,
                        "is_active": True,
                        "phone": phone,
                    }
                ),
            }
        )

    users = [
        # username, first, last, is_staff, memberships [(unit, role)], is_integration
        ("anna", "Anna", "Undersköterska", False, [("norr", "care_staff")], False),
        ("bertil", "Bertil", "Boendepersonal", False, [("solgarden", "care_staff")], False),
        (
            "cecilia",
            "Cecilia",
            "Handläggare",
            False,
            [("norr", "assessor"), ("solgarden", "assessor")],
            False,
        ),
        (
            "david",
            "David",
            "Sjuksköterska",
            False,
            [
                ("hsv", "licensed_professional"),
                ("norr", "licensed_professional"),
                ("solgarden", "licensed_professional"),
            ],
            False,
        ),
        ("eva", "Eva", "Enhetschef", False, [("norr", "manager"), ("solgarden", "manager")], False),
        (
            "frida",
            "Frida",
            "Systemförvaltare",
            True,
            [("norr", "administrator"), ("solgarden", "administrator"), ("hsv", "administrator")],
            False,
        ),
        # The region's system records professional assessments (HSL): a licensed
        # professional's role. The municipality's case system registers people and proposes
        # interventions: an assessor's role.
        (
            "region-integration",
            "Region",
            "Integration",
            False,
            [("norr", "licensed_professional"), ("solgarden", "licensed_professional")],
            True,
        ),
        (
            "kommun-integration",
            "Kommunens verksamhetssystem",
            "Integration",
            False,
            [("norr", "assessor"), ("solgarden", "assessor")],
            True,
        ),
    ]
    pw = password_hash()
    for username, first, last, is_staff, memberships, is_integration in users:
        user_id = uid("user", username)
        out.append(
            {
                "model": "accounts.user",
                "pk": user_id,
                "fields": {
                    "password": pw if not is_integration else "!",
                    "username": username,
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@example.invalid",
                    "is_staff": is_staff,
                    "is_superuser": False,
                    "is_active": True,
                    "is_integration": is_integration,
                    "date_joined": NOW,
                    "last_login": None,
                    "groups": [],
                    "user_permissions": [],
                },
            }
        )
        for unit, role in memberships:
            out.append(
                {
                    "model": "organisations.membership",
                    "pk": uid("membership", username, unit),
                    "fields": stamp({"user": user_id, "unit": uid("unit", unit), "role": role}),
                }
            )

    given = [
        "Astrid",
        "Birgit",
        "Gunnel",
        "Margit",
        "Ingrid",
        "Sonja",
        "Elsa",
        "Karin",
        "Dagny",
        "Signe",
        "Gösta",
        "Sven",
        "Rune",
        "Erik",
        "Harald",
        "Bengt",
        "Ture",
        "Nils",
        "Arne",
        "Folke",
    ]
    family = [
        "Exempelsson",
        "Testberg",
        "Provlund",
        "Demoström",
        "Fiktivsson",
        "Påhittadsdotter",
        "Lindexempel",
        "Övningsberg",
        "Prövasson",
        "Modellgren",
    ]
    languages = ["svenska"] * 8 + ["finska", "arabiska", "bosniska", "persiska"]
    placements = ["norr"] * 18 + ["solgarden"] * 16 + ["hsv"] * 6
    recipients = []
    for i, unit in enumerate(placements):
        birth = dt.date(1926 + rng.randrange(0, 24), rng.randrange(1, 13), rng.randrange(1, 29))
        serial = 980 + (i % 20)
        coordination = i in (7, 29)
        pk = uid("recipient", str(i))
        name_g = given[i % len(given)]
        name_f = family[(i * 3) % len(family)]
        protected = i in (5, 22)
        lang = languages[i % len(languages)]
        status = "ended" if i in (13, 31) else ("paused" if i == 17 else "active")
        start = dt.date(2022, 1, 10) + dt.timedelta(days=23 * i)
        recipients.append(pk)
        out.append(
            {
                "model": "recipients.carerecipient",
                "pk": pk,
                "fields": stamp(
                    {
                        "organisation": org,
                        "unit": uid("unit", unit),
                        "given_name": name_g,
                        "family_name": name_f,
                        "personal_number": test_number(birth, serial, coordination),
                        "is_coordination_number": coordination,
                        "birth_date": birth.isoformat(),
                        "protected_identity": protected,
                        "preferred_language": lang,
                        "needs_interpreter": lang != "svenska" and i % 2 == 0,
                        "hearing_impairment": i % 4 == 0,
                        "visual_impairment": i % 7 == 0,
                        "cognitive_impairment": i % 5 == 0,
                        "communication_notes": "Prata långsamt och tydligt, gärna vid köksbordet."
                        if i % 4 == 0
                        else "",
                        "status": status,
                        "start_date": start.isoformat(),
                        "end_date": (start + dt.timedelta(days=400)).isoformat()
                        if status == "ended"
                        else None,
                    }
                ),
            }
        )
        if i % 3 == 0:
            out.append(
                {
                    "model": "recipients.contact",
                    "pk": uid("contact", str(i)),
                    "fields": stamp(
                        {
                            "recipient": pk,
                            "kind": "relative",
                            "name": f"{given[(i + 5) % len(given)]} {name_f}",
                            "relation": "dotter" if i % 2 == 0 else "make",
                            "phone": "070-000 00 00",
                            "email": "",
                            "lives_with_recipient": i % 2 == 1,
                            "notes": "",
                        }
                    ),
                }
            )
        if i in (4, 20):
            out.append(
                {
                    "model": "recipients.contact",
                    "pk": uid("trustee", str(i)),
                    "fields": stamp(
                        {
                            "recipient": pk,
                            "kind": "trustee",
                            "name": "Gode Mannen Demo",
                            "relation": "",
                            "phone": "010-000 00 00",
                            "email": "",
                            "lives_with_recipient": False,
                            "notes": "",
                        }
                    ),
                }
            )
    # Explicit grants for the two people with protected identity.
    for i, username in ((5, "anna"), (5, "eva"), (22, "eva")):
        out.append(
            {
                "model": "recipients.protectedidentitygrant",
                "pk": uid("grant", str(i), username),
                "fields": stamp(
                    {
                        "recipient": recipients[i],
                        "user": uid("user", username),
                        "granted_by": uid("user", "frida"),
                        "reason": "Kontaktman / ansvarig chef",
                    }
                ),
            }
        )
    return out


if __name__ == "__main__":
    path = ROOT / "fixtures" / "demo.json"
    path.write_text(json.dumps(build(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path}")
