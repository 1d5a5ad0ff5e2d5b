import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, Empty, Form, Input, Modal, Popconfirm, Select, Space, Table, TreeSelect, Typography } from "antd";
import { useMemo, useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert";
import { applyServerErrors } from "../../components/formErrors";
import { type AreaNode, buildAreaTree, useAreas } from "../../components/queries";
import { useI18n } from "../../i18n";
import { label, areaLevelLabels } from "../../labels";
import { CategoryCascader, categoryName, useCategoryOptions } from "../appeals/CategoryCascader";
import { isMissing, useUnits } from "../appeals/queries";
import { useCreateRule, useDeleteRule, useRoutingRules } from "./queries";
import type { NewRoutingRule, RoutingRule } from "./types";

interface AreaOption {
  value: string;
  title: string;
  selectable: boolean;
  children: AreaOption[];
}

const RULE_LEVELS = new Set(["street", "community", "grid"]);

function toAreaOptions(nodes: AreaNode[]): AreaOption[] {
  return nodes.map((n) => ({
    value: n.id,
    title: n.name,
    selectable: RULE_LEVELS.has(n.level),
    children: toAreaOptions(n.children),
  }));
}

/**
 * A street, community or grid. Like the shared AreaTreeSelect, but that one restricts picking to a
 * single level; a rule may sit at any of the three.
 */
function RuleAreaSelect({ value, onChange }: { value?: string; onChange?: (v: string | undefined) => void }) {
  const { t } = useI18n();
  const { data: areas, isLoading } = useAreas();
  const treeData = useMemo(() => toAreaOptions(buildAreaTree(areas ?? [])), [areas]);
  return (
    <TreeSelect
      allowClear
      showSearch
      treeNodeFilterProp="title"
      loading={isLoading}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeData={treeData}
      placeholder={t("admRuleAreaHint")}
      style={{ width: "100%" }}
      data-testid="rule-area"
    />
  );
}

export function RoutingRulesTab() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const rules = useRoutingRules();
  const create = useCreateRule();
  const remove = useDeleteRule();
  const units = useUnits();
  const { data: areas } = useAreas();
  const { byCode } = useCategoryOptions();
  const [form] = Form.useForm<NewRoutingRule>();
  const [open, setOpen] = useState(false);
  const [extra, setExtra] = useState<string[]>([]);
  const [keyword, setKeyword] = useState("");

  const areaById = useMemo(() => new Map((areas ?? []).map((a) => [a.id, a])), [areas]);
  const catName = (r: RoutingRule) => {
    const c = byCode.get(r.categoryCode);
    return c ? categoryName(c, lang) : r.categoryName;
  };
  const groupName = (code: string) => {
    const parent = byCode.get(code)?.parentCode;
    const g = parent ? byCode.get(parent) : undefined;
    return g ? categoryName(g, lang) : null;
  };

  const unitOptions = useMemo(() => {
    const list = units.data ?? [];
    return [
      {
        label: t("admDepartments"),
        options: list.filter((u) => u.kind === "department").map((u) => ({ value: u.id, label: u.name })),
      },
      {
        label: t("admAreaUnits"),
        options: list.filter((u) => u.kind === "area").map((u) => ({ value: u.id, label: u.name })),
      },
    ];
  }, [units.data, t]);

  const shown = useMemo(() => {
    const q = keyword.trim().toLowerCase();
    const items = rules.data ?? [];
    if (!q) return items;
    return items.filter((r) => {
      const c = byCode.get(r.categoryCode);
      const names = [r.categoryCode, r.categoryName, c ? categoryName(c, lang) : "", r.areaName, r.unitName];
      return names.some((s) => s.toLowerCase().includes(q));
    });
  }, [rules.data, keyword, byCode, lang]);

  function submit(v: NewRoutingRule) {
    create.mutate(v, {
      onSuccess: () => {
        message.success(t("saved"));
        setOpen(false);
      },
      onError: (e) => setExtra(applyServerErrors(form, e, ["categoryCode", "areaId", "unitId"])),
    });
  }

  if (rules.error && isMissing(rules.error)) return <Empty description={t("featureUnavailable")} />;
  return (
    <>
      {rules.error && <ErrorAlert error={rules.error} />}
      {remove.error && <ErrorAlert error={remove.error} />}
      <Typography.Paragraph type="secondary">{t("admRulesHint")}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12, width: "100%", justifyContent: "space-between" }}>
        <Input.Search
          allowClear
          placeholder={t("keyword")}
          onSearch={(v) => setKeyword(v)}
          onChange={(e) => !e.target.value && setKeyword("")}
          style={{ width: 220 }}
        />
        <Button
          type="primary"
          icon={<PlusOutlined />}
          data-testid="rule-new"
          onClick={() => {
            form.resetFields();
            create.reset();
            setExtra([]);
            setOpen(true);
          }}
        >
          {t("admNewRule")}
        </Button>
      </Space>
      <Table<RoutingRule>
        rowKey="id"
        size="small"
        loading={rules.isLoading}
        dataSource={shown}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: t("admNoRules") }}
        pagination={{ pageSize: 50, size: "small", hideOnSinglePage: true, showTotal: (n) => t("total", { n }) }}
        columns={[
          {
            title: t("appealCategory"),
            key: "category",
            sorter: (a, b) => a.categoryCode.localeCompare(b.categoryCode),
            render: (_, r) => (
              <Space size={4} wrap>
                {groupName(r.categoryCode) && <Typography.Text type="secondary">{groupName(r.categoryCode)} /</Typography.Text>}
                <span>{catName(r)}</span>
              </Space>
            ),
          },
          {
            title: t("admRuleArea"),
            key: "area",
            sorter: (a, b) => a.areaName.localeCompare(b.areaName, "zh"),
            render: (_, r) => {
              const a = areaById.get(r.areaId);
              return (
                <Space size={4}>
                  <span>{r.areaName}</span>
                  {a && <Typography.Text type="secondary">({label(areaLevelLabels, a.level, lang)})</Typography.Text>}
                </Space>
              );
            },
          },
          {
            title: t("admRuleUnit"),
            dataIndex: "unitName",
            sorter: (a, b) => a.unitName.localeCompare(b.unitName, "zh"),
          },
          {
            title: t("actions"),
            key: "actions",
            render: (_, r) => (
              <Popconfirm
                title={t("confirmDelete")}
                onConfirm={() => remove.mutate(r.id, { onSuccess: () => message.success(t("deleted")) })}
              >
                <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid={`rule-delete-${r.id}`}>
                  {t("delete")}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <Modal
        open={open}
        title={t("admNewRule")}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t("save")}
        confirmLoading={create.isPending}
        forceRender
      >
        {create.error && <ErrorAlert error={create.error} extra={extra} />}
        <Form<NewRoutingRule> form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="categoryCode" label={t("appealCategory")} rules={[{ required: true, message: t("requiredField") }]}>
            <CategoryCascader placeholder={t("appealCategory")} testId="rule-category" />
          </Form.Item>
          <Form.Item name="areaId" label={t("admRuleArea")} rules={[{ required: true, message: t("requiredField") }]}>
            <RuleAreaSelect />
          </Form.Item>
          <Form.Item name="unitId" label={t("admRuleUnit")} rules={[{ required: true, message: t("requiredField") }]}>
            <Select
              showSearch
              allowClear
              optionFilterProp="label"
              loading={units.isLoading}
              options={unitOptions}
              data-testid="rule-unit"
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
