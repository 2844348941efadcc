"""Locale format overrides (FORMAT_MODULE_PATH): the way Vietnamese offices write dates."""
