"""Search: the only package that imports Whoosh.

Public interface (see ``service``): ``search(params)``, ``similar_offers(offer)``,
``get_backend()`` with index/remove/query/suggest/similar/rebuild/fingerprints; consistency
in ``sync`` (queue, reindex, check); Dutch analysis in ``analysis``.
"""
