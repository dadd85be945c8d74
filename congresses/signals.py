"""Signals other apps answer, so that congresses needs to import none of them."""

from django.dispatch import Signal

# Sent inside a merger's transaction, before commune `old`'s records move to `into` (keyword
# arguments: old, into, on, reason, by). A receiver settles what would otherwise exist twice in
# `into` (two parts of one province campaign …) and may return {model: [pk, …]}: rows that stay
# with the old commune as its history instead of moving.
commune_merging = Signal()
