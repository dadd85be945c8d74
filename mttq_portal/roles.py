"""What each role may do in the admin, and the `migrate` hook that keeps the groups so.

The role names and the `has_role()` check live in `lib.roles`; the groups are created by a
migration and their permissions set from the table below after every `migrate`.
"""

from lib.roles import CHAIR, COMMUNE_STAFF, EDITOR, GROUP_NAMES, HAMLET_OFFICER, PROVINCE_STAFF

# ---------------------------------------------------------------------------------------
# What each role may do in the admin: "app_label.codename" of Django's model permissions.
# This table is the source of truth: `migrate` (post_migrate, mttq_portal/apps.py) sets each
# group's permissions to exactly this list. Every code must name a real permission: the role
# test checks each against the Permission rows, so a misspelt or removed model fails there
# (sync itself skips a missing code, so that migrating an app backwards does not break).
# Rows are never deleted from money records (corrected by new entries) and areas are never
# deleted (merged or ended), so no role gets those delete permissions; only a superuser has.
# Accounts are managed by superusers only: whoever may change users may make themselves one.
# The chair may only see the list of accounts, to name a hamlet's officers (campaigns).
# ---------------------------------------------------------------------------------------
ALL = ("add", "change", "delete", "view")
NEWS_MODELS = ["category", "post", "photo"]
# The document registry and announcements: kept by the same people who write the news.
REGISTRY_MODELS = ["document", "documentfile", "announcement"]
# The organisation pages, the work calendar and the polls: kept by editors and commune staff.
PUBLIC_DUTY_MODELS = ["page", "calendarentry", "poll", "polloption"]
# Tags, albums, videos, links and banners: kept by the people who write the news.
GALLERY_MODELS = ["tag", "album", "albumphoto", "video", "weblink", "banner"]
CONGRESS_MODELS = [
    "commune",
    "residentialarea",
    "frontcommittee",
    "term",
    "person",
    "position",
    "membership",
    "conference",
    "conferencedocument",
    "consultation",
    "slateentry",
    "delegate",
    # Personnel between congresses and a congress's outcomes, kept like the consultations.
    "supplementaryconsultation",
    "concurrentrole",
    "candidateround",
    "documentapproval",
    "termsummaryitem",
    "congressaward",
    "areasuccession",
]
# An area's yearly figures: commune staff for every area, a hamlet officer for their own.
AREA_PROFILE_MODELS = ["areaprofile"]
# Voters' opinions carry citizens' phone numbers: staff handle them, the chair reads them,
# hamlet officers get none (an opinion about their own hamlet may be about them).
OPINION_MODELS = ["votermeeting", "opinion"]
# Supervision and social review, and the Ngày hội Đại đoàn kết: entered by commune staff, read by
# the chair; a hamlet officer enters their own area's Ngày hội. Their rows are corrected or
# followed up, never deleted (the delete codes are simply never granted).
SUPERVISION_MODELS = ["supervision", "recommendation", "followup"]
FESTIVAL_MODELS = ["unityfestival", "festivalarea"]
PLAN_MODELS = ["activityplan", "plannedactivity"]
# The rounds of meetings every area holds ("7/7 thôn đã tổ chức"): the commune's to keep.
ROUND_MODELS = ["meetinground"]
ACTIVITY_MODELS = SUPERVISION_MODELS + FESTIVAL_MODELS + PLAN_MODELS + ROUND_MODELS
KEEP_ACTIONS = ("add", "change", "view")
# Recipients (lists of poor households), gifts, houses, stated figures and yearly rates: the commune's
# staff and chair record them; hamlet officers get none.
AID_MODELS = ["recipient", "giftbatch", "house", "housesource", "statedfigure", "statedpart", "ratefigure"]
# Lines of a record, replaced as a whole while it is typed (a house's sources, a total's parts).
AID_LINES = ["campaigns.delete_housesource", "campaigns.delete_statedpart"]
CAMPAIGN_MODELS = [
    "campaign",
    "indicator",
    "target",
    "contribution",
    "disbursement",
    "areaofficer",
    "periodlock",
    "round",
    "roundtarget",
]
# A fund's opening balance and money from and to the upper level, and its công khai thu – chi
# tables: the commune's staff and chair keep and publish them; hamlet officers get none.
FUND_MODELS = ["fundtransfer", "fundstatement"]
FUND_PERMISSIONS = ["campaigns.publish_fundstatement"]
# Campaigns the province launches, and the share each commune gets: the province's to set.
PROVINCE_CAMPAIGN_MODELS = ["provincecampaign", "provinceindicator", "communeshare"]
# Never deleted by anyone but a superuser (see above).
KEEP_FOREVER = {
    "congresses.delete_commune",
    "congresses.delete_residentialarea",
    "campaigns.delete_contribution",
    "campaigns.delete_disbursement",
    "campaigns.delete_fundtransfer",
    "congresses.delete_opinion",
    # An issued document stays on record: it is taken off the site (not public), not deleted.
    "news.delete_document",
}
UNLOCK_LOGINS = ["axes.view_accessattempt", "axes.delete_accessattempt", "axes.view_accesslog"]


def perms(app_label, models, actions=ALL):
    """["news.add_post", "news.change_post", …] for the models and actions given."""
    return [f"{app_label}.{action}_{model}" for model in models for action in actions]


# Period reports: the chair and commune staff make them (add) and download them again (view);
# a report made stays as sent (no change, no delete), a Word template may be replaced.
REPORT_CODES = [
    "reports.add_reportrun",
    "reports.view_reportrun",
    *perms("reports", ["reporttemplate"]),
]


def _allowed(codes):
    return sorted(set(codes) - KEEP_FOREVER)


ROLE_PERMISSIONS = {
    EDITOR: _allowed(perms("news", NEWS_MODELS + REGISTRY_MODELS + PUBLIC_DUTY_MODELS + GALLERY_MODELS)),
    HAMLET_OFFICER: _allowed(
        perms("campaigns", ["campaign", "indicator", "target"], ("view",))
        + perms("campaigns", ["contribution"], ("add", "change", "view"))
        + perms("congresses", ["unityfestival"], ("view",))
        + perms("congresses", ["festivalarea"], KEEP_ACTIONS)
        + perms("congresses", AREA_PROFILE_MODELS, KEEP_ACTIONS)
    ),
    CHAIR: _allowed(
        perms("campaigns", CAMPAIGN_MODELS)
        + perms("campaigns", AID_MODELS, ("add", "change", "view"))
        + AID_LINES
        + perms("campaigns", FUND_MODELS, KEEP_ACTIONS)
        + FUND_PERMISSIONS
        + ["campaigns.view_communeshare"]
        + perms("congresses", CONGRESS_MODELS, ("view", "change"))
        # The standing board confirms a consultation's result, which opens the new term:
        # the chair's decision, not the staff who typed the slate.
        + ["congresses.confirm_consultation"]
        + perms("congresses", OPINION_MODELS, ("view",))
        + perms("news", ["calendarentry"], ("view",))
        + perms("congresses", ACTIVITY_MODELS, ("view",))
        + perms("congresses", AREA_PROFILE_MODELS, ("view",))
        + REPORT_CODES
        + UNLOCK_LOGINS
        + ["auth.view_user"]
    ),
    COMMUNE_STAFF: _allowed(
        perms("congresses", CONGRESS_MODELS)
        + perms("congresses", OPINION_MODELS)
        + ["congresses.publish_opinion"]
        + perms("congresses", ACTIVITY_MODELS, KEEP_ACTIONS)
        + perms("congresses", AREA_PROFILE_MODELS, KEEP_ACTIONS)
        + perms("news", NEWS_MODELS + REGISTRY_MODELS + PUBLIC_DUTY_MODELS + GALLERY_MODELS)
        + perms("campaigns", [*CAMPAIGN_MODELS, "communeshare"], ("view",))
        + perms("campaigns", ["contribution", "disbursement"], ("add", "change"))
        + perms("campaigns", AID_MODELS, ("add", "change", "view"))
        + AID_LINES
        + perms("campaigns", FUND_MODELS, KEEP_ACTIONS)
        + FUND_PERMISSIONS
        + REPORT_CODES
        + UNLOCK_LOGINS
    ),
    # The province Front's staff: everything commune staff and the chair do, in every commune
    # (congresses.permissions.commune_scope), plus the provinces and their news.
    PROVINCE_STAFF: _allowed(
        perms("congresses", [*CONGRESS_MODELS, "province"])
        + perms("congresses", ACTIVITY_MODELS, KEEP_ACTIONS)
        + perms("news", NEWS_MODELS + REGISTRY_MODELS + PUBLIC_DUTY_MODELS + GALLERY_MODELS)
        + perms("campaigns", CAMPAIGN_MODELS)
        + perms("campaigns", AID_MODELS, ("add", "change", "view"))
        + AID_LINES
        + perms("campaigns", FUND_MODELS, KEEP_ACTIONS)
        + FUND_PERMISSIONS
        + perms("campaigns", PROVINCE_CAMPAIGN_MODELS, ("add", "change", "view"))
        + ["congresses.confirm_consultation"]
        + REPORT_CODES
        + UNLOCK_LOGINS
        + ["auth.view_user"]
    ),
}


def sync_role_groups(using="default", verbosity=0):
    """Create the groups if missing and give each exactly the permissions of
    ROLE_PERMISSIONS that exist in this database. Safe to run any number of times."""
    from django.contrib.auth.models import Group, Permission  # deferred: apps.py imports this module

    wanted = {code for codes in ROLE_PERMISSIONS.values() for code in codes}
    known = {
        f"{app_label}.{codename}": pk
        for pk, app_label, codename in Permission.objects.using(using).values_list(
            "pk", "content_type__app_label", "codename"
        )
        if f"{app_label}.{codename}" in wanted
    }
    for role, codes in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.using(using).get_or_create(name=GROUP_NAMES[role])
        group.permissions.set([known[code] for code in codes if code in known])
        if verbosity >= 2:
            print(f"  {group.name}: {sum(code in known for code in codes)}/{len(codes)} quyền")
