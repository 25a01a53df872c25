"""Personal data held by `indicators`: none to export or anonymise.

The app stores aggregate figures only (indicators, targets, and the per-year values of closed
years); it never copies a name, an address or a per-person row from another app, and its public
pages and exports show counts only. The one link to a person is `Snapshot.frozen_by`, the staff
member who closed a year: a record of a staff action, like the admin's own log, which stays
valid when that account is closed (the account is anonymised, never deleted, so the link then
reads "former member"). Nothing is therefore registered in `intersection/privacy.py`.
"""
