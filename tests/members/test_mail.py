import pytest
from django.core import mail
from django.db import transaction

from members.mail import send_mail

TEMPLATE = "members/email/join_approved"


@pytest.fixture
def context(member_a):
    return {"user": member_a, "zone": member_a.zone, "home_url": "https://portal.example/"}


def test_a_mail_is_branded_with_a_text_and_an_html_part_in_the_recipients_language(
    context, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_mail(to="julien@police.belgium.eu", template=TEMPLATE, context=context, language="nl")
    (message,) = mail.outbox
    assert message.subject.startswith("[Réseau Intersection] ")
    assert "Réseau Intersection" in message.from_email
    assert message.to == ["julien@police.belgium.eu"]
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="nl">' in html
    assert 'href="https://portal.example/"' in html
    assert "Liège" in message.body


@pytest.mark.django_db(transaction=True)
def test_a_mail_leaves_only_after_commit_and_never_if_the_transaction_fails(context):
    with pytest.raises(RuntimeError), transaction.atomic():
        send_mail(to="a@example.org", template=TEMPLATE, context=context)
        raise RuntimeError
    assert mail.outbox == []
    with transaction.atomic():
        send_mail(to="a@example.org", template=TEMPLATE, context=context)
        assert mail.outbox == []
    assert len(mail.outbox) == 1


def test_a_failing_mail_server_is_logged_not_raised(
    context, mail_server_down, caplog, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_mail(to="a@example.org", template=TEMPLATE, context=context)
    (failure,) = mail_server_down.failures
    assert failure.name == "members.mail"
    assert "could not be sent" in caplog.text


def test_no_recipient_means_no_mail(context, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        send_mail(to=["", None], template=TEMPLATE, context=context)
    assert callbacks == []
    assert mail.outbox == []


def test_reply_to_and_headers_are_kept(context, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_mail(
            to="a@example.org",
            template=TEMPLATE,
            context=context,
            reply_to=["asker@police.belgium.eu"],
            headers={"List-Unsubscribe": "<https://portal.example/u/x>"},
        )
    (message,) = mail.outbox
    assert message.reply_to == ["asker@police.belgium.eu"]
    assert message.extra_headers["List-Unsubscribe"] == "<https://portal.example/u/x>"
