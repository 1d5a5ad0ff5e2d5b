import { Cascader } from "antd";
import { useMemo } from "react";
import { useI18n } from "../../i18n";
import type { AppealCategory } from "../../types";
import { useCategories } from "./queries";

interface Option {
  value: string;
  label: string;
  children?: Option[];
}

export function categoryName(c: Pick<AppealCategory, "nameZh" | "nameEn">, lang: "zh" | "en"): string {
  return lang === "en" ? c.nameEn || c.nameZh : c.nameZh;
}

/** Two-level catalogue as cascader options: groups with their leaves; childless groups are leaves. */
export function useCategoryOptions(): { options: Option[]; byCode: Map<string, AppealCategory>; loading: boolean } {
  const { lang } = useI18n();
  const { data, isLoading } = useCategories();
  return useMemo(() => {
    const items = data ?? [];
    const byCode = new Map(items.map((c) => [c.code, c]));
    const groups = items.filter((c) => !c.parentCode);
    const options = groups.map((g) => {
      const children = items.filter((c) => c.parentCode === g.code).map((c) => ({ value: c.code, label: categoryName(c, lang) }));
      return { value: g.code, label: categoryName(g, lang), children: children.length ? children : undefined };
    });
    return { options, byCode, loading: isLoading };
  }, [data, lang, isLoading]);
}

interface Props {
  value?: string | null;
  onChange?: (code: string | null) => void;
  placeholder?: string;
  testId?: string;
}

/** Picks one leaf (or a childless group) of the catalogue; empty means "let the system suggest". */
export function CategoryCascader({ value, onChange, placeholder, testId }: Props) {
  const { t } = useI18n();
  const { options, byCode, loading } = useCategoryOptions();
  const path = useMemo(() => {
    if (!value) return undefined;
    const c = byCode.get(value);
    if (!c) return [value];
    return c.parentCode ? [c.parentCode, c.code] : [c.code];
  }, [value, byCode]);
  return (
    <Cascader
      data-testid={testId}
      options={options}
      value={path}
      loading={loading}
      allowClear
      showSearch={{ filter: (input, opts) => opts.some((o) => String(o.label).includes(input.trim())) }}
      placeholder={placeholder ?? t("categoryUnsure")}
      onChange={(v) => {
        const list = (v ?? []) as string[];
        onChange?.(list.length ? list[list.length - 1] : null);
      }}
      style={{ width: "100%" }}
    />
  );
}
