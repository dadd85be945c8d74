"""What JavaScript draws in the admin speaks Vietnamese too: the rich-text editor's toolbar,
its block list, its link and table dialogs, and the date and time pickers, read in a real
browser as an editor sees them (tooltips and screen-reader labels included)."""

import os
from pathlib import Path

import pytest

from tests.mttq_portal.test_admin_language import english_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(os.environ.get("E2E_ARTIFACTS", "shots"))
PASSWORD = "Mat-khau-bien-tap-2026"

# Tooltips, screen-reader labels and placeholders of every element; text of what is shown.
# Icon buttons spell their icon's name ("format_bold") as text for the icon font: not words.
SPOKEN = """(root) => {
  const out = [];
  for (const el of root.querySelectorAll("*")) {
    for (const name of ["title", "aria-label", "placeholder", "alt"]) {
      const value = el.getAttribute(name);
      if (value) out.push(value);
    }
  }
  for (const el of root.querySelectorAll("option, label, button:not(.material-icons), h3, a")) {
    if (el.textContent.trim()) out.push(el.textContent.trim());
  }
  return out;
}"""


@pytest.fixture
def editor_account(django_user_model, commune):
    from lib.roles import EDITOR, role_groups
    from mttq_portal.roles import sync_role_groups
    from news.models import Category

    sync_role_groups()
    Category.objects.create(commune=commune, name="Hoạt động Mặt trận")
    user = django_user_model.objects.create_user("bientap", password=PASSWORD, is_staff=True)
    user.groups.add(role_groups()[EDITOR])
    return user


def english(texts):
    return sorted({f"{word}: {text}" for word, text in english_in(texts)})


def test_the_editor_toolbar_dialogs_and_date_pickers_are_in_vietnamese(page, live_server, editor_account):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(f"{live_server.url}/quan-tri/login/")
    page.fill("#id_username", "bientap")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/quan-tri/news/post/add/")
    menubar = page.locator(".field-body .prose-menubar")
    menubar.wait_for()

    toolbar = menubar.evaluate(SPOKEN)
    # The block list opens as a popover: its entries are the block names.
    blocks = page.eval_on_selector_all(".prose-menubar__option", "els => els.map(e => e.textContent.trim())")
    assert "Tiêu đề cấp 2" in blocks and "Đoạn văn" in blocks, blocks
    assert "In đậm" in toolbar and "Chèn hoặc sửa liên kết" in toolbar, toolbar

    editor = page.locator(".field-body .ProseMirror[contenteditable=true]")
    editor.click()
    page.keyboard.type("Mặt trận xã")
    page.keyboard.press("Control+a")
    menubar.locator("button[title='Chèn hoặc sửa liên kết']").click()
    dialog = page.locator("dialog.prose-editor-dialog[open]")
    dialog.wait_for()
    link_dialog = dialog.evaluate(SPOKEN) + [dialog.inner_text()]
    page.screenshot(path=str(ARTIFACTS / "e2e-admin-editor-link-dialog.png"))
    assert "Sửa liên kết" in dialog.inner_text()
    dialog.locator("button[value=cancel]").click()

    menubar.locator("button[title='Chèn bảng']").click()
    dialog.wait_for()
    table_dialog = dialog.evaluate(SPOKEN) + [dialog.inner_text()]
    assert "Có" in table_dialog and "Không" in table_dialog, table_dialog
    dialog.locator("button[value=cancel]").click()

    # The date and time pickers of "thời điểm đăng" (drawn at load, shown on a click).
    page.locator(".field-published_at .datetimeshortcuts a").nth(1).click()
    pickers = page.locator(".calendarbox, .clockbox").evaluate_all(
        "boxes => boxes.map(box => box.textContent)"
    )
    pickers += page.locator("#content").evaluate(SPOKEN)
    page.screenshot(path=str(ARTIFACTS / "e2e-admin-post-form-vi.png"), full_page=True)

    assert english(toolbar + blocks) == []
    assert english(link_dialog) == []
    assert english(table_dialog) == []
    assert english(pickers) == []
    assert page.console_errors == []
