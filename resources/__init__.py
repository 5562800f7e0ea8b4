"""Icons, translations (ru, en) and styles."""
