// Vietnamese labels for the rich-text editor's toolbar (django-prose-editor 0.28, Tiptap).
//
// The editor translates its dialogs through Django's JavaScript catalogue
// (locale/vi/LC_MESSAGES/djangojs.po), but writes its toolbar tooltips, its block-type list
// ("Heading 2", "Paragraph") and the table dialog's "Yes"/"No" in English, outside gettext.
// This extension is the editor's own way of configuring its menu: it is listed in the
// field's extensions (news/sanitize.py) and loaded through DJANGO_PROSE_EDITOR_EXTENSIONS
// (settings). After every other extension has defined its items, it relabels them through
// the menu's public `items()` and `defineItem()`; it never patches the package.
import { Extension, gettext, updateAttrsDialog } from "django-prose-editor/editor"

// Menu item name → what a person sees (tooltip, screen reader, entry in the list).
export const LABELS = {
  heading1: "Tiêu đề cấp 1",
  heading2: "Tiêu đề cấp 2",
  heading3: "Tiêu đề cấp 3",
  heading4: "Tiêu đề cấp 4",
  heading5: "Tiêu đề cấp 5",
  heading6: "Tiêu đề cấp 6",
  paragraph: "Đoạn văn",
  bulletList: "Danh sách gạch đầu dòng",
  orderedList: "Danh sách đánh số",
  orderedListProperties: "Kiểu danh sách",
  blockquote: "Trích dẫn",
  horizontalRule: "Đường kẻ ngang",
  figure: "Ảnh",
  bold: "In đậm",
  italic: "In nghiêng",
  underline: "Gạch chân",
  strike: "Gạch ngang chữ",
  subscript: "Chỉ số dưới",
  superscript: "Chỉ số trên",
  code: "Mã",
  codeBlock: "Khối mã",
  link: "Chèn hoặc sửa liên kết",
  unlink: "Bỏ liên kết",
  table: "Chèn bảng",
  "table:addColumnAfter": "Thêm cột bên phải",
  "table:deleteColumn": "Xóa cột",
  "table:addRowAfter": "Thêm hàng bên dưới",
  "table:deleteRow": "Xóa hàng",
  "table:mergeCells": "Gộp ô",
  "table:splitCell": "Tách ô",
  "table:toggleHeaderCell": "Bật/tắt ô tiêu đề",
  "table:deleteTable": "Xóa bảng",
  "textAlign:left": "Căn trái",
  "textAlign:center": "Căn giữa",
  "textAlign:right": "Căn phải",
  "textAlign:justify": "Căn đều hai bên",
  "history:undo": "Hoàn tác",
  "history:redo": "Làm lại",
  html: "Sửa mã HTML",
  fullscreen: "Bật/tắt toàn màn hình",
}

const YES = "Có"
const NO = "Không"

function relabel(item, label) {
  if (item.button) {
    item.button.title = label
    item.button.setAttribute("aria-label", label)
  }
  if (item.option) {
    item.option.textContent = label
  }
}

// The table dialog's header choice is an English "Yes"/"No" list in the package.
const tableDialog = updateAttrsDialog(
  {
    rows: { type: "number", title: gettext("Rows"), format: "number", default: "3", min: "1", max: "100" },
    cols: { type: "number", title: gettext("Columns"), format: "number", default: "3", min: "1", max: "100" },
    withHeaderRow: { title: gettext("Include header row"), enum: [NO, YES], default: NO },
  },
  { title: gettext("Table Properties"), submitText: gettext("Insert Table") },
)

export const VietnameseLabels = Extension.create({
  name: "vietnameseLabels",
  // Last of all extensions, so every menu item exists when this one relabels them.
  priority: 1,

  addMenuItems({ menu, buttons }) {
    if (this.editor.schema.nodes.table) {
      menu.defineItem({
        name: "table",
        groups: "table",
        button: buttons.material("grid_on", LABELS.table),
        command(editor) {
          tableDialog(editor, { rows: "3", cols: "3", withHeaderRow: NO }).then((values) => {
            if (!values) return
            editor
              .chain()
              .focus()
              .insertTable({
                rows: Number.parseInt(values.rows, 10) || 3,
                cols: Number.parseInt(values.cols, 10) || 3,
                withHeaderRow: values.withHeaderRow === YES,
              })
              .run()
          })
        },
      })
    }
    for (const item of menu.items(this.options.groups.join(" "))) {
      if (LABELS[item.name]) relabel(item, LABELS[item.name])
    }
  },

  addOptions() {
    return {
      // Every group the package's items belong to.
      groups: ["blockType", "nodes", "lists", "marks", "link", "textAlign", "table", "history", "utility"],
    }
  },
})
