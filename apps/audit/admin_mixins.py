"""Access logging for the admin screens of care recipients' records (channel admin).

Put `AccessLoggedAdminMixin` FIRST among the bases of a ModelAdmin whose rows belong to a care
recipient, and set `audit_recipient` to the attribute path from a row to the recipient's id
("recipient_id", "pk" for the recipient itself, "plan.recipient_id"). The admin's list notes
the people of the rows on the page; opening a record (change, history, a history version,
delete) notes its person, or a denied read when the record is out of scope or does not exist.
Out of scope, a history page answers 404 (simple-history would otherwise show the history of a
record that the admin's queryset hides), and a past version can be looked at, not restored.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404

from apps.audit.recorder import note_denied, note_read, recipient_id_of, uuid_or_none


class AccessLoggedAdminMixin:
    audit_recipient = "recipient_id"

    def get_object(self, request, object_id, from_field=None):
        """Every admin view that opens one record (change, delete, history) goes through here."""
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            is_person = self.audit_recipient == "pk"
            note_denied(request, uuid_or_none(object_id) if is_person else None)
        else:
            note_read(request, [recipient_id_of(obj, self.audit_recipient)])
        return obj

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        if changelist is not None:
            rows = changelist.result_list  # the page shown, read once and reused by the template
            note_read(request, (recipient_id_of(obj, self.audit_recipient) for obj in rows))
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Logged by get_object; named here so that the contract of the mixin reads in one place.
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        if self.get_object(request, unquote(object_id)) is None:
            raise Http404
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history's page of one past version, which reads it without the admin queryset.
        if self.get_object(request, unquote(object_id)) is None:
            raise Http404
        if request.method != "GET":
            # Its POST restores the old version, writing past the services and their rules.
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)
