"""Helpers the whole suite shares (on the path through pytest's `pythonpath`)."""
