import { useQuery } from "@tanstack/react-query";
import { Select } from "antd";
import { useEffect, useState } from "react";
import { api } from "../api";
import { useI18n } from "../i18n";
import type { Household, Page } from "../types";

interface Props {
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  /** Label to show for the initial value before any search. */
  initialLabel?: string | null;
}

function householdLabel(h: Household): string {
  const parts = [h.address];
  if (h.headName) parts.push(`(${h.headName})`);
  return parts.join(" ");
}

/** Remote-search select over households (searches by address/keyword). */
export function HouseholdSelect({ value, onChange, initialLabel }: Props) {
  const { t } = useI18n();
  const [input, setInput] = useState("");
  const [q, setQ] = useState("");
  useEffect(() => {
    const h = setTimeout(() => setQ(input.trim()), 300);
    return () => clearTimeout(h);
  }, [input]);
  const { data, isFetching } = useQuery({
    queryKey: ["households", { q, pageSize: 20 }],
    queryFn: () => api.get<Page<Household>>("/api/households", { q, pageSize: 20 }),
    enabled: q.length > 0,
  });
  const opts = (data?.items ?? []).map((h) => ({ value: h.id, label: householdLabel(h) }));
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
      placeholder={t("searchHousehold")}
      notFoundContent={null}
      style={{ width: "100%" }}
    />
  );
}
