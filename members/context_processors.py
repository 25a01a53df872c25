from django.conf import settings


def association(request):
    """The association's address: in every page's footer, and in the notices that send a
    person to it (a lapsed membership, an entity that wants to join the network)."""
    return {"contact_email": settings.CONTACT_EMAIL}
