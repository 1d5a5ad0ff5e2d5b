// In-memory spatial index of grid polygons: a packed R-tree (Flatbush) over bounding boxes, then an
// exact point-in-polygon test on the few candidates. Rebuilt whole whenever a grid's shape changes.
import Flatbush from "flatbush";
import type { Kysely } from "kysely";
import type { DB, GeoPolygon } from "../../db/schema.js";
import { type BBox, bboxOf, containsPoint, overlaps } from "./geo.js";

export type IndexedGrid = { id: string; name: string; code: string; polygon: GeoPolygon; bbox: BBox };

export class GridIndex {
  private grids: IndexedGrid[] = [];
  private tree: Flatbush | null = null;

  build(grids: { id: string; name: string; code: string; polygon: GeoPolygon }[]): void {
    this.grids = grids.map((g) => ({ ...g, bbox: bboxOf(g.polygon) }));
    if (this.grids.length === 0) {
      this.tree = null;
      return;
    }
    const tree = new Flatbush(this.grids.length);
    for (const g of this.grids) tree.add(g.bbox[0], g.bbox[1], g.bbox[2], g.bbox[3]);
    tree.finish();
    this.tree = tree;
  }

  async reload(db: Kysely<DB>): Promise<void> {
    const rows = await db
      .selectFrom("grids")
      .innerJoin("areas", "areas.id", "grids.area_id")
      .select(["areas.id", "areas.name", "areas.code", "grids.polygon"])
      .where("grids.polygon", "is not", null)
      .execute();
    this.build(rows.map((r) => ({ id: r.id, name: r.name, code: r.code, polygon: r.polygon as GeoPolygon })));
  }

  get size(): number {
    return this.grids.length;
  }

  locate(lng: number, lat: number): IndexedGrid | null {
    if (!this.tree) return null;
    for (const i of this.tree.search(lng, lat, lng, lat)) {
      const g = this.grids[i];
      if (containsPoint(g.polygon, lng, lat)) return g;
    }
    return null;
  }

  /** Grids (other than `exceptId`) whose area overlaps the polygon. */
  overlapping(polygon: GeoPolygon, exceptId?: string): IndexedGrid[] {
    if (!this.tree) return [];
    const b = bboxOf(polygon);
    return this.tree
      .search(b[0], b[1], b[2], b[3])
      .map((i) => this.grids[i])
      .filter((g) => g.id !== exceptId && overlaps(polygon, g.polygon));
  }
}
