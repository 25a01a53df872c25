"""Demo data of the members app: real Belgian police zones, memberships, one account per role.

Called by the `seed_demo` command; idempotent: a second run changes nothing.
"""

import csv
import datetime
from pathlib import Path

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from allauth.mfa.utils import decrypt

from .models import JoinRequest, Membership, User, Zone

ZONES_FILE = Path(__file__).resolve().parent / "data" / "zones.csv"

DEMO_PASSWORD = "intersection-demo-2026"
# A fixed secret keeps the demo staff account usable across re-seeds; it is printed anyway.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPINTERSECTIONDEMO"

# Member entities of the demo and the date they joined; the others stay recorded as
# non-members (the network has about 40 members; the demo keeps a plausible subset).
DEMO_MEMBERS = {
    "5339": datetime.date(2017, 3, 1),
    "5340": datetime.date(2017, 3, 1),
    "5341": datetime.date(2017, 3, 1),
    "5342": datetime.date(2017, 3, 1),
    "5343": datetime.date(2017, 3, 1),
    "5344": datetime.date(2017, 3, 1),
    "5277": datetime.date(2018, 1, 15),
    "5327": datetime.date(2017, 6, 1),
    "5303": datetime.date(2019, 1, 1),
    "5330": datetime.date(2018, 9, 1),
    "5325": datetime.date(2020, 2, 1),
    "5273": datetime.date(2021, 1, 1),
    "Sylle et Dendre": datetime.date(2019, 5, 1),
    "Gent": datetime.date(2021, 3, 1),
}
# A zone whose membership lapsed: it shows that membership is dated, not a flag.
LAPSED = {"5295": (datetime.date(2018, 1, 1), datetime.date(2022, 12, 31))}

OTHER_ENTITIES = [
    {
        "name": "Réseau Intersection du Québec",
        "kind": Zone.Kind.FOREIGN_NETWORK,
        "region": "abroad",
        "languages": "fr",
        "description": "Le réseau québécois, fondé en 1993, partenaire privilégié.",
    },
    {
        "name": "ASBL Praxis",
        "kind": Zone.Kind.PARTNER,
        "region": "wallonia",
        "languages": "fr",
        "description": "Groupes de responsabilisation pour auteurs de violences.",
    },
]

# Every demo account's address ends with it; seed_demo refuses a database with any other.
DOMAIN = "intersection.demo"

DEMO_ACCOUNTS = [
    # email, first name, last name, function, zone key, reference person, staff, role shown
    (
        "staff@intersection.demo",
        "Sophie",
        "Lambert",
        "Coordinatrice",
        None,
        False,
        True,
        "staff (TOTP below)",
    ),
    (
        "reference.polbru@intersection.demo",
        "Karim",
        "El Amrani",
        "Commissaire",
        "5339",
        True,
        False,
        "reference person, PolBru",
    ),
    (
        "member.polbru@intersection.demo",
        "Lotte",
        "Peeters",
        "Inspectrice",
        "5339",
        False,
        False,
        "member, PolBru",
    ),
    (
        "reference.liege@intersection.demo",
        "Nathalie",
        "Dubois",
        "Commissaire",
        "5277",
        True,
        False,
        "reference person, Liège",
    ),
    (
        "member.liege@intersection.demo",
        "Julien",
        "Renard",
        "Inspecteur principal",
        "5277",
        False,
        False,
        "member, Liège",
    ),
    (
        "officer.huy@intersection.demo",
        "Thomas",
        "Collard",
        "Inspecteur de quartier",
        "5295",
        False,
        False,
        "Huy, membership ended 31/12/2022: sees what a visitor sees",
    ),
    (
        "juror@intersection.demo",
        "Marc",
        "Verhoeven",
        "Criminologue",
        None,
        False,
        False,
        "future juror, no zone",
    ),
    (
        "newcomer@intersection.demo",
        "Amélie",
        "Leroy",
        "Agente de quartier",
        None,
        False,
        False,
        "waiting for Boraine's approval",
    ),
]
PENDING = ("newcomer@intersection.demo", "5327")


def seed():
    """Load the members' demo data; return the lines that tell a newcomer how to sign in."""
    zones = _zones()
    _memberships(zones)
    users = _accounts(zones)
    _pending_request(users, zones)
    recovery_codes = _staff_second_factor(users["staff@intersection.demo"])
    return _report(recovery_codes)


def _zones():
    zones = {}
    with ZONES_FILE.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            lookup = {"number": row["number"]} if row["number"] else {"name": row["name"]}
            zone, _ = Zone.objects.get_or_create(
                **lookup,
                defaults={
                    "name": row["name"],
                    "short_name": row["short_name"],
                    "region": row["region"],
                    "province": row["province"],
                    "languages": row["language"],
                    "number_verified": row["number_verified"] == "yes",
                    "kind": Zone.Kind.LOCAL_ZONE,
                },
            )
            zones[row["number"] or row["name"]] = zone
    for entity in OTHER_ENTITIES:
        zone, _ = Zone.objects.get_or_create(name=entity["name"], defaults=entity)
        zones[entity["name"]] = zone
    return zones


def _memberships(zones):
    periods = {key: (start, None) for key, start in DEMO_MEMBERS.items()}
    periods.update(LAPSED)
    periods["Réseau Intersection du Québec"] = (datetime.date(2017, 1, 1), None)
    for key, (start, end) in periods.items():
        Membership.objects.get_or_create(
            zone=zones[key], start=start, defaults={"end": end, "fee_paid": True}
        )


def _accounts(zones):
    users = {}
    for email, first, last, function, zone_key, reference, staff, _role in DEMO_ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email,
                DEMO_PASSWORD,
                first_name=first,
                last_name=last,
                function=function,
                zone=zones[zone_key] if zone_key else None,
                is_reference_person=reference,
                is_staff=staff,
                is_superuser=staff,
            )
            if zone_key:
                JoinRequest.objects.create(
                    user=user,
                    zone=user.zone,
                    status=JoinRequest.Status.APPROVED,
                    message="Demo account.",
                )
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        users[email] = user
    return users


def _pending_request(users, zones):
    user = users[PENDING[0]]
    if not user.join_requests.exists():
        JoinRequest.objects.create(
            user=user,
            zone=zones[PENDING[1]],
            message="Agente de quartier à Boussu, demande de démonstration.",
        )


def _staff_second_factor(staff):
    totp = Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).first()
    if totp is None:
        TOTP.activate(staff, DEMO_TOTP_SECRET)
    return RecoveryCodes.activate(staff).get_unused_codes()


def _report(recovery_codes):
    staff = User.objects.get(email="staff@intersection.demo")
    totp = Authenticator.objects.get(user=staff, type=Authenticator.Type.TOTP)
    secret = decrypt(totp.data["secret"])
    lines = [f"Every demo account has the password: {DEMO_PASSWORD}"]
    for email, first, last, *_, role in DEMO_ACCOUNTS:
        lines.append(f"  {email:<38} {first} {last}: {role}")
    lines += [
        f"The staff account has a TOTP second factor. Secret: {secret}",
        "  (add it to an authenticator app, or use a recovery code below)",
        "  Recovery codes: " + " ".join(recovery_codes),
    ]
    return lines
