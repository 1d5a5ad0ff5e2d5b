import { PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, TreeSelect } from "antd";
import { useMemo, useState } from "react";
import { api } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { applyServerErrors } from "../../components/formErrors";
import { type AreaNode, buildAreaTree, useAreas } from "../../components/queries";
import { useI18n } from "../../i18n";
import { label, options, roleLabels } from "../../labels";
import type { Role, UserRow } from "../../types";
import { ResidentSearch } from "../deliberation/ui";

interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  password: string;
  areaIds: string[];
  department?: string;
  residentId?: string;
}

interface TreeOption {
  value: string;
  title: string;
  children: TreeOption[];
}

function toOptions(nodes: AreaNode[]): TreeOption[] {
  return nodes.map((n) => ({ value: n.id, title: n.name, children: toOptions(n.children) }));
}

export default function UsersPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [extra, setExtra] = useState<string[]>([]);
  const [form] = Form.useForm<NewUser>();
  const { data: areas } = useAreas();
  const areaName = useMemo(() => new Map((areas ?? []).map((a) => [a.id, a.name])), [areas]);
  const areaTree = useMemo(() => toOptions(buildAreaTree(areas ?? [])), [areas]);

  const users = useQuery({
    queryKey: ["users"],
    queryFn: () => api.get<{ items: UserRow[] }>("/api/users"),
    select: (d) => d.items,
  });
  const create = useMutation({
    mutationFn: (v: NewUser) => api.post("/api/users", { ...v, department: v.department || undefined, areaIds: v.areaIds ?? [] }),
    onSuccess: () => {
      message.success(t("saved"));
      setOpen(false);
      qc.invalidateQueries({ queryKey: ["users"] });
    },
    onError: (e) =>
      setExtra(
        applyServerErrors(form, e, ["username", "displayName", "role", "password", "areaIds", "department", "residentId"]),
      ),
  });

  return (
    <Card
      size="small"
      title={t("navUsers")}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => {
            form.resetFields();
            create.reset();
            setOpen(true);
          }}
        >
          {t("newUser")}
        </Button>
      }
    >
      {users.error && <ErrorAlert error={users.error} />}
      <Table<UserRow>
        rowKey="id"
        size="small"
        loading={users.isLoading}
        dataSource={users.data ?? []}
        scroll={{ x: "max-content" }}
        pagination={{ pageSize: 50, size: "small", hideOnSinglePage: true }}
        columns={[
          { title: t("username"), dataIndex: "username" },
          { title: t("displayName"), dataIndex: "displayName" },
          { title: t("role"), dataIndex: "role", render: (v: Role) => label(roleLabels, v, lang) },
          { title: t("department"), dataIndex: "department", render: (v) => v ?? "-" },
          {
            title: t("areas"),
            dataIndex: "areaIds",
            render: (ids: string[]) => ids.map((id) => areaName.get(id) ?? id).join("、") || "-",
          },
          {
            title: t("status"),
            key: "status",
            render: (_, u) => (
              <Space size={4}>
                {u.disabled && <Tag color="default">{t("disabled")}</Tag>}
                {u.locked && <Tag color="red">{t("locked")}</Tag>}
                {!u.disabled && !u.locked && <Tag color="green">{t("active")}</Tag>}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={open}
        title={t("newUser")}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
        forceRender
      >
        {create.error && <ErrorAlert error={create.error} extra={extra} />}
        <Form<NewUser> form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
          <Form.Item name="username" label={t("username")} rules={[{ required: true, message: t("requiredField") }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="displayName" label={t("displayName")} rules={[{ required: true, message: t("requiredField") }]}>
            <Input />
          </Form.Item>
          <Form.Item name="role" label={t("role")} rules={[{ required: true, message: t("requiredField") }]}>
            <Select options={options(roleLabels, lang)} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.role !== b.role}>
            {({ getFieldValue }) =>
              getFieldValue("role") === "resident" && (
                <Form.Item name="residentId" label={t("userResident")} extra={t("userResidentHint")}>
                  <ResidentSearch />
                </Form.Item>
              )
            }
          </Form.Item>
          <Form.Item name="password" label={t("password")} rules={[{ required: true, message: t("requiredField") }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="areaIds" label={t("areas")}>
            <TreeSelect multiple treeData={areaTree} showSearch treeNodeFilterProp="title" allowClear />
          </Form.Item>
          <Form.Item name="department" label={t("department")}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
