"""Imports point one way: an app imports only apps on lower layers (or its own modules).

Every import counts, also one inside a function (a lazy import does not make a cycle go away). The
layers, lowest first, are in LAYERS. The access log's writing side (audit models, choices,
labels, recorder, admin mixins) sits low because every page writes to it, while audit's review
pages sit at the top. Likewise the API's infrastructure is low, and its router (apps.api.urls),
which collects every app, is on top.

A lower app that needs a higher app's records reads them through the reverse relation the
higher app's foreign key declares (`intervention.assessments`) and asks them what they mean
(`assessment.approves`); code that reads several apps moves above them.

KNOWN_UPWARD lists the upward imports that existed when the test was written (issue 10, point 7).
The list may only shrink: a new upward import fails, and so does an entry that is no longer true.
"""

import ast
from pathlib import Path

APPS = Path(__file__).resolve().parents[2] / "apps"

LAYERS = [
    {"core"},
    {"audit_log"},
    {"api_infra"},
    {"organisations"},
    {"accounts"},
    {"catalogue"},
    {"recipients"},
    {"whatmatters"},
    {"interventions"},
    {"assessments", "followups"},
    {"plans"},
    {"people"},
    {"insights", "audit", "privacy"},
    {"demo", "api_router"},
]
RANK = {name: level for level, names in enumerate(LAYERS) for name in names}
AUDIT_LOG_MODULES = {"models", "choices", "labels", "recorder", "admin_mixins", "querysets", "apps"}

KNOWN_UPWARD: set[str] = set()


def layer(module: str) -> str:
    parts = module.split(".")
    app = parts[1]
    if app == "audit" and len(parts) > 2 and parts[2] in AUDIT_LOG_MODULES:
        return "audit_log"
    if app == "api":
        return "api_router" if parts[2:3] == ["urls"] else "api_infra"
    return app


def imported_modules(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("apps."):
            yield node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names if alias.name.startswith("apps."))


def upward_imports() -> set[str]:
    found = set()
    for path in APPS.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        parts = path.relative_to(APPS.parent).with_suffix("").parts
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if module.count(".") < 1:
            continue
        source = layer(module)
        for target in imported_modules(ast.parse(path.read_text(encoding="utf-8"))):
            destination = layer(target)
            if destination != source and RANK[destination] >= RANK[source]:
                found.add(f"{module} -> {target}")
    return found


def test_every_app_has_a_layer():
    apps = {p.name for p in APPS.iterdir() if (p / "__init__.py").exists()} - {"audit", "api"}
    assert apps - set(RANK) == set()


def test_no_new_upward_import():
    assert upward_imports() - KNOWN_UPWARD == set(), (
        "An import points upwards; move the code down or the caller up (see the module docstring)."
    )


def test_known_upward_imports_are_still_true():
    assert KNOWN_UPWARD - upward_imports() == set(), "Gone: remove these from KNOWN_UPWARD."


def test_a_lazy_upward_import_is_caught(tmp_path):
    tree = ast.parse("def f():\n    from apps.plans.models import CarePlanVersion\n")
    assert list(imported_modules(tree)) == ["apps.plans.models"]
    assert RANK[layer("apps.plans.models")] > RANK[layer("apps.recipients.selectors")]
