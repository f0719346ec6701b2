"""The services' one shape for a versioned change and their one scope policy
(apps/core/versioning.py): out of scope is NotFoundError, told apart from nothing."""

import ast
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from apps.core.exceptions import NotFoundError, PermissionDeniedError, VersionMismatch
from apps.core.history import allow_untracked_writes
from apps.core.versioning import lock_for_change, save_new_version
from apps.core.web import run_service
from apps.recipients.models import CareRecipient
from apps.recipients.services import recipient_update


def _refuse(row):
    raise PermissionDeniedError("no")


class TestLockForChange:
    def test_out_of_scope_and_unknown_ids_are_the_same_not_found_in_one_query(self, world):
        scoped = CareRecipient.objects.visible_to(world.staff_a)
        counts = []
        for target in (world.bo.pk, world.hemlig.pk, uuid.uuid4()):
            with (
                transaction.atomic(),
                CaptureQueriesContext(connection) as queries,
                pytest.raises(NotFoundError),
            ):
                lock_for_change(scoped, target)
            counts.append(len(queries))
        assert counts[0] == counts[1] == counts[2]

    def test_the_check_runs_before_the_version_comparison(self, world):
        with transaction.atomic(), pytest.raises(PermissionDeniedError):
            lock_for_change(
                CareRecipient.objects.all(), world.alma, expected_version=9, check=_refuse
            )

    def test_a_stale_version_is_a_mismatch(self, world):
        with transaction.atomic(), pytest.raises(VersionMismatch):
            lock_for_change(CareRecipient.objects.all(), world.alma, expected_version=9)

    def test_not_found_is_a_refusal_never_told_as_forbidden(self):
        assert issubclass(NotFoundError, PermissionDeniedError)


class TestSaveNewVersion:
    def test_one_more_version_and_one_history_row(self, world):
        before = world.alma.history.count()
        with transaction.atomic():
            current = lock_for_change(CareRecipient.objects.all(), world.alma)
            current.given_name = "Almaa"
            save_new_version(current)
        world.alma.refresh_from_db()
        assert (world.alma.version, world.alma.given_name) == (2, "Almaa")
        assert world.alma.history.count() == before + 1


class TestScopePolicy:
    def test_a_service_reads_the_row_it_changes_through_the_actors_scope(self, world):
        with pytest.raises(NotFoundError):
            recipient_update(actor=world.staff_b, recipient=world.alma, given_name="X")
        world.alma.refresh_from_db()
        assert (world.alma.given_name, world.alma.version) == ("Alma", 1)

    def test_the_api_answers_a_service_not_found_as_an_unknown_id(
        self, world, token_for, monkeypatch
    ):
        """A person moved out of the caller's units between the read and the lock."""
        import apps.recipients.api.views as views

        def moved_first(**kwargs):
            with allow_untracked_writes():
                CareRecipient.objects.filter(pk=world.alma.pk).update(unit=world.unit_b)
            return recipient_update(**kwargs)

        monkeypatch.setattr(views, "recipient_update", moved_first)
        client = token_for(world.assessor_a)

        def patch(pk):
            response = client.patch(
                f"/api/v1/recipients/{pk}/",
                {"given_name": "X"},
                format="json",
                HTTP_IF_MATCH='"v1"',
            )
            body = response.json()
            body.pop("instance")
            return response.status_code, response["Content-Type"], body

        assert patch(world.alma.pk) == patch(uuid.uuid4())
        assert patch(uuid.uuid4())[0] == 404


def test_a_page_answers_a_service_not_found_with_the_404_page(rf):
    def call():
        raise NotFoundError()

    with pytest.raises(Http404):
        run_service(rf.post("/"), None, call)


def test_no_service_speaks_http():
    """Services raise domain errors (apps/core/exceptions.py); pages and the API map them."""
    speaking = []
    for path in sorted((Path(settings.BASE_DIR) / "apps").glob("*/services.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            if any(n.startswith(("django.http", "rest_framework")) for n in names):
                speaking.append(f"{path.parent.name}: {names}")
    assert speaking == []
