"""Benchmarks: API read paths at scale against the raw-SQL floor, time and memory.

    make bench                      # SQLite, 20 000 recipients
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test make bench
    BENCH_RECIPIENTS=400000 make bench   # national scale (takes a while to seed)

Creates a throw-away test database (Django's test-database machinery), seeds it with bulk
inserts (no services, no history: this measures reads), then times each endpoint through
the full Django stack (middleware, auth, scoping, serialisation, access log) and compares it
with the bare SQL that returns the same page. Results: a table on stdout and
test-artifacts/bench.json."""

import json
import os
import statistics
import sys
import time
import tracemalloc
import uuid
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "carecenter.test_settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

N = int(os.environ.get("BENCH_RECIPIENTS", "20000"))
RUNS = int(os.environ.get("BENCH_RUNS", "30"))
# Swedish home-care groups and care homes are small: by default a unit of 200 people (the
# benchmark user works in one), so that the cost of scoping is measured as at national scale.
UNIT_SIZE = int(os.environ.get("BENCH_UNIT_SIZE", "200"))
UNITS = max(1, N // UNIT_SIZE)


def seed():
    from django.core.management import call_command

    from apps.accounts.models import ApiToken, User
    from apps.catalogue.models import LifeArea
    from apps.interventions.models import Intervention
    from apps.organisations.models import Membership, Organisation, Unit
    from apps.recipients.identity import luhn_check_digit
    from apps.recipients.models import CareRecipient
    from apps.whatmatters.models import Answer, Conversation

    call_command("loaddata", "life_areas", "technologies", verbosity=0)
    org = Organisation.objects.create(name="Benchkommun", kind="municipality")
    units = [
        Unit.objects.create(organisation=org, name=f"Enhet {i}", kind="home_care")
        for i in range(UNITS)
    ]
    user = User.objects.create(username="bench", is_integration=True)
    Membership.objects.create(user=user, unit=units[0], role="licensed_professional")
    _token, raw = ApiToken.objects.create(user=user, name="bench", read_only=True)
    sleep = LifeArea.objects.get(code="sleep")
    batch, start = 5000, time.perf_counter()
    for offset in range(0, N, batch):
        people = []
        for i in range(offset, min(offset + batch, N)):
            # Unique for up to 730 000 people: 100 years of birth dates x 20 test serials.
            born = date(1920, 1, 1) + timedelta(days=i % 36500)
            serial = 980 + (i // 36500) % 20
            yymmdd = f"{born:%y%m%d}"
            number = f"{born:%Y%m%d}-{serial}{luhn_check_digit(yymmdd + str(serial))}"
            people.append(
                CareRecipient(
                    id=uuid.uuid4(),
                    organisation=org,
                    unit=units[i % UNITS],
                    given_name=f"Förnamn{i}",
                    family_name=f"Efternamn{i}",
                    personal_number=number,
                    birth_date=born,
                    start_date=date(2024, 1, 1),
                )
            )
        CareRecipient.objects.bulk_create(people)
        convs = [
            Conversation(recipient=p, held_at=timezone.now(), held_by=user, location="home_visit")
            for p in people
        ]
        Conversation.objects.bulk_create(convs)
        Answer.objects.bulk_create(
            Answer(
                recipient_id=c.recipient_id,
                conversation=c,
                life_area=sleep,
                own_words="Att få sova ostört.",
                importance=9,
                performance=3,
            )
            for c in convs
        )
        Intervention.objects.bulk_create(
            Intervention(
                recipient=p,
                delivery="in_person",
                title="Stöd",
                rationale="r",
                digital_first_reason="Vill ha besök",
            )
            for p in people
        )
    return raw, units[0], time.perf_counter() - start


def measure(client, raw, path):
    headers = {"HTTP_AUTHORIZATION": f"Token {raw}"}
    client.get(path, **headers)  # warm
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        response = client.get(path, **headers)
        times.append(time.perf_counter() - t0)
        assert response.status_code == 200, (path, response.status_code)
    # Memory separately: tracemalloc slows Python down and would distort the timings.
    tracemalloc.start()
    client.get(path, **headers)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(times), peak, response


def raw_sql_floor(sql, params):
    times = []
    with connection.cursor() as cursor:
        for _ in range(RUNS):
            t0 = time.perf_counter()
            cursor.execute(sql, params)
            cursor.fetchall()
            times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main():
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from django.test import Client

        raw, unit, seed_seconds = seed()
        with connection.cursor() as cursor:
            # As autovacuum would after a bulk load: without statistics the planner guesses.
            cursor.execute("ANALYZE")
        client = Client()
        results = []
        unit_param = unit.pk.hex if connection.vendor == "sqlite" else str(unit.pk)  # as stored
        page = "SELECT id, given_name, family_name, personal_number, unit_id FROM recipients_carerecipient WHERE unit_id = %s ORDER BY created_at DESC, id LIMIT 50"
        cases = [
            (
                "recipients list, first page (50)",
                "/api/v1/recipients/?page_size=50",
                page,
                [unit_param],
            ),
            (
                "answers list, first page (50)",
                "/api/v1/answers/?page_size=50",
                "SELECT a.id, a.own_words FROM whatmatters_answer a JOIN recipients_carerecipient r ON r.id = a.recipient_id WHERE r.unit_id = %s ORDER BY a.created_at DESC, a.id LIMIT 50",
                [unit_param],
            ),
            (
                "interventions list, first page (50)",
                "/api/v1/interventions/?page_size=50",
                "SELECT i.id, i.title FROM interventions_intervention i JOIN recipients_carerecipient r ON r.id = i.recipient_id WHERE r.unit_id = %s ORDER BY i.created_at DESC, i.id LIMIT 50",
                [unit_param],
            ),
        ]
        for name, path, sql, params in cases:
            median, peak, response = measure(client, raw, path)
            floor = raw_sql_floor(sql, params)
            results.append(
                {
                    "case": name,
                    "median_ms": round(median * 1000, 2),
                    "raw_sql_ms": round(floor * 1000, 3),
                    "ratio": round(median / floor, 1),
                    "peak_kib": round(peak / 1024),
                }
            )
            if name.startswith("recipients"):
                # Follow the cursor deep into the unit: cost must not grow with depth.
                depth = max(1, min(50, N // UNITS // 50 - 1))
                next_url = response.json()["next"]
                for _ in range(depth - 1):
                    next_url = client.get(next_url, HTTP_AUTHORIZATION=f"Token {raw}").json()[
                        "next"
                    ]
                deep, deep_peak, _r = measure(
                    client, raw, next_url.replace("http://testserver", "")
                )
                results.append(
                    {
                        "case": f"recipients list, page {depth + 1} (cursor)",
                        "median_ms": round(deep * 1000, 2),
                        "raw_sql_ms": None,
                        "ratio": None,
                        "peak_kib": round(deep_peak / 1024),
                    }
                )
                detail = response.json()["results"][0]["id"]
                d, d_peak, _r = measure(client, raw, f"/api/v1/recipients/{detail}/")
                results.append(
                    {
                        "case": "recipient detail",
                        "median_ms": round(d * 1000, 2),
                        "raw_sql_ms": None,
                        "ratio": None,
                        "peak_kib": round(d_peak / 1024),
                    }
                )
        if os.environ.get("BENCH_EXPLAIN") and connection.vendor == "postgresql":
            from apps.accounts.models import User
            from apps.recipients.models import CareRecipient

            user = User.objects.get(username="bench")
            qs = CareRecipient.objects.visible_to(user).order_by("-created_at", "id")[:51]
            print(qs.explain(analyze=True))
        report = {
            "database": connection.vendor,
            "recipients": N,
            "units": UNITS,
            "seed_seconds": round(seed_seconds, 1),
            "runs_per_case": RUNS,
            "results": results,
        }
        out = ROOT / "test-artifacts" / "bench.json"
        out.parent.mkdir(exist_ok=True)
        out.write_text(json.dumps(report, indent=2))
        print(
            f"{connection.vendor}, {N} recipients (seeded in {seed_seconds:.1f} s), median of {RUNS} runs"
        )
        print(f"{'case':42} {'median ms':>10} {'raw SQL ms':>11} {'ratio':>6} {'peak KiB':>9}")
        for r in results:
            print(
                f"{r['case']:42} {r['median_ms']:>10} {r['raw_sql_ms'] or '–'!s:>11} {r['ratio'] or '–'!s:>6} {r['peak_kib']:>9}"
            )
        print(f"written to {out.relative_to(ROOT)}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
