"""The main menu offers the cross-unit pages by the roles held in any unit (one query)."""

import pytest
from django.urls import reverse

MENU = {
    "plans": "plans:review-list",
    "overview": "insights:overview",
    "log": "audit:review",
    "admin": "admin:index",
}

OFFERED = {
    "staff_a": set(),
    "assessor_a": set(),
    "manager": {"plans", "overview", "log"},
    "admin_user": {"log", "admin"},
}


@pytest.mark.parametrize("persona", sorted(OFFERED))
def test_the_menu_offers_what_the_roles_allow(client, world, persona):
    client.force_login(getattr(world, persona))
    html = client.get(reverse("recipients:list")).content.decode()
    nav = html.split('<nav aria-label="Huvudmeny">', 1)[1].split("</nav>", 1)[0]
    for item, name in MENU.items():
        assert (f'href="{reverse(name)}"' in nav) is (item in OFFERED[persona]), item
