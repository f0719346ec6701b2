from django.contrib.auth import views as auth_views
from django.urls import path

from apps.accounts import views
from apps.accounts.forms import LoginForm

app_name = "accounts"

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html",
            authentication_form=LoginForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("logout-everywhere/", views.logout_everywhere_view, name="logout-everywhere"),
    path("", views.account_view, name="account"),
    path("tvastegs/", views.mfa_verify_view, name="mfa-verify"),
    path("tvastegs/aktivera/", views.mfa_setup_view, name="mfa-setup"),
]
