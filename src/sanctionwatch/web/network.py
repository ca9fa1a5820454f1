"""The neighbourhood of a listed party as a small server-rendered SVG picture.

The party sits in the middle, the listed parties one step away (the stated relationships,
networks/relations.py) on a circle around it, each node a link to its entity page, each edge
titled with the relation and the publisher's words. No script, no client library.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from markupsafe import Markup, escape

from sanctionwatch.model import Collection
from sanctionwatch.networks.relations import related_parties

__all__ = ["neighbourhood_svg"]

#: at most this many neighbours are drawn (the rest are counted in the caption)
MAX_NODES = 12
WIDTH, HEIGHT, RADIUS = 640, 360, 130
_LABEL = 28


def _label(text: str) -> str:
    return text if len(text) <= _LABEL else text[: _LABEL - 1] + "…"


def _node(x: float, y: float, href: str, caption: str, title: str, css: str) -> str:
    return (f'<a href="{escape(href)}" class="node {css}"><title>{escape(title)}</title>'
            f'<circle cx="{x:.0f}" cy="{y:.0f}" r="9"/>'
            f'<text x="{x:.0f}" y="{y + 22:.0f}" text-anchor="middle">{escape(_label(caption))}'
            "</text></a>")


def neighbourhood_svg(collection: Collection, entity_id: str,
                      href: Callable[[str], str]) -> Markup | None:
    """The SVG of the party and its listed neighbours; None when it has none (or is unknown)."""
    entity = collection.get(entity_id)
    related = related_parties(collection, entity_id) if entity is not None else ()
    if entity is None or not related:
        return None
    shown = related[:MAX_NODES]
    cx, cy = WIDTH / 2, HEIGHT / 2
    edges, nodes = [], []
    for i, other in enumerate(shown):
        angle = 2 * math.pi * i / len(shown) - math.pi / 2
        x, y = cx + RADIUS * 1.8 * math.cos(angle), cy + RADIUS * math.sin(angle)
        words = f"{other.relation} ({other.direction}): {other.reason} [{other.dataset}]"
        edges.append(f'<line x1="{cx:.0f}" y1="{cy:.0f}" x2="{x:.0f}" y2="{y:.0f}" '
                     f'class="edge {escape(other.relation)}"><title>{escape(words)}</title></line>')
        nodes.append(_node(x, y, href(other.entity_id), other.caption,
                           f"{other.caption} ({other.entity_id}) · {words}", "related"))
    nodes.append(_node(cx, cy, href(entity_id), entity.caption, entity.id, "centre"))
    more = len(related) - len(shown)
    caption = f"{entity.caption}: {len(related)} listed parties one step away" + (
        f" ({more} not drawn)" if more else "")
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="network" viewBox="0 0 {WIDTH} {HEIGHT}"'
        f' role="img" aria-label="{escape(caption)}"><title>{escape(caption)}</title>'
        + "".join(edges) + "".join(nodes) + "</svg>")
