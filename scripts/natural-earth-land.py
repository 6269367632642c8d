#!/usr/bin/env python3
"""Converts Natural Earth land polygons (TopoJSON, as redistributed by the world-atlas npm package) once into the
compact ring file the web console draws under its maps: SatDaemon.Web/Svg/ne_50m_land.rings.

Usage:  npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
        scripts/natural-earth-land.py package/land-50m.json > SatDaemon.Web/Svg/ne_50m_land.rings

Output: one outer or inner ring per line, "lon,lat lon,lat ..." in degrees with two decimals (about 1 km, finer
than the 1:50m source), consecutive duplicates dropped; lines starting with # are comments. Natural Earth is in the
public domain (https://www.naturalearthdata.com/about/terms-of-use/).
"""
import json
import sys


def decode_arcs(topology):
    """TopoJSON arcs are quantized and delta-encoded; return them in degrees."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs, indexes):
    """A ring is a sequence of arcs; a negative index ~i means arc i reversed. Shared end points are not repeated."""
    points = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc if not points else arc[1:])
    return points


def rings_of(geometry, arcs):
    kind = geometry["type"]
    if kind == "Polygon":
        yield from (ring(arcs, r) for r in geometry["arcs"])
    elif kind == "MultiPolygon":
        for polygon in geometry["arcs"]:
            yield from (ring(arcs, r) for r in polygon)
    elif kind == "GeometryCollection":
        for g in geometry["geometries"]:
            yield from rings_of(g, arcs)


def main(path):
    topology = json.load(open(path, encoding="utf-8"))
    arcs = decode_arcs(topology)
    out = sys.stdout
    out.write("# Natural Earth 4.1.0 land, 1:50m (public domain), from world-atlas 2.0.2 land-50m.json;"
              " made by scripts/natural-earth-land.py\n")
    for obj in topology["objects"].values():
        for r in rings_of(obj, arcs):
            words, last = [], None
            for lon, lat in r:
                word = f"{lon:.2f},{lat:.2f}"
                if word != last:
                    words.append(word)
                last = word
            if len(words) >= 4:
                out.write(" ".join(words) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
