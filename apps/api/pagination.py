from rest_framework import pagination


class CursorPagination(pagination.CursorPagination):
    """Cursor pagination: constant cost per page at any depth and no COUNT(*), which matters
    at national scale. Clients follow `next` / `previous` links."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = ("-created_at", "id")
