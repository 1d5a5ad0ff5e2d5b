// Grid geometry rules: polygon validity, point-in-grid, and overlap. Pure functions over GeoJSON.
import turfArea from "@turf/area";
import booleanPointInPolygon from "@turf/boolean-point-in-polygon";
import { feature, featureCollection, point } from "@turf/helpers";
import intersect from "@turf/intersect";
import type { GeoPolygon } from "../../db/schema.js";

export type BBox = [minLng: number, minLat: number, maxLng: number, maxLat: number];

/** A closed ring of at least four positions, every position a finite lng/lat pair in range. */
export function isValidPolygon(p: unknown): p is GeoPolygon {
  if (!p || typeof p !== "object") return false;
  const g = p as { type?: unknown; coordinates?: unknown };
  if (g.type !== "Polygon" || !Array.isArray(g.coordinates) || g.coordinates.length === 0) return false;
  return g.coordinates.every((ring) => {
    if (!Array.isArray(ring) || ring.length < 4) return false;
    const ok = ring.every(
      (pos) =>
        Array.isArray(pos) &&
        pos.length >= 2 &&
        Number.isFinite(pos[0]) &&
        Number.isFinite(pos[1]) &&
        Math.abs(pos[0]) <= 180 &&
        Math.abs(pos[1]) <= 90,
    );
    const first = ring[0];
    const last = ring[ring.length - 1];
    return ok && first[0] === last[0] && first[1] === last[1];
  });
}

export function bboxOf(p: GeoPolygon): BBox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of p.coordinates[0]) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}

export function bboxesTouch(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

export function containsPoint(p: GeoPolygon, lng: number, lat: number): boolean {
  // Boundary points belong to the grid: neighbours share edges, and a point on a shared edge
  // resolves to whichever grid the index tries first.
  return booleanPointInPolygon(point([lng, lat]), p);
}

// Shared edges are allowed (no gap, no overlap); an intersection smaller than this many square
// metres is floating-point noise along a shared edge, not an overlap.
const OVERLAP_TOLERANCE_M2 = 1;

export function overlapArea(a: GeoPolygon, b: GeoPolygon): number {
  const inter = intersect(featureCollection([feature(a), feature(b)]));
  return inter ? turfArea(inter) : 0;
}

export function overlaps(a: GeoPolygon, b: GeoPolygon): boolean {
  if (!bboxesTouch(bboxOf(a), bboxOf(b))) return false;
  return overlapArea(a, b) > OVERLAP_TOLERANCE_M2;
}
