"""Helpers every app shares: Vietnamese text, slugs, upload checks, role checks.

No models and no URLs, so any app may import it without pointing at another app. It is an
installed app only so that Django finds its template filters (`{% load vn %}`).
"""
