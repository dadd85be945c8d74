"""Admin search that ignores diacritics and case alike on SQLite and PostgreSQL.

`FoldedSearchMixin` searches a stored folded column (large tables: people, conferences,
contributions); `FoldedInPythonSearch` folds each row's label in Python (small tables:
areas, positions, campaigns). Both fold the query with `lib.vietnamese.fold`, so
`nguyen van tu` finds `Nguyễn Văn Tú` and `vi nguoi ngheo` finds `Vì người nghèo`. Every
word of the query must appear, in any order: quotes and dashes in a name (`Quỹ “Vì người
nghèo”`) do not hide it.
"""

from lib.vietnamese import fold


class FoldedInPythonSearch:
    """For small tables (positions, areas, committees, terms): fold each row's label in Python,
    so `thanh vien` finds `Thành viên` on SQLite and PostgreSQL alike without a stored column."""

    def folded_label(self, obj):
        return str(obj)

    def get_search_results(self, request, queryset, search_term):
        folded = fold(search_term)
        if not folded:
            return queryset, False
        related = [f for f in self.list_select_related or [] if isinstance(f, str)]
        rows = queryset.select_related(*related) if related else queryset
        words = folded.split()
        pks = [obj.pk for obj in rows if _has_every_word(fold(self.folded_label(obj)), words)]
        return queryset.filter(pk__in=pks), False


class FoldedSearchMixin:
    """Search the folded column(s) so diacritics and case don't matter, on SQLite and PostgreSQL."""

    folded_search_field = "search_text"

    def get_search_results(self, request, queryset, search_term):
        folded = fold(search_term)
        if not folded:
            return queryset, False
        for word in folded.split():
            queryset = queryset.filter(**{f"{self.folded_search_field}__contains": word})
        return queryset, False


def _has_every_word(text, words):
    return all(word in text for word in words)
