import { EditOutlined, PlusOutlined } from "@ant-design/icons";
import {
  App,
  Button,
  Col,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from "antd";
import { useMemo, useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert";
import { applyServerErrors } from "../../components/formErrors";
import { type TFunction, useI18n } from "../../i18n";
import { categoryName } from "../appeals/CategoryCascader";
import { isMissing, useUnits } from "../appeals/queries";
import { useAdminCategories, useSaveCategory } from "./queries";
import type { AdminCategory, CategoryCreate } from "./types";

interface CatRow extends AdminCategory {
  children?: CatRow[];
}

/** The form's values; `code` and `parentCode` only matter when adding. */
type CategoryForm = CategoryCreate;

const FIELDS: Array<keyof CategoryForm> = [
  "code",
  "parentCode",
  "nameZh",
  "nameEn",
  "defaultUnit",
  "responseHours",
  "resolveDays",
  "resolveHours",
  "urgent",
  "active",
];

const AREA_UNITS = ["grid", "community", "street"] as const;
const areaUnitKey = { grid: "admUnitGrid", community: "admUnitCommunity", street: "admUnitStreet" } as const;

/** Default-unit choices: the area unit where it happened, or a department (by code). */
function useDefaultUnits() {
  const { t } = useI18n();
  const units = useUnits();
  return useMemo(() => {
    const departments = (units.data ?? []).filter((u) => u.kind === "department");
    const names = new Map<string, string>(departments.map((u) => [u.code, u.name]));
    for (const k of AREA_UNITS) names.set(k, t(areaUnitKey[k]));
    const options = [
      { label: t("admUnitByArea"), options: AREA_UNITS.map((k) => ({ value: k, label: t(areaUnitKey[k]) })) },
      { label: t("admDepartments"), options: departments.map((u) => ({ value: u.code, label: u.name })) },
    ];
    return { options, names, loading: units.isLoading };
  }, [units.data, units.isLoading, t]);
}

function limitText(t: TFunction, c: AdminCategory): string {
  if (c.resolveDays !== null) return t("admDays", { n: c.resolveDays });
  if (c.resolveHours !== null) return t("admHours", { n: c.resolveHours });
  return "-";
}

/** Groups with their leaves, filtered by a keyword (a matching group keeps all its leaves). */
function buildTree(items: AdminCategory[], keyword: string, lang: "zh" | "en"): CatRow[] {
  const q = keyword.trim().toLowerCase();
  const hit = (c: AdminCategory) =>
    !q || [c.code, c.nameZh, c.nameEn, categoryName(c, lang)].some((s) => s?.toLowerCase().includes(q));
  const codes = new Set(items.map((c) => c.code));
  const roots = items.filter((c) => !c.parentCode || !codes.has(c.parentCode));
  const out: CatRow[] = [];
  for (const g of roots) {
    const leaves = items.filter((c) => c.parentCode === g.code);
    const shown = hit(g) ? leaves : leaves.filter(hit);
    if (!hit(g) && shown.length === 0) continue;
    out.push({ ...g, children: shown.length ? shown.map((c) => ({ ...c })) : undefined });
  }
  return out;
}

type Editing = { mode: "edit"; cat: AdminCategory } | { mode: "create"; parentCode?: string };

export function CategoriesTab() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const list = useAdminCategories();
  const save = useSaveCategory();
  const units = useDefaultUnits();
  const [form] = Form.useForm<CategoryForm>();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [extra, setExtra] = useState<string[]>([]);
  const [keyword, setKeyword] = useState("");
  const [expanded, setExpanded] = useState<readonly React.Key[] | null>(null);

  const items = list.data ?? [];
  const tree = useMemo(() => buildTree(items, keyword, lang), [items, keyword, lang]);
  const groups = useMemo(() => items.filter((c) => !c.parentCode), [items]);
  const groupKeys = useMemo(() => tree.filter((g) => g.children).map((g) => g.code), [tree]);
  // All groups open until the user folds one; a search opens everything it found.
  const expandedKeys = keyword.trim() || expanded === null ? groupKeys : expanded;

  const isLeaf = editing?.mode === "create" || !!editing?.cat.parentCode;

  function open(next: Editing) {
    form.resetFields();
    save.reset();
    setExtra([]);
    if (next.mode === "edit") {
      const { code, nameZh, nameEn, defaultUnit, responseHours, resolveDays, resolveHours, urgent, active } = next.cat;
      form.setFieldsValue({ code, nameZh, nameEn, defaultUnit, responseHours, resolveDays, resolveHours, urgent, active });
    } else {
      // A new leaf starts from its group's defaults.
      const parent = groups.find((g) => g.code === next.parentCode);
      form.setFieldsValue({
        parentCode: next.parentCode,
        defaultUnit: parent?.defaultUnit ?? null,
        responseHours: parent?.responseHours ?? null,
        resolveDays: parent?.resolveDays ?? null,
        resolveHours: parent?.resolveDays == null ? (parent?.resolveHours ?? null) : null,
        urgent: parent?.urgent ?? false,
        active: true,
      });
    }
    setEditing(next);
  }

  function submit(v: CategoryForm) {
    if (!editing) return;
    const fields = {
      nameZh: v.nameZh.trim(),
      nameEn: v.nameEn.trim(),
      defaultUnit: v.defaultUnit ?? null,
      responseHours: v.responseHours ?? null,
      resolveDays: v.resolveDays ?? null,
      resolveHours: v.resolveHours ?? null,
      urgent: !!v.urgent,
      active: !!v.active,
    };
    const req =
      editing.mode === "edit"
        ? { code: editing.cat.code, body: fields }
        : { code: null, body: { ...fields, code: v.code.trim(), parentCode: v.parentCode } };
    save.mutate(req, {
      onSuccess: () => {
        message.success(t("saved"));
        setEditing(null);
      },
      onError: (e) => setExtra(applyServerErrors(form, e, FIELDS)),
    });
  }

  if (list.error && isMissing(list.error)) return <Empty description={t("featureUnavailable")} />;
  return (
    <>
      {list.error && <ErrorAlert error={list.error} />}
      <Space wrap style={{ marginBottom: 12, width: "100%", justifyContent: "space-between" }}>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={`${t("code")} / ${t("name")}`}
            onSearch={(v) => setKeyword(v)}
            onChange={(e) => !e.target.value && setKeyword("")}
            style={{ width: 220 }}
          />
          <Button size="small" type="link" onClick={() => setExpanded(null)}>
            {t("admExpandAll")}
          </Button>
          <Button size="small" type="link" onClick={() => setExpanded([])}>
            {t("admCollapseAll")}
          </Button>
        </Space>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open({ mode: "create" })} data-testid="category-new">
          {t("admNewCategory")}
        </Button>
      </Space>
      <Table<CatRow>
        rowKey="code"
        size="small"
        loading={list.isLoading}
        dataSource={tree}
        pagination={false}
        scroll={{ x: "max-content" }}
        expandable={{ expandedRowKeys: expandedKeys, onExpandedRowsChange: (keys) => setExpanded(keys) }}
        columns={[
          {
            title: t("name"),
            key: "name",
            render: (_, c) => (
              <Space size={6}>
                <Typography.Text strong={!c.parentCode} type={c.active ? undefined : "secondary"}>
                  {categoryName(c, lang)}
                </Typography.Text>
                {c.parentCode === null && c.children && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    ({c.children.length})
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: t("code"),
            dataIndex: "code",
            render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
          },
          {
            title: lang === "en" ? t("admNameZh") : t("admNameEn"),
            key: "otherName",
            render: (_, c) => (lang === "en" ? c.nameZh : c.nameEn) || "-",
          },
          {
            title: t("admDefaultUnit"),
            dataIndex: "defaultUnit",
            render: (v: string | null) => (v ? (units.names.get(v) ?? v) : "-"),
          },
          {
            title: t("admResponseCol"),
            dataIndex: "responseHours",
            render: (v: number | null) => (v === null ? "-" : t("admHours", { n: v })),
          },
          { title: t("admResolveCol"), key: "resolve", render: (_, c) => limitText(t, c) },
          {
            title: t("status"),
            key: "flags",
            render: (_, c) => (
              <Space size={4}>
                {c.active ? <Tag color="green">{t("admActive")}</Tag> : <Tag>{t("admInactive")}</Tag>}
                {c.urgent && <Tag color="red">{t("urgent")}</Tag>}
              </Space>
            ),
          },
          {
            title: t("actions"),
            key: "actions",
            fixed: "right",
            render: (_, c) => (
              <Space size={0}>
                <Button
                  type="link"
                  size="small"
                  icon={<EditOutlined />}
                  data-testid={`category-edit-${c.code}`}
                  onClick={() => open({ mode: "edit", cat: c })}
                >
                  {t("edit")}
                </Button>
                {!c.parentCode && (
                  <Button
                    type="link"
                    size="small"
                    icon={<PlusOutlined />}
                    data-testid={`category-add-${c.code}`}
                    onClick={() => open({ mode: "create", parentCode: c.code })}
                  >
                    {t("admAddLeaf")}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!editing}
        title={editing?.mode === "edit" ? t("admEditCategory", { name: categoryName(editing.cat, lang) }) : t("admNewCategory")}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText={t("save")}
        confirmLoading={save.isPending}
        forceRender
        width={600}
      >
        {save.error && <ErrorAlert error={save.error} extra={extra} />}
        <Form<CategoryForm> form={form} layout="vertical" onFinish={submit}>
          {editing?.mode === "create" && (
            <Row gutter={12}>
              <Col xs={24} sm={12}>
                <Form.Item name="parentCode" label={t("admParent")} rules={[{ required: true, message: t("requiredField") }]}>
                  <Select
                    showSearch
                    optionFilterProp="label"
                    options={groups.map((g) => ({ value: g.code, label: categoryName(g, lang) }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item
                  name="code"
                  label={t("code")}
                  extra={t("admCodeHint")}
                  rules={[
                    { required: true, message: t("requiredField") },
                    { pattern: /^[a-z0-9_]{2,20}$/, message: t("admCodeHint") },
                  ]}
                >
                  <Input autoComplete="off" maxLength={20} />
                </Form.Item>
              </Col>
            </Row>
          )}
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <Form.Item
                name="nameZh"
                label={t("admNameZh")}
                rules={[{ required: true, whitespace: true, message: t("requiredField") }]}
              >
                <Input maxLength={40} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item
                name="nameEn"
                label={t("admNameEn")}
                rules={[{ required: true, whitespace: true, message: t("requiredField") }]}
              >
                <Input maxLength={80} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="defaultUnit" label={t("admDefaultUnit")}>
            <Select allowClear showSearch optionFilterProp="label" loading={units.loading} options={units.options} />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={24} sm={8}>
              <Form.Item name="responseHours" label={t("admResponseHours")}>
                <InputNumber min={1} max={720} precision={0} style={{ width: "100%" }} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item
                name="resolveDays"
                label={t("admResolveDays")}
                dependencies={["resolveHours"]}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_, days) => {
                      const hours = getFieldValue("resolveHours");
                      if (isLeaf && (days == null) === (hours == null)) return Promise.reject(new Error(t("admResolveOneOf")));
                      return Promise.resolve();
                    },
                  }),
                ]}
              >
                <InputNumber min={1} max={90} precision={0} style={{ width: "100%" }} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name="resolveHours" label={t("admResolveHours")}>
                <InputNumber min={1} max={720} precision={0} style={{ width: "100%" }} />
              </Form.Item>
            </Col>
          </Row>
          {isLeaf && (
            <Typography.Paragraph type="secondary" style={{ marginTop: -8, fontSize: 12 }}>
              {t("admResolveOneOf")}
            </Typography.Paragraph>
          )}
          <Space size={32}>
            <Form.Item name="urgent" label={t("urgent")} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="active" label={t("admActive")} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </>
  );
}
