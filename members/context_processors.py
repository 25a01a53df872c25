from django.conf import settings


def association(request):
    """The association's address, for the notices that send a person to it (a lapsed
    membership, an entity that wants to join the network)."""
    return {"association_email": settings.CONTACT_EMAIL}
