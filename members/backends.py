from allauth.account.auth_backends import AuthenticationBackend

from .models import User


class MembershipAwareBackend(AuthenticationBackend):
    """allauth's e-mail login, loading the signed-in user with their zone's membership.

    `User.is_member` decides every member right; annotating it here, in the one query that
    loads `request.user`, keeps it free on every page.
    """

    def get_user(self, user_id):
        user = User.objects.with_membership().filter(pk=user_id).first()
        return user if self.user_can_authenticate(user) else None
