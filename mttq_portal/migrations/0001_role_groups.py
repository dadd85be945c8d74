"""The four roles as Django groups. Their permissions are set after every `migrate` by
mttq_portal.roles.sync_role_groups (post_migrate), because the models they name belong to
apps that may be migrated later."""

from django.db import migrations

# Copied from lib/roles.py GROUP_NAMES on purpose: a migration must not change when code does.
ROLE_NAMES = [
    "Cán bộ Mặt trận xã",
    "Chủ tịch Ủy ban MTTQ xã",
    "Trưởng ban công tác Mặt trận",
    "Biên tập viên",
]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLE_NAMES:
        Group.objects.using(schema_editor.connection.alias).get_or_create(name=name)


def delete_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name__in=ROLE_NAMES).delete()


class Migration(migrations.Migration):
    dependencies = [("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_groups, delete_groups)]
