import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router-dom";

/**
 * List filters and paging kept in the URL query string, so links and the export
 * button reuse the same filters and the back button restores them.
 */
export function useListParams(filterKeys: readonly string[], defaultPageSize = 20) {
  const [sp, setSp] = useSearchParams();
  const filters = useMemo(() => {
    const f: Record<string, string | undefined> = {};
    for (const k of filterKeys) f[k] = sp.get(k) ?? undefined;
    return f;
  }, [sp, filterKeys]);
  const page = Number(sp.get("page") ?? 1) || 1;
  const pageSize = Number(sp.get("pageSize") ?? defaultPageSize) || defaultPageSize;

  const setFilters = useCallback(
    (next: Record<string, string | undefined | null>) => {
      const out = new URLSearchParams();
      for (const k of filterKeys) {
        const v = next[k];
        if (v !== undefined && v !== null && String(v).trim() !== "") out.set(k, String(v).trim());
      }
      if (pageSize !== defaultPageSize) out.set("pageSize", String(pageSize));
      setSp(out);
    },
    [filterKeys, pageSize, defaultPageSize, setSp],
  );

  const setPage = useCallback(
    (p: number, size: number) => {
      const out = new URLSearchParams(sp);
      out.set("page", String(size !== pageSize ? 1 : p));
      out.set("pageSize", String(size));
      setSp(out);
    },
    [sp, pageSize, setSp],
  );

  return { filters, page, pageSize, setFilters, setPage };
}
