"""What a persona is answered, as the permission matrices of the page tests state it."""

from django.urls import reverse

LOGIN = "sign in"


def assert_answer(response, url, expected):
    """`expected` is a status code, or LOGIN for the redirect to the sign-in page."""
    if expected == LOGIN:
        assert response.status_code == 302
        assert response.url == f"{reverse('account_login')}?next={url}"
    else:
        assert response.status_code == expected
