from django.conf import settings


def association(request):
    """What every page's footer shows: the association's contact."""
    return {"contact_email": settings.CONTACT_EMAIL}
