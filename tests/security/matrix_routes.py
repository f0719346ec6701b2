"""The routes the matrix must cover, found where a new page or endpoint would appear: the URL
resolver (every pattern, including the API router's and the admin's) and the OpenAPI schema
(every path × method)."""

import re
import uuid
from functools import cache

from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, resolve

HTTP_METHODS = ("get", "post", "put", "patch", "delete")


def _kwarg_names(pattern) -> list[str]:
    converters = getattr(pattern, "converters", None)
    if converters is not None:
        return list(converters)
    return list(getattr(pattern, "regex", re.compile("")).groupindex)


def _walk(patterns, namespace=None, kwargs=()):
    for entry in patterns:
        names = [*kwargs, *_kwarg_names(entry.pattern)]
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, inner, names)
        elif isinstance(entry, URLPattern):
            name = None
            if entry.name:
                name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield namespace, name, str(entry.pattern), tuple(n for n in names if n != "format")


@cache
def url_routes() -> tuple:
    """(namespace, name or None, pattern, kwarg names) of every URL pattern."""
    return tuple(_walk(get_resolver().url_patterns))


@cache
def url_kwargs() -> dict[str, tuple]:
    found = {}
    for _ns, name, _pattern, kwargs in url_routes():
        if name:
            found.setdefault(name, kwargs)
    return found


@cache
def api_operations() -> tuple:
    """(operationId, method, path template) of every operation in the OpenAPI schema."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    return tuple(operations_of(schema))


def operations_of(schema: dict):
    for path, item in sorted(schema["paths"].items()):
        for method, operation in item.items():
            if method in HTTP_METHODS:
                yield operation["operationId"], method, path


def fill_path(template: str, obj=None) -> str:
    def value(match):
        name = match.group(1)
        if obj is None:
            return str(uuid.uuid4())
        return str(obj.code if name == "code" else obj.pk)

    return re.sub(r"\{(\w+)\}", value, template)


@cache
def api_operation_url_names() -> frozenset:
    return frozenset(resolve(fill_path(path)).view_name for _op, _m, path in api_operations())


@cache
def page_route_names() -> tuple:
    """Named routes outside the admin that are not operations of the schema: the pages, the
    fixed routes (login, healthz, set_language...) and the API's root, schema and docs."""
    operations = api_operation_url_names()
    return tuple(
        sorted(
            {
                name
                for ns, name, _p, _k in url_routes()
                if name and ns != "admin" and name not in operations
            }
        )
    )


@cache
def unnamed_routes_outside_admin() -> tuple:
    return tuple(p for ns, name, p, _k in url_routes() if name is None and ns != "admin")


@cache
def admin_route_names() -> tuple:
    return tuple(sorted({name for ns, name, _p, _k in url_routes() if ns == "admin" and name}))


def registered_admin_models() -> dict[str, type]:
    return {model._meta.label_lower: model for model in admin.site._registry}


def parse_admin_name(name: str, actions) -> tuple[str, str] | None:
    """admin:<app>_<model>_<action> → (model label, action), for registered models."""
    for label, model in registered_admin_models().items():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        if name.startswith(prefix) and name[len(prefix) :] in actions:
            return label, name[len(prefix) :]
    return None
