"""Networks: the same party across lists, who a listed party is tied to, who owns whom.

Pure graph code over FollowTheMoney entities (no I/O, no settings), below ``screen.py`` so
that every use case can show the network: :mod:`.sameas` links listings of one party on the
evidence their records share, :mod:`.relations` turns what the publishers state into
relationship entities, :mod:`.ownership` computes the share blocked parties hold (the 50% rule).
"""
