import { useQuery } from "@tanstack/react-query";
import { Select } from "antd";
import { useEffect, useState } from "react";
import { api } from "../api";
import { useI18n } from "../i18n";
import type { Building, Page } from "../types";

interface Props {
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  initialLabel?: string | null;
  /** Restrict to buildings in this area/grid. */
  areaId?: string;
}

export function BuildingSelect({ value, onChange, initialLabel, areaId }: Props) {
  const { t } = useI18n();
  const [input, setInput] = useState("");
  const [q, setQ] = useState("");
  useEffect(() => {
    const h = setTimeout(() => setQ(input.trim()), 300);
    return () => clearTimeout(h);
  }, [input]);
  const { data, isFetching } = useQuery({
    queryKey: ["buildings", { q, areaId, pageSize: 30 }],
    queryFn: () => api.get<Page<Building>>("/api/buildings", { q, areaId, pageSize: 30 }),
    enabled: q.length > 0 || !!areaId,
  });
  const opts = (data?.items ?? []).map((b) => ({ value: b.id, label: `${b.name} · ${b.address}` }));
  if (value && !opts.some((o) => o.value === value)) opts.unshift({ value, label: initialLabel ?? value });
  return (
    <Select
      showSearch
      allowClear
      value={value ?? undefined}
      filterOption={false}
      onSearch={setInput}
      onChange={(v) => onChange?.(v ?? undefined)}
      loading={isFetching}
      options={opts}
      placeholder={t("building")}
      style={{ width: "100%" }}
    />
  );
}
