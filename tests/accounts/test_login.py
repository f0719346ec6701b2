from django.urls import reverse


def test_the_login_page_is_served_to_anonymous_users(client, db):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert 'autocomplete="current-password"' in response.content.decode()


def test_every_other_page_requires_login(client, db):
    for url in [reverse("home"), reverse("recipients:list"), reverse("recipients:create")]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_a_user_logs_in_and_lands_on_their_recipients(client, world):
    response = client.post(
        reverse("accounts:login"),
        {"username": "staff_a", "password": "correct-horse-battery"},
        follow=True,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Andersdemo" in html and "Bengtdemo" not in html


def test_logout_is_a_post(client, world):
    client.force_login(world.staff_a)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(reverse("recipients:list")).status_code == 302


def test_the_language_can_be_switched_before_login(client, db):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/konto/login/"})
    assert response.status_code == 302
    html = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="en">' in html
