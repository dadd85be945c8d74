"""The usual positions of a commune Front committee and of a residential working committee."""

from django.db import migrations

POSITIONS = [
    # name, kind, level, rank
    ("Chủ tịch", "head", "commune", 10),
    ("Phó Chủ tịch", "deputy", "commune", 20),
    ("Ủy viên Ban Thường trực", "standing", "commune", 30),
    ("Ủy viên", "member", "commune", 40),
    ("Trưởng ban", "head", "residential", 10),
    ("Phó Trưởng ban", "deputy", "residential", 20),
    ("Thành viên", "member", "residential", 40),
]


def seed(apps, schema_editor):
    Position = apps.get_model("congresses", "Position")
    for name, kind, level, rank in POSITIONS:
        Position.objects.get_or_create(name=name, defaults={"kind": kind, "level": level, "rank": rank})


def unseed(apps, schema_editor):
    Position = apps.get_model("congresses", "Position")
    Membership = apps.get_model("congresses", "Membership")
    SlateEntry = apps.get_model("congresses", "SlateEntry")
    used = set(Membership.objects.values_list("position_id", flat=True)) | set(
        SlateEntry.objects.values_list("position_id", flat=True)
    )
    Position.objects.filter(name__in=[p[0] for p in POSITIONS]).exclude(pk__in=used).delete()


class Migration(migrations.Migration):
    dependencies = [("congresses", "0002_committees_terms_people_conferences")]
    operations = [migrations.RunPython(seed, unseed)]
