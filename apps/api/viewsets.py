"""The base for every API resource: scoping, ETags, If-Match and Idempotency-Key in one place.

A resource viewset sets `queryset_model`, serializers and its FilterSet, and implements
`get_queryset()` through the model's `visible_to(user)` chokepoint, so out-of-scope objects
are 404. Writes go through services; the viewset only translates HTTP.
"""

import re

from django.http import Http404, HttpResponseNotModified
from django.utils.translation import gettext as _
from rest_framework import exceptions, viewsets
from rest_framework.response import Response

from apps.api.errors import PreconditionRequired
from apps.api.filters import list_filters
from apps.api.idempotency import run_idempotently
from apps.audit.recorder import note_denied, note_read, recipient_id_of, uuid_or_none

# What If-Match may hold, here and in the schema: "v3" or W/"v3".
IF_MATCH_PATTERN = r'^(W/)?"v[0-9]+"$'
_IF_MATCH_RE = re.compile(IF_MATCH_PATTERN)
IF_MATCH_REQUIRED = "required"
IF_MATCH_OPTIONAL = "optional"


def etag_for(instance) -> str | None:
    version = getattr(instance, "version", None)
    return None if version is None else f'"v{version}"'


def parse_if_match(request, *, required: bool = True) -> int | None:
    """The version the client saw, from If-Match: "v3" (or W/"v3"). Missing: 428 when
    required, else None; present but not of that form (also empty): 400."""
    if "If-Match" not in request.headers and not required:
        return None
    raw = request.headers.get("If-Match", "").strip()
    if not raw and required:
        raise PreconditionRequired()
    if not _IF_MATCH_RE.match(raw):
        raise exceptions.ValidationError(
            {"If-Match": [_('Ange ETag som "v<version>", t.ex. "v3".')]}
        )
    return int(raw.removeprefix("W/").strip('"')[1:])


def if_match_rule(view) -> str | None:
    """Whether the view's current action requires If-Match, accepts it, or ignores it; the
    server (`expected_version`) and the schema (apps.api.schema) both ask this."""
    action = getattr(view, "action", None)
    if action == "partial_update":
        return IF_MATCH_REQUIRED
    if action in getattr(view, "optional_if_match_actions", ()):
        return IF_MATCH_OPTIONAL
    return None


def if_none_match_hits(request, etag: str) -> bool:
    """If-None-Match names the current ETag (weak comparison, RFC 9110 13.1.2), or is `*`."""
    raw = request.headers.get("If-None-Match", "")
    tags = {tag.strip().removeprefix("W/") for tag in raw.split(",") if tag.strip()}
    return "*" in tags or etag.removeprefix("W/") in tags


class ScopedViewSetMixin:
    lookup_field = "pk"
    # Which care recipient a returned object belongs to, for the access log (None: the
    # resource is not about a person, e.g. the technology catalogue).
    audit_recipient = "recipient_id"
    lookup_value_converter = "uuid"
    ordering_fields = ("created_at", "updated_at")
    # The resource's selector, `selector(user=..., filters=...)`: the rows the caller may see
    # (the model's `visible_to` chokepoint), for a list filtered by the FilterSet with the
    # request's parameters (`list_filters`). Set as `selector = staticmethod(x_list)`.
    selector = None
    # Serializer used for responses; input serializers (and a list's rows, where they are
    # not the output serializer) are chosen per action.
    output_serializer_class = None
    input_serializer_classes: dict = {}
    # Lifecycle actions that accept If-Match without requiring it (then it must match: 412;
    # the transition rules already refuse a stale action with 409). PATCH requires it; every
    # other operation ignores it. See `if_match_rule`.
    optional_if_match_actions: tuple[str, ...] = ()
    # Actions whose rows come from the resource's selector with the request's filters
    # (apps.api.filters.list_filters); the filter backend leaves them alone.
    selector_filtered_actions: tuple[str, ...] = ("list",)

    def get_queryset(self):
        with list_filters(self) as filters:
            return self.selector(user=self.request.user, filters=filters)

    def refetch(self, instance):
        """A changed row read again through `get_queryset()`, with everything it shows."""
        return self.get_queryset().get(pk=instance.pk)

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # The router (the basename) and the schema ask the class for `queryset`; a resource's
        # model is its FilterSet's. Requests read rows only through `get_queryset()`.
        filterset_class = getattr(cls, "filterset_class", None)
        if "queryset" not in cls.__dict__ and filterset_class is not None:
            cls.queryset = filterset_class._meta.model.objects.none()

    def get_serializer_class(self):
        return self.input_serializer_classes.get(self.action) or self.output_serializer_class

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        handler = getattr(self, "post", None)
        if request.method == "POST" and handler is not None:
            # Wrap the POST handler (create, or a lifecycle action) so that a repeated
            # Idempotency-Key replays the first response instead of acting twice.

            def idempotent_post(req, *a, **kw):
                return run_idempotently(self, req, handler, *a, **kw)

            self.post = idempotent_post

    def get_object(self):
        try:
            instance = super().get_object()
        except Http404:
            if self.audit_recipient:
                attempted = self.kwargs.get(self.lookup_url_kwarg or self.lookup_field)
                is_person = self.audit_recipient == "pk"
                note_denied(self.request, uuid_or_none(attempted) if is_person else None)
            raise
        self._audit([instance])
        return instance

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        self._audit(page if page is not None else [])
        return page

    def _audit(self, instances) -> None:
        if self.audit_recipient:
            note_read(self.request, (recipient_id_of(i, self.audit_recipient) for i in instances))

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response.setdefault("Cache-Control", "no-store")
        return response

    def respond(self, instance, *, status=200, headers=None):
        """Serialize `instance` with the output serializer, with its ETag."""
        serializer = self.output_serializer_class(instance, context=self.get_serializer_context())
        response = Response(serializer.data, status=status, headers=headers)
        etag = etag_for(instance)
        if etag:
            response["ETag"] = etag
        return response

    def expected_version(self) -> int | None:
        """The version the client names in If-Match, as `if_match_rule` says the action takes
        it: required (missing: 428), optional, or ignored (None)."""
        rule = if_match_rule(self)
        if rule is None:
            return None
        return parse_if_match(self.request, required=rule == IF_MATCH_REQUIRED)

    def retrieve(self, request, *args, **kwargs):
        # get_object() logs the read, so a 304 is access-logged like the 200 it stands for.
        instance = self.get_object()
        etag = etag_for(instance)
        if etag and if_none_match_hits(request, etag):
            not_modified = HttpResponseNotModified()
            not_modified["ETag"] = etag
            return not_modified
        return self.respond(instance)


class ReadOnlyScopedViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass


class ScopedViewSet(ScopedViewSetMixin, viewsets.GenericViewSet):
    # List and retrieve come from the mixin and DRF; create and update call the
    # `perform_*_with_service` hooks that a resource implements with its services. (A
    # comment, not a docstring: a docstring would become every operation's description.)

    http_method_names = ["get", "post", "patch", "head", "options"]

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        serializer = self.get_serializer(page, many=True)
        return self.get_paginated_response(serializer.data)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        instance = self.perform_create_with_service(serializer.validated_data)
        return self.respond(instance, status=201, headers={"Location": self.location_of(instance)})

    def partial_update(self, request, *args, **kwargs):
        instance = self.get_object()
        expected_version = self.expected_version()
        serializer = self.get_serializer(instance, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        instance = self.perform_update_with_service(
            instance, serializer.validated_data, expected_version
        )
        return self.respond(instance)

    def act(self, service, *, target: str, **arguments):
        """A lifecycle action on the object in the URL: read it (404 outside the caller's
        scope), the version If-Match names, the action's validated body, then
        `service(actor=..., <target>=object, expected_version=..., **arguments, **body)`.
        Returns what the service returns."""
        instance = self.get_object()
        expected_version = self.expected_version()
        serializer = self.get_serializer(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return service(
            actor=self.request.user,
            **{target: instance},
            expected_version=expected_version,
            **arguments,
            **serializer.validated_data,
        )

    def location_of(self, instance) -> str:
        from django.urls import reverse

        return reverse(f"api:{self.basename}-detail", args=[instance.pk])

    def perform_create_with_service(self, data):
        raise exceptions.MethodNotAllowed("POST")

    def perform_update_with_service(self, instance, data, expected_version):
        raise exceptions.MethodNotAllowed("PATCH")


class AppendOnlyScopedViewSet(ScopedViewSet):
    # Records that are never changed once made (a new judgement or consent is a new record,
    # a consent is withdrawn by an action): list, read and create, no PATCH.

    http_method_names = ["get", "post", "head", "options"]
