"""Test helpers for the audit trail: drive an admin change form like a person would, and
check what django-simple-history kept.

    response = admin_change(client, post, title="Tiêu đề mới")
    record = assert_history(post, by=editor, changed={"title"})

`admin_change` opens the object's change page, keeps every value the form shows (inlines
included), applies the changes and submits it: exactly what the admin's "Lưu" button does.
"""

from django.forms import CheckboxInput, MultiWidget
from django.urls import reverse


def _field_data(bound):
    """The POST data a browser sends for one bound field as the form renders it."""
    widget = bound.field.widget
    widget = getattr(widget, "widget", widget)  # the admin wraps related fields' widgets
    value = bound.value()
    if isinstance(widget, MultiWidget):
        parts = value if isinstance(value, list | tuple) else widget.decompress(value)
        return {
            f"{bound.html_name}{suffix}": sub.format_value(part) or ""
            for suffix, sub, part in zip(widget.widgets_names, widget.widgets, parts, strict=False)
        }
    if isinstance(widget, CheckboxInput):
        return {bound.html_name: "on"} if value else {}
    if getattr(widget, "allow_multiple_selected", False):
        return {bound.html_name: [str(v) for v in (value or [])]}
    shown = widget.format_value(value)
    if isinstance(shown, list):
        shown = shown[0] if shown else ""
    return {bound.html_name: "" if shown is None else shown}


def _form_data(form):
    data = {}
    for name in form.fields:
        if form.fields[name].disabled:
            continue
        data.update(_field_data(form[name]))
    return data


def change_form_data(response):
    """Everything the admin change page would submit unchanged, inlines included."""
    data = _form_data(response.context["adminform"].form)
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management[name].html_name] = management[name].value()
        for form in formset.forms:
            data.update(_form_data(form))
    return data


def admin_change(client, obj, **changes):
    """Submit obj's admin change form with `changes` (field name → value as POSTed)."""
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    page = client.get(url)
    assert page.status_code == 200, f"cannot open {url}: {page.status_code}"
    data = change_form_data(page)
    data.update(changes)
    response = client.post(url, data)
    form = getattr(response, "context", None) and response.context.get("adminform")
    assert response.status_code == 302, f"the admin refused the change: {form and form.form.errors}"
    return response


def assert_history(obj, *, by, changed, kind="~"):
    """The latest historical record of obj was made by `by`, is of `kind` (+ ~ -) and changed
    exactly the fields in `changed` (compared with the record before it). Returns it."""
    model = obj.history.model if hasattr(obj, "history") else type(obj).history.model
    record = model.objects.filter(**{obj._meta.pk.attname: obj.pk}).order_by("-history_id").first()
    assert record is not None, f"no history for {obj!r}"
    assert record.history_type == kind
    assert record.history_user == by
    if kind == "~":
        delta = record.diff_against(record.prev_record)
        assert set(delta.changed_fields) == set(changed)
    return record
