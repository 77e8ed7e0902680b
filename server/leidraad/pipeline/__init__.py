"""``leidraad build``: sources → parse → skolemise → reason → validate (shapes, quotes, consistency) →
dumps and VoID in ``dist/``.
"""
