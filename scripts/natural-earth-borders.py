#!/usr/bin/env python3
"""Converts Natural Earth's country polygons (TopoJSON, as redistributed by the world-atlas npm package) once into
the two small files the web console draws at frame scale, beside the land of scripts/natural-earth-land.py:

  SatDaemon.Web/Svg/ne_50m_borders.lines   land borders between countries, one polyline per line "lon,lat lon,lat ..."
  SatDaemon.Web/Svg/ne_50m_countries.rings one country after another: a line "=name", then its polygons' outer rings,
                                            one per line "lon,lat lon,lat ..." (where a map names the country in view)

Usage:  npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
        scripts/natural-earth-borders.py package/countries-50m.json SatDaemon.Web/Svg

A border is an arc that two different countries share (TopoJSON keeps each shared edge once), so coastlines, which
belong to one country, are not repeated: the land layer draws them. Degrees to two decimals (about 1 km). Natural
Earth is in the public domain (https://www.naturalearthdata.com/about/terms-of-use/).
"""
import importlib.util
import json
import os
import sys

_land_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "natural-earth-land.py")
_spec = importlib.util.spec_from_file_location("natural_earth_land", _land_path)
land = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(land)

HEADER = "# Natural Earth 4.1.0 admin-0 countries, 1:50m (public domain), from world-atlas 2.0.2 countries-50m.json; made by scripts/natural-earth-borders.py\n"


def polygons_of(geometry):
    """Each polygon of a country as a list of rings (arc index lists); the first ring is the outer one."""
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def arc_owners(countries):
    owners = {}
    for n, g in enumerate(countries):
        for polygon in polygons_of(g):
            for r in polygon:
                for i in r:
                    owners.setdefault(i if i >= 0 else ~i, set()).add(n)
    return owners


def words(points):
    out, last = [], None
    for lon, lat in points:
        word = f"{lon:.2f},{lat:.2f}"
        if word != last:
            out.append(word)
        last = word
    return out


def main(path, out_dir):
    topology = json.load(open(path, encoding="utf-8"))
    arcs = land.decode_arcs(topology)
    countries = topology["objects"]["countries"]["geometries"]

    with open(os.path.join(out_dir, "ne_50m_borders.lines"), "w", encoding="ascii", newline="\n") as out:
        out.write(HEADER)
        for i, owners in sorted(arc_owners(countries).items()):
            if len(owners) < 2:
                continue
            w = words(arcs[i])
            if len(w) >= 2:
                out.write(" ".join(w) + "\n")

    with open(os.path.join(out_dir, "ne_50m_countries.rings"), "w", encoding="utf-8", newline="\n") as out:
        out.write(HEADER)
        for g in countries:
            name = (g.get("properties") or {}).get("name")
            polygons = polygons_of(g)
            if not name or not polygons:
                continue
            out.write(f"={name}\n")
            for polygon in polygons:
                w = words(land.ring(arcs, polygon[0]))
                if len(w) >= 4:
                    out.write(" ".join(w) + "\n")

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
