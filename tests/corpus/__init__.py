"""Evaluation corpora built at test time from real footage and photos shipped in packages."""
