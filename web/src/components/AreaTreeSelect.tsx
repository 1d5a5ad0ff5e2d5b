import { TreeSelect } from "antd";
import { useMemo } from "react";
import { useI18n } from "../i18n";
import { type AreaNode, buildAreaTree, useAreas } from "./queries";

interface TreeOption {
  value: string;
  title: string;
  children: TreeOption[];
}

function toOptions(nodes: AreaNode[], onlyLevel?: string): TreeOption[] {
  return nodes.map((n) => ({
    value: n.id,
    title: n.name,
    selectable: onlyLevel ? n.level === onlyLevel : true,
    children: toOptions(n.children, onlyLevel),
  }));
}

interface Props {
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  /** Only allow picking areas of this level (e.g. 'grid'). */
  level?: "street" | "community" | "grid";
  style?: React.CSSProperties;
}

export function AreaTreeSelect({ value, onChange, placeholder, level, style }: Props) {
  const { t } = useI18n();
  const { data: areas, isLoading } = useAreas();
  const treeData = useMemo(() => toOptions(buildAreaTree(areas ?? []), level), [areas, level]);
  return (
    <TreeSelect
      allowClear
      showSearch
      treeNodeFilterProp="title"
      loading={isLoading}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeData={treeData}
      placeholder={placeholder ?? t("area")}
      style={{ minWidth: 200, ...style }}
      treeDefaultExpandAll={false}
      popupMatchSelectWidth={false}
    />
  );
}
