import { Select } from "antd";
import { useI18n } from "../i18n";
import { tagName } from "../labels";
import { useTags } from "./queries";

interface Props {
  value?: string | string[];
  onChange?: (value: string | string[] | undefined) => void;
  multiple?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
}

export function TagSelect({ value, onChange, multiple, placeholder, style }: Props) {
  const { lang, t } = useI18n();
  const { data: tags, isLoading } = useTags();
  return (
    <Select
      allowClear
      mode={multiple ? "multiple" : undefined}
      loading={isLoading}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      placeholder={placeholder ?? t("tags")}
      optionFilterProp="label"
      options={(tags ?? []).map((tag) => ({
        value: tag.code,
        label: tag.sensitive ? `${tagName(tag, lang)} · ${t("sensitiveTag")}` : tagName(tag, lang),
      }))}
      style={{ minWidth: 160, ...style }}
    />
  );
}
