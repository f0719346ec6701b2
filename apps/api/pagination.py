from base64 import b64decode, b64encode
from urllib import parse

from django.core import signing
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import exceptions, pagination
from rest_framework.utils.urls import replace_query_param

INVALID_CURSOR = "invalid_cursor"


class CursorPagination(pagination.CursorPagination):
    """Cursor pagination: constant cost per page at any depth and no COUNT(*), which matters
    at national scale. Clients follow `next` / `previous` links."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = ("-created_at", "id")

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is not None:
            try:
                size = int(raw)
            except ValueError:
                size = 0
            if size < 1:
                raise exceptions.ValidationError(
                    {
                        self.page_size_query_param: [
                            _("Ange ett heltal 1–%(max)d.") % {"max": self.max_page_size}
                        ]
                    }
                )
        return super().get_page_size(request)

    def decode_cursor(self, request):
        # DRF answers an unreadable cursor with 404, which reads as "this list does not
        # exist"; it is a bad parameter, so 400 naming it.
        try:
            return super().decode_cursor(request)
        except exceptions.NotFound:
            raise self._invalid_cursor() from None

    def paginate_queryset(self, queryset, request, view=None):
        # A cursor that decodes but carries a position of the wrong type (hand-edited or
        # from another list) fails only when the database value is prepared.
        try:
            return super().paginate_queryset(queryset, request, view)
        except (DjangoValidationError, ValueError, TypeError):
            if request.query_params.get(self.cursor_query_param) is None:
                raise
            raise self._invalid_cursor() from None

    def _invalid_cursor(self):
        return exceptions.ValidationError(
            {
                self.cursor_query_param: [
                    _("Ogiltig sidmarkör. Följ länkarna next/previous i svaret.")
                ]
            },
            code=INVALID_CURSOR,
        )

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["minimum"] = 1
                # Translated: the schema is served in English unless `?lang=` asks otherwise.
                parameter["description"] = _(
                    "Antal per sida (högst %(max)d; större värden kapas)."
                ) % {"max": self.max_page_size}
        return parameters


class SignedCursorPagination(CursorPagination):
    """For lists ordered by a text (a name): any text is a valid position, so a forged
    cursor would still read as one. Signing the cursor keeps it opaque: only the `next` /
    `previous` links the server made are accepted; anything else is 400 `invalid_cursor`."""

    signer = signing.Signer(salt="apps.api.pagination.SignedCursorPagination")

    def encode_cursor(self, cursor):
        tokens = {}
        if cursor.offset != 0:
            tokens["o"] = str(cursor.offset)
        if cursor.reverse:
            tokens["r"] = "1"
        if cursor.position is not None:
            tokens["p"] = cursor.position
        encoded = b64encode(parse.urlencode(tokens).encode("ascii")).decode("ascii")
        return replace_query_param(
            self.base_url, self.cursor_query_param, self.signer.sign(encoded)
        )

    def decode_cursor(self, request):
        raw = request.query_params.get(self.cursor_query_param)
        if raw is None:
            return None
        try:
            tokens = parse.parse_qs(
                b64decode(self.signer.unsign(raw).encode("ascii")).decode("ascii"),
                keep_blank_values=True,
            )
            offset = int(tokens.get("o", ["0"])[0])
            reverse = tokens.get("r", ["0"])[0]
            if offset < 0 or offset > self.offset_cutoff or reverse not in ("0", "1"):
                raise ValueError
        except (signing.BadSignature, ValueError, TypeError):
            raise self._invalid_cursor() from None
        position = tokens.get("p", [None])[0]
        return pagination.Cursor(offset=offset, reverse=reverse == "1", position=position)
