"""The managers' overview page (/oversikt/), on the hand-built data set of conftest.py."""

import json
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from apps.audit.recorder import pending

URL = reverse("insights:overview")


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text inside each <script>."""

    def __init__(self, html):
        super().__init__()
        self.tags, self.scripts, self._script = [], [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}  # boolean attributes: ""
        self.tags.append((tag, attrs))
        if tag == "script":
            self._script = {"attrs": attrs, "text": ""}
            self.scripts.append(self._script)

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script["text"] += data

    def find(self, tag, **wanted):
        return [
            a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in wanted.items())
        ]


def get(client, user, **params):
    client.force_login(user)
    return client.get(URL, params)


def chart_data(html, chart_id):
    script = next(s for s in Tags(html).scripts if s["attrs"].get("id") == chart_id)
    assert script["attrs"]["type"] == "application/json"
    return json.loads(script["text"])


class TestAccess:
    def test_the_manager_gets_the_overview(self, client, world, data):
        response = get(client, world.manager)
        assert response.status_code == 200
        html = response.content.decode()
        assert Tags(html).find("h1")  # one heading for the page
        assert html.count("<h1") == 1
        assert "Översikt för enhetschef" in html

    @pytest.mark.parametrize("name", ["staff_a", "staff_b", "assessor_a", "admin_user"])
    def test_users_who_manage_no_unit_get_403_with_a_clear_message(self, client, world, name):
        response = get(client, getattr(world, name))
        assert response.status_code == 403
        html = response.content.decode()
        assert "Ingen behörighet" in html
        assert "Översikten är till för enhetschefer" in html

    def test_a_non_manager_gets_403_even_when_naming_a_unit(self, client, world):
        response = get(client, world.staff_a, unit=str(world.unit_a.pk))
        assert response.status_code == 403

    def test_an_anonymous_visitor_is_sent_to_log_in(self, client, world):
        response = client.get(URL)
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]

    def test_a_superuser_gets_the_overview(self, client, world, people, data):
        assert get(client, people.root).status_code == 200

    def test_the_page_only_reads(self, client, world):
        client.force_login(world.manager)
        assert client.post(URL).status_code == 405


class TestUnitFilter:
    def test_a_manager_of_several_units_sees_all_of_them_by_default(self, client, world, data):
        html = get(client, world.manager).content.decode()
        overdue = section(html, "overdue-heading")
        assert "Andersdemo" in overdue and "Bengtdemo" in overdue
        select = Tags(html).find("select", name="unit")
        assert select, "a manager of several units can choose one"
        assert Tags(html).find("option", value="", selected="")

    def test_choosing_a_unit_narrows_every_figure(self, client, world, data):
        response = get(client, world.manager, unit=str(world.unit_b.pk))
        assert response.status_code == 200
        html = response.content.decode()
        overdue = section(html, "overdue-heading")
        assert "Bengtdemo" in overdue and "Dorademo" in overdue
        assert "Andersdemo" not in overdue and "Skyddadsson" not in overdue
        assert response.context["overview"]["overdue"]["count"] == 2
        assert Tags(html).find("option", value=str(world.unit_b.pk), selected="")

    @pytest.mark.parametrize("value", ["unit_x", "not-a-uuid"])
    def test_a_unit_the_user_does_not_manage_is_404(self, client, world, value):
        unit = str(world.unit_x.pk) if value == "unit_x" else value
        assert get(client, world.manager, unit=unit).status_code == 404

    def test_a_unit_the_user_sees_but_does_not_manage_is_404(self, client, world, people):
        response = get(client, people.staff_a_manager_b, unit=str(world.unit_a.pk))
        assert response.status_code == 404

    def test_a_manager_of_one_unit_gets_no_selector(self, client, world, people):
        html = get(client, people.manager_b).content.decode()
        assert not Tags(html).find("select", name="unit")


def section(html, heading_id):
    """The HTML of the <section> labelled by `heading_id`."""
    start = html.index(f'aria-labelledby="{heading_id}"')
    return html[start : html.index("</section>", start)]


class TestContent:
    def test_headline_figures(self, client, world, data):
        response = get(client, world.manager)
        html = section(response.content.decode(), "key-figures-heading")
        assert ">4<" in html  # active recipients, and overdue follow-ups
        assert "2 <span" in html and "(50\u00a0%)" in html  # current conversations
        assert "27,5" in html  # visits replaced per week
        assert "5,0 timmar" in html  # staff time freed
        assert reverse("plans:review-list") in html

    def test_the_oldest_overdue_follow_ups_link_to_the_person(self, client, world, data):
        html = section(get(client, world.manager).content.decode(), "overdue-heading")
        links = [a["href"] for a in Tags(html).find("a")]
        assert links == [
            reverse("recipients:detail", args=[p.pk])
            for p in (world.hemlig, world.alma, world.bo, data.dora)
        ]
        assert "Skyddad identitet" in html  # hemlig, granted to the manager, is marked
        assert "äldsta av" not in html  # all of them are listed

    def test_a_long_overdue_list_says_how_many_it_leaves_out(self, client, world, data, today):
        import datetime as dt

        from tests.factories import FollowUpFactory, GoalFactory

        for n in range(8):
            FollowUpFactory(
                intervention=None,
                goal=GoalFactory(recipient=world.bo),
                recipient=world.bo,
                due_date=today - dt.timedelta(days=30 + n),
            )
        html = section(get(client, world.manager).content.decode(), "overdue-heading")
        assert "De 10 äldsta av 12." in html
        assert len(Tags(html).find("a")) == 10

    def test_nobody_out_of_scope_is_named(self, client, world, data):
        html = get(client, world.manager).content.decode()
        for name in ("Okändsson", "Utomsson", "Enhet X"):
            assert name not in html

    def test_naming_people_is_noted_as_a_read_of_their_records(self, client, world, data):
        response = get(client, world.manager)
        read = set(pending(response.wsgi_request)["read"])
        assert read == {world.hemlig.pk, world.alma.pk, world.bo.pk, data.dora.pk}

    def test_every_chart_has_a_table_with_the_same_figures(self, client, world, data):
        html = get(client, world.manager).content.decode()
        tags = Tags(html)
        canvases = tags.find("canvas")
        assert {c["data-chart"] for c in canvases} == {
            "chart-interventions",
            "chart-still-matters",
            "chart-rating-change",
            "chart-staff-time",
        }
        for canvas in canvases:
            assert canvas["role"] == "img"
            assert "tabellen" in canvas["aria-label"]
        # hidden until the script draws it: without JavaScript the tables stand alone
        assert len(tags.find("div", **{"class": "chart", "hidden": ""})) == 4
        assert len(tags.find("table")) == 5  # overdue list + one per chart

        interventions = chart_data(html, "chart-interventions")
        assert interventions["labels"] == [
            "Digitalt lås",
            "Läkemedelsautomat",
            "Nattkamera",
            "Personligt stöd",
        ]
        assert {d["label"]: d["data"] for d in interventions["datasets"]} == {
            "Föreslagen": [0, 0, 1, 0],
            "Avböjd": [0, 0, 1, 0],
            "Utprovning": [0, 1, 0, 0],
            "Pågående": [1, 1, 2, 1],
            "Avslutad": [0, 0, 1, 0],
        }
        table = section(html, "interventions-heading")
        assert '<th scope="row">Nattkamera</th>' in table
        assert '<td class="num" data-label="Pågående">2</td>' in table

        still = chart_data(html, "chart-still-matters")
        assert still["labels"] == ["Läkemedelsautomat", "Nattkamera"]  # in-person: too few
        assert [d["data"] for d in still["datasets"]] == [[67, 50], [33, 25], [0, 25]]
        table = section(html, "still-matters-heading")
        for figure in ("67\u00a0%", "33\u00a0%", "50\u00a0%", "25\u00a0%"):
            assert figure in table

        change = chart_data(html, "chart-rating-change")
        assert change["labels"] == ["Läkemedelsautomat", "Nattkamera"]
        assert change["datasets"][0]["data"] == [1.8, 2.7]
        table = section(html, "rating-heading")
        assert "+1,8" in table and "+2,7" in table

        staff_time = chart_data(html, "chart-staff-time")
        assert staff_time["labels"] == ["Enhet A", "Enhet B"]
        assert staff_time["datasets"][0]["data"] == [4.1, 0.9]
        table = section(html, "staff-time-heading")
        assert "4,1" in table and "0,9" in table and "5,0" in table

    def test_too_few_answers_show_a_dash_not_a_share(self, client, world, data):
        table = section(get(client, world.manager).content.decode(), "still-matters-heading")
        row = table[table.index("Personligt stöd") :]
        row = row[: row.index("</tr>")]
        assert row.count(">–<") == 3
        assert '<td class="num" data-label="Antal svar">1</td>' in row

    def test_without_data_there_are_no_charts_but_clear_empty_states(self, client, world):
        html = get(client, world.manager).content.decode()
        assert not Tags(html).find("canvas")
        assert "Inga försenade uppföljningar." in html
        assert "Inga insatser att visa." in html


class TestSecurityAndAccessibility:
    def test_no_inline_script_except_json_data(self, client, world, data):
        scripts = Tags(get(client, world.manager).content.decode()).scripts
        for script in scripts:
            attrs = script["attrs"]
            assert attrs.get("src") or attrs.get("type") == "application/json", attrs
            if attrs.get("src"):
                assert not script["text"].strip()
        sources = [s["attrs"]["src"] for s in scripts if s["attrs"].get("src")]
        assert any(src.endswith("vendor/chartjs/chart.umd.min.js") for src in sources)
        assert any(src.endswith("js/charts.js") for src in sources)
        assert len([s for s in scripts if s["attrs"].get("type") == "application/json"]) == 4

    def test_no_style_attributes_or_inline_handlers(self, client, world, data):
        for _tag, attrs in Tags(get(client, world.manager).content.decode()).tags:
            assert "style" not in attrs
            assert not [name for name in attrs if name.startswith("on")]

    def test_tables_have_header_scopes_and_phone_labels(self, client, world, data):
        html = get(client, world.manager).content.decode()
        tags = Tags(html)
        assert all(th.get("scope") in ("col", "row") for th in tags.find("th"))
        assert all(td.get("data-label") for td in tags.find("td"))

    def test_the_unit_selector_has_a_label(self, client, world, data):
        tags = Tags(get(client, world.manager).content.decode())
        (select,) = tags.find("select", name="unit")
        assert tags.find("label", **{"for": select["id"]})

    def test_chart_js_is_vendored_with_its_licence_and_version(self):
        script = finders.find("vendor/chartjs/chart.umd.min.js")
        assert script
        with open(script, encoding="utf-8") as f:
            assert f.read(200).startswith("/*!\n * Chart.js v4.")
        version = finders.find("vendor/chartjs/VERSION")
        with open(version, encoding="utf-8") as f:
            assert "npm pack chart.js@4" in f.read()
        assert finders.find("vendor/chartjs/LICENSE")
        assert finders.find("vendor/chartjs/chart.umd.min.js.map")
