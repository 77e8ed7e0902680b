"""What pages show, before any HTTP: view models per page kind, labels, search, language and strings,
and linked-data representations.
"""
